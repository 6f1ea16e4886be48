package hokotest

import (
	"net/http"
	"reflect"
	"testing"
)

func TestRecorder_RecordsWhatTheClientSent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.do(t, "GET", "/api/collections?take=5&sort=asc", f.key, "").wantStatus(t, http.StatusOK)
	// Refused requests are recorded too, body and all.
	f.do(t, "PUT", "/api/collections", "bad-key", `[{"name":"nope"}]`).wantStatus(t, http.StatusUnauthorized)
	f.do(t, "DELETE", "/api/collections", f.readOnly, `["x"]`).wantStatus(t, http.StatusForbidden)
	f.do(t, "GET", "/api/wrong", f.key, "").wantStatus(t, http.StatusNotFound)
	f.do(t, "GET", "/_mock/stats", "", "").wantStatus(t, http.StatusOK)

	reqs := f.srv.Requests()
	if len(reqs) != 4 {
		t.Fatalf("recorded %d requests, want 4 (debug endpoints are not recorded)", len(reqs))
	}
	get := reqs[0]
	if get.Method != "GET" || get.Path != "/api/collections" || get.Query.Get("take") != "5" || get.Query.Get("sort") != "asc" || len(get.Body) != 0 {
		t.Errorf("GET recorded as %+v", get)
	}
	if got := get.Header.Get("Authorization"); got != "Bearer "+f.key {
		t.Errorf("recorded Authorization = %q", got)
	}
	put := reqs[1]
	if put.Method != "PUT" || string(put.Body) != `[{"name":"nope"}]` || put.Header.Get("Content-Type") != "application/json" {
		t.Errorf("refused PUT recorded as %+v (body %s)", put, put.Body)
	}
	if reqs[3].Path != "/api/wrong" {
		t.Errorf("404 request recorded with path %q", reqs[3].Path)
	}

	deletes := f.srv.RequestsMatching("DELETE")
	if len(deletes) != 1 || string(deletes[0].Body) != `["x"]` {
		t.Errorf("RequestsMatching(DELETE) = %+v", deletes)
	}
	if got := f.srv.RequestsMatching("POST"); len(got) != 0 {
		t.Errorf("RequestsMatching(POST) = %+v, want none", got)
	}
}

func TestRecorder_ReturnsCopies(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.do(t, "PUT", "/api/collections?x=1", f.key, `[{"name":"a"}]`).wantStatus(t, http.StatusOK)
	first := f.srv.Requests()
	first[0].Body[0] = 'X'
	first[0].Header.Set("Authorization", "changed")
	first[0].Query.Set("x", "changed")
	first[0].Method = "changed"
	again := f.srv.Requests()[0]
	if string(again.Body) != `[{"name":"a"}]` || again.Header.Get("Authorization") == "changed" || again.Query.Get("x") != "1" || again.Method != "PUT" {
		t.Fatalf("editing a returned request changed the record: %+v", again)
	}
}

func TestRecorder_BodiesCanBeTurnedOff(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SetRecordBodies(false)
	f.do(t, "PUT", "/api/collections", f.key, `[{"name":"a"}]`).wantStatus(t, http.StatusOK)
	f.srv.SetRecordBodies(true)
	f.do(t, "PUT", "/api/collections", f.key, `[{"name":"b"}]`).wantStatus(t, http.StatusOK)
	reqs := f.srv.Requests()
	if len(reqs) != 2 || reqs[0].Body != nil || string(reqs[1].Body) != `[{"name":"b"}]` {
		t.Fatalf("bodies recorded as %q and %q, want nil and the second body", reqs[0].Body, reqs[1].Body)
	}
}

func TestStats_CountsAndReset(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if st := f.srv.Stats(); st.Requests != 0 || st.ByMethod == nil || len(st.ByMethod) != 0 {
		t.Fatalf("fresh stats = %+v, want zero with an empty, non-nil map", st)
	}
	f.do(t, "GET", "/api/collections", f.key, "")
	f.do(t, "GET", "/api/collections", "", "")
	f.do(t, "POST", "/api/collections", f.key, `[{"name":"p"}]`)
	f.do(t, "DELETE", "/api/collections", f.key, `[]`)
	f.srv.SetFaults(Faults{FailBeforeWrite: 1})
	f.do(t, "PUT", "/api/collections", f.key, `[{"name":"q"}]`)
	f.srv.SetFaults(Faults{RateLimited: 1})
	f.do(t, "PUT", "/api/collections", f.key, `[{"name":"q"}]`)
	f.srv.SetFaults(Faults{})

	want := Stats{
		Requests:       6,
		ByMethod:       map[string]int{"GET": 2, "POST": 1, "DELETE": 1, "PUT": 2},
		ByKind:         map[Kind]map[string]int{KindCollection: {"GET": 2, "POST": 1, "DELETE": 1, "PUT": 2}},
		FaultsInjected: 1,
		RateLimited:    1,
	}
	if got := f.srv.Stats(); !reflect.DeepEqual(got, want) {
		t.Fatalf("stats = %+v, want %+v", got, want)
	}
	got := f.srv.Stats()
	got.ByMethod["GET"] = 99
	if f.srv.Stats().ByMethod["GET"] != 2 {
		t.Fatal("editing the returned map changed the counters")
	}

	f.srv.ResetRequests()
	if st := f.srv.Stats(); st.Requests != 0 || st.FaultsInjected != 0 || st.RateLimited != 0 || len(st.ByMethod) != 0 {
		t.Fatalf("after reset: %+v", st)
	}
	if n := len(f.srv.Requests()); n != 0 {
		t.Fatalf("after reset: %d requests recorded", n)
	}
}

func TestStats_MethodCountsInMethodOrder(t *testing.T) {
	t.Parallel()
	st := Stats{ByMethod: map[string]int{"PUT": 14, "DELETE": 3, "GET": 2}}
	if got, want := st.MethodCounts(), "DELETE 3, GET 2, PUT 14"; got != want {
		t.Errorf("MethodCounts() = %q, want %q", got, want)
	}
	if got := (Stats{}).MethodCounts(); got != "" {
		t.Errorf("no requests: %q, want empty", got)
	}
}
