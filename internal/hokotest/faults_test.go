package hokotest

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// freshConnClient sends each request on a new connection. Go's transport
// silently retries an idempotent request that fails on a reused connection,
// which would hide a dropped GET from the test.
func freshConnClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

// send issues one request and returns the status, or 0 and the error when no
// response arrived.
func (f *fixture) send(t *testing.T, c *http.Client, method, body string) (int, error) {
	t.Helper()
	req, err := http.NewRequest(method, f.ts.URL+"/api/collections", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+f.key)
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func TestFaults_EachKindDoesWhatItSays(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		faults      Faults
		method      string
		status      int // 0: the client sees a transport error
		message     string
		applied     bool
		faultsCount int
		limited     int
	}{
		{name: "fail before write", faults: Faults{FailBeforeWrite: 1}, method: "PUT", status: 500, message: "injected before", faultsCount: 1},
		{name: "fail after write", faults: Faults{FailAfterWrite: 1}, method: "PUT", status: 502, message: "injected after", applied: true, faultsCount: 1},
		{name: "drop before write", faults: Faults{DropBeforeWrite: 1}, method: "PUT", applied: false, faultsCount: 1},
		{name: "drop after write", faults: Faults{DropAfterWrite: 1}, method: "PUT", applied: true, faultsCount: 1},
		{name: "fail after write on POST", faults: Faults{FailAfterWrite: 1}, method: "POST", status: 502, applied: true, faultsCount: 1},
		{name: "rate limited", faults: Faults{RateLimited: 1}, method: "PUT", status: 429, message: "Rate limit exceeded", limited: 1},
		{name: "rate limited wins over the rest", faults: Faults{RateLimited: 1, FailBeforeWrite: 1, DropAfterWrite: 1},
			method: "PUT", status: 429, limited: 1},
		{name: "fail after write on GET", faults: Faults{FailAfterWrite: 1}, method: "GET", status: 502, faultsCount: 1},
		{name: "drop after write on GET", faults: Faults{DropAfterWrite: 1}, method: "GET", faultsCount: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.srv.SetFaults(tc.faults)
			body := ""
			if tc.method != "GET" {
				body = `[{"name":"faulty"}]`
			}
			req, _ := http.NewRequest(tc.method, f.ts.URL+"/api/collections", strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+f.key)
			resp, err := freshConnClient().Do(req)
			switch {
			case tc.status == 0 && err == nil:
				resp.Body.Close()
				t.Fatalf("got status %d, want a dropped connection", resp.StatusCode)
			case tc.status == 0:
				// The drop reached the client as a transport error: good.
			case err != nil:
				t.Fatalf("transport error %v, want status %d", err, tc.status)
			default:
				raw, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				response{status: resp.StatusCode, header: resp.Header, body: raw}.wantError(t, tc.status, tc.message)
			}
			_, applied := f.srv.CollectionByName("faulty")
			if tc.method != "GET" && applied != tc.applied {
				t.Errorf("write applied = %v, want %v", applied, tc.applied)
			}
			st := f.srv.Stats()
			if st.FaultsInjected != tc.faultsCount || st.RateLimited != tc.limited {
				t.Errorf("stats = %+v, want %d faults and %d rate limited", st, tc.faultsCount, tc.limited)
			}
		})
	}
}

func TestFaults_InjectedRateLimitCarriesRetryAfter(t *testing.T) {
	t.Parallel()
	cases := []struct {
		retryAfter time.Duration
		body       float64
		header     string
	}{
		{0, 0.05, "1"}, // the default is 50ms
		{250 * time.Millisecond, 0.25, "1"},
		{1500 * time.Millisecond, 1.5, "2"},
		{3 * time.Second, 3, "3"},
	}
	for _, tc := range cases {
		t.Run(tc.retryAfter.String(), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.srv.SetFaults(Faults{RateLimited: 1, RetryAfter: tc.retryAfter})
			r := f.do(t, "GET", "/api/collections", f.key, "")
			e := r.wantError(t, http.StatusTooManyRequests, "Rate limit exceeded")
			if e.RetryAfter == nil || *e.RetryAfter != tc.body {
				t.Errorf("retryAfter = %v, want %v; body %s", e.RetryAfter, tc.body, r.body)
			}
			if got := r.header.Get("Retry-After"); got != tc.header {
				t.Errorf("Retry-After = %q, want %q", got, tc.header)
			}
		})
	}
}

func TestFaults_SameSeedSameFate(t *testing.T) {
	t.Parallel()
	faults := Faults{Seed: 42, FailBeforeWrite: 0.3, RateLimited: 0.2, FailAfterWrite: 0.2}
	run := func() []int {
		f := newFixture(t)
		f.srv.SetFaults(faults)
		var statuses []int
		for range 30 {
			statuses = append(statuses, f.do(t, "GET", "/api/collections", f.key, "").status)
		}
		return statuses
	}
	first, second := run(), run()
	if !slices.Equal(first, second) {
		t.Fatalf("same seed, different outcomes:\n%v\n%v", first, second)
	}
	seen := map[int]bool{}
	for _, s := range first {
		seen[s] = true
	}
	for _, want := range []int{200, 429, 500, 502} {
		if !seen[want] {
			t.Errorf("30 requests at these rates never gave %d: %v", want, first)
		}
	}
}

func TestFaults_SetFaultsRestartsTheSequence(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	faults := Faults{Seed: 7, FailBeforeWrite: 0.5}
	sample := func() []int {
		f.srv.SetFaults(faults)
		var out []int
		for range 12 {
			out = append(out, f.do(t, "GET", "/api/collections", f.key, "").status)
		}
		return out
	}
	if a, b := sample(), sample(); !slices.Equal(a, b) {
		t.Fatalf("restarted sequence differs:\n%v\n%v", a, b)
	}
	f.srv.SetFaults(Faults{})
	for range 5 {
		f.do(t, "GET", "/api/collections", f.key, "").wantStatus(t, http.StatusOK)
	}
}

func TestFaults_AfterWriteFaultsSpareRefusedWrites(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SetFaults(Faults{FailAfterWrite: 1, DropAfterWrite: 1})
	// A refused write has nothing to lose, so the client sees the real 400.
	f.do(t, "PUT", "/api/collections", f.key, `[{"name":""}]`).wantError(t, http.StatusBadRequest, "name must be")
	f.do(t, "PUT", "/api/collections", "", `[{"name":"x"}]`).wantStatus(t, http.StatusUnauthorized)
}

func TestFaults_OnlyTheAPIPathIsFaulted(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SetFaults(Faults{FailBeforeWrite: 1})
	f.do(t, "GET", "/api/other", f.key, "").wantStatus(t, http.StatusNotFound)
	f.do(t, "GET", "/_mock/stats", "", "").wantStatus(t, http.StatusOK)
	f.do(t, "GET", "/api/collections", f.key, "").wantStatus(t, http.StatusInternalServerError)
}

func TestFaults_RequestsAreRecordedEvenWhenDropped(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SetFaults(Faults{DropBeforeWrite: 1})
	if _, err := f.send(t, freshConnClient(), "PUT", `[{"name":"lost"}]`); err == nil {
		t.Fatal("want a transport error")
	}
	reqs := f.srv.Requests()
	if len(reqs) != 1 || string(reqs[0].Body) != `[{"name":"lost"}]` {
		t.Fatalf("recorded %+v, want the dropped PUT with its body", reqs)
	}
}
