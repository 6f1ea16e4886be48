package hoko_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// bubbleLatency is the mock's latency in the coalescing tests. Inside a
// synctest bubble time is fake, so it costs no real time and every wait
// ends in a known order.
const bubbleLatency = 20 * time.Millisecond

// memTransport hands requests straight to the mock in the calling goroutine.
// Without sockets every goroutine of a test stays inside its synctest bubble,
// so synctest.Wait can tell when all callers are queued or in flight.
type memTransport struct{ h http.Handler }

// RoundTrip serves req with the handler, and reports a cancelled request the
// way net/http does: as an error, not as the mock's unanswered response.
func (m memTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	m.h.ServeHTTP(rec, req)
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	return rec.Result(), nil
}

// newBubbleClient returns a mock with bubbleLatency and a client that reaches
// it through memTransport. cfg's endpoint, key and HTTP client are set here.
// Call it inside synctest.Test.
func newBubbleClient(t *testing.T, cfg hoko.Config) (*hokotest.Server, *hoko.Client) {
	t.Helper()
	srv := hokotest.NewServer()
	srv.SetLatency(bubbleLatency)
	cfg.Endpoint = "http://127.0.0.1"
	cfg.APIKey = srv.NewKey(hokotest.ScopeRead, hokotest.ScopeWrite)
	cfg.HTTPClient = &http.Client{Transport: memTransport{srv}}
	client, err := hoko.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return srv, client
}

// putNames returns, for each PUT the mock received, the names its items
// carried, sorted within each request (callers queue in no fixed order).
func putNames(t *testing.T, srv *hokotest.Server) [][]string {
	t.Helper()
	var out [][]string
	for _, req := range srv.RequestsMatching(http.MethodPut) {
		var items []struct {
			Name string `json:"name"`
		}
		if err := json.Unmarshal(req.Body, &items); err != nil {
			t.Fatalf("PUT body %s: %v", req.Body, err)
		}
		names := make([]string, len(items))
		for i, item := range items {
			names[i] = item.Name
		}
		slices.Sort(names)
		out = append(out, names)
	}
	return out
}

// deleteIDs returns the ids of each DELETE the mock received, sorted within
// each request.
func deleteIDs(t *testing.T, srv *hokotest.Server) [][]string {
	t.Helper()
	var out [][]string
	for _, req := range srv.RequestsMatching(http.MethodDelete) {
		var ids []string
		if err := json.Unmarshal(req.Body, &ids); err != nil {
			t.Fatalf("DELETE body %s: %v", req.Body, err)
		}
		slices.Sort(ids)
		out = append(out, ids)
	}
	return out
}

// sizes returns the length of each batch, sorted, for comparing batches
// whose order among themselves is not fixed.
func sizes(batches [][]string) []int {
	out := make([]int, len(batches))
	for i, b := range batches {
		out[i] = len(b)
	}
	slices.Sort(out)
	return out
}

// getQueries returns the query string of each GET the mock received.
func getQueries(srv *hokotest.Server) []string {
	var out []string
	for _, req := range srv.RequestsMatching(http.MethodGet) {
		out = append(out, req.Query.Encode())
	}
	return out
}

// seededIDs seeds n collections named prefix-00001 and on, and returns their ids.
func seededIDs(srv *hokotest.Server, n int, prefix string) []string {
	var ids []string
	for _, c := range srv.SeedN(n, prefix) {
		ids = append(ids, c.ID)
	}
	return ids
}
