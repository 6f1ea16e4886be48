package hokotest

import (
	"encoding/json"
	"net/http"
	"testing"
)

func TestRouting_UnknownPathsAre404(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, path := range []string{"/", "/api", "/api/collection", "/api/collections/", "/api/collections/550e8400-e29b-41d4-a716-446655440000", "/api/link", "/api/tags/", "/api/Links", "/api/tags/550e8400-e29b-41d4-a716-446655440000"} {
		t.Run(path, func(t *testing.T) {
			f.do(t, "GET", path, f.key, "").wantError(t, http.StatusNotFound, "unknown endpoint")
		})
	}
}

func TestRouting_OtherMethodsAre405(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, method := range []string{"PATCH", "OPTIONS", "TRACE"} {
		t.Run(method, func(t *testing.T) {
			r := f.do(t, method, "/api/collections", f.key, "")
			r.wantError(t, http.StatusMethodNotAllowed, "not allowed")
			if allow := r.header.Get("Allow"); allow != "GET, POST, PUT, DELETE" {
				t.Errorf("Allow = %q", allow)
			}
		})
	}
}

func TestDebug_Endpoints(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.Seed("seeded", nil)
	f.do(t, "GET", "/api/collections", f.key, "").wantStatus(t, http.StatusOK)
	f.do(t, "PUT", "/api/collections", f.key, `[{"name":"via api"}]`).wantStatus(t, http.StatusOK)

	// No key is needed and nothing here is recorded.
	r := f.do(t, "GET", "/_mock/stats", "", "").wantStatus(t, http.StatusOK)
	var stats map[string]any
	if err := json.Unmarshal(r.body, &stats); err != nil {
		t.Fatal(err)
	}
	if stats["requests"] != float64(2) {
		t.Errorf("stats = %s, want 2 requests", r.body)
	}
	if bm, _ := stats["byMethod"].(map[string]any); bm["GET"] != float64(1) || bm["PUT"] != float64(1) {
		t.Errorf("byMethod = %v", stats["byMethod"])
	}
	for _, k := range []string{"faultsInjected", "rateLimited"} {
		if _, ok := stats[k]; !ok {
			t.Errorf("stats lack %q: %s", k, r.body)
		}
	}

	got := f.do(t, "GET", "/_mock/collections", "", "").wantStatus(t, http.StatusOK).objects(t)
	if want := []string{"Links", "seeded", "via api"}; len(got) != 3 || got[0].Name != want[0] || got[1].Name != want[1] || got[2].Name != want[2] {
		t.Errorf("/_mock/collections = %v, want %v", names(got), want)
	}

	f.do(t, "GET", "/_mock/nope", "", "").wantError(t, http.StatusNotFound, "unknown mock endpoint")
	f.do(t, "POST", "/_mock/stats", "", "").wantError(t, http.StatusMethodNotAllowed, "use GET")

	if n := len(f.srv.Requests()); n != 2 {
		t.Errorf("recorded %d requests, want the 2 API requests only", n)
	}
}
