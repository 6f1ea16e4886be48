package hoko

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// MockAnswer returns the body srv answers a GET of target with, asked with
// a key of the given scope: a page as the mock serves it, for benchmarks
// that feed the client a canned answer. It is exported for the external
// test package; being in a _test.go file, it is not part of the API.
func MockAnswer(tb testing.TB, srv *hokotest.Server, scope, target string) []byte {
	tb.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Header.Set("Authorization", "Bearer "+srv.NewKey(scope))
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		tb.Fatalf("GET %s: mock answered %d", target, rec.Code)
	}
	return rec.Body.Bytes()
}
