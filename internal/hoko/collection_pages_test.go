package hoko_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// newPagesMock starts a mock Hoko server holding the default Links collection
// and seeded more, and returns it with a client allowed to read it.
func newPagesMock(t *testing.T, seeded int) (*hokotest.Server, *hoko.Client) {
	t.Helper()
	srv := hokotest.NewServer()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	srv.SeedN(seeded, "bulk")
	client, err := hoko.New(hoko.Config{Endpoint: ts.URL, APIKey: srv.NewKey(hokotest.ScopeRead), UserAgent: "pages-test"})
	if err != nil {
		t.Fatal(err)
	}
	return srv, client
}

// pagesQueries returns the take, skip and sort each GET carried, in order.
func pagesQueries(srv *hokotest.Server) [][3]string {
	var out [][3]string
	for _, req := range srv.RequestsMatching(http.MethodGet) {
		out = append(out, [3]string{req.Query.Get("take"), req.Query.Get("skip"), req.Query.Get("sort")})
	}
	return out
}

func TestCollectionPages_YieldsEveryPageInOrder(t *testing.T) {
	t.Parallel()
	srv, client := newPagesMock(t, hoko.MaxItemsPerRequest) // with Links: one full page and one more item
	want := srv.Collections()                               // oldest first

	var sizes []int
	var got []hoko.Collection
	for page, err := range client.Collections().Pages(context.Background(), hoko.ListOptions{Sort: hoko.SortAsc}) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page))
		got = append(got, page...)
	}
	if len(sizes) != 2 || sizes[0] != hoko.MaxItemsPerRequest || sizes[1] != 1 {
		t.Fatalf("page sizes = %v, want [%d 1]", sizes, hoko.MaxItemsPerRequest)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d collections, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].ID != want[i].ID || got[i].Name != want[i].Name {
			t.Fatalf("collection %d = %s %q, want %s %q", i, got[i].ID, got[i].Name, want[i].ID, want[i].Name)
		}
	}
	queries := pagesQueries(srv)
	wantQueries := [][3]string{{"10000", "", "asc"}, {"10000", "10000", "asc"}}
	if len(queries) != 2 || queries[0] != wantQueries[0] || queries[1] != wantQueries[1] {
		t.Errorf("GET queries (take, skip, sort) = %v, want %v", queries, wantQueries)
	}
}

func TestCollectionPages_StopsWhenTheCallerStops(t *testing.T) {
	t.Parallel()
	srv, client := newPagesMock(t, hoko.MaxItemsPerRequest)
	pages := 0
	for page, err := range client.Collections().Pages(context.Background(), hoko.ListOptions{Sort: hoko.SortDesc}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if page[0].Name != "bulk-10000" {
			t.Errorf("newest first: first item is %q, want bulk-10000", page[0].Name)
		}
		break
	}
	if pages != 1 {
		t.Fatalf("ranged over %d pages, want 1", pages)
	}
	if queries := pagesQueries(srv); len(queries) != 1 {
		t.Errorf("sent %d GETs after the caller stopped at the first page, want 1: %v", len(queries), queries)
	}
}

func TestCollectionPages_ExactMultipleEndsWithoutEmptyPage(t *testing.T) {
	t.Parallel()
	srv, client := newPagesMock(t, hoko.MaxItemsPerRequest-1) // with Links: exactly one full page
	var sizes []int
	for page, err := range client.Collections().Pages(context.Background(), hoko.ListOptions{Sort: ""}) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page))
	}
	if len(sizes) != 1 || sizes[0] != hoko.MaxItemsPerRequest {
		t.Fatalf("page sizes = %v, want one full page and no empty one", sizes)
	}
	// The API marks the end only with a short page, so an empty second one is
	// the only way to know the list ended; it is asked for but not yielded.
	queries := pagesQueries(srv)
	if len(queries) != 2 || queries[0][2] != "" {
		t.Errorf("GET queries = %v, want two pages without a sort parameter", queries)
	}
}

func TestCollectionPages_ErrorEndsIteration(t *testing.T) {
	t.Parallel()
	srv := hokotest.NewServer()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	client, err := hoko.New(hoko.Config{Endpoint: ts.URL, APIKey: "not-a-key", UserAgent: "pages-test"})
	if err != nil {
		t.Fatal(err)
	}
	steps := 0
	var last error
	for page, err := range client.Collections().Pages(context.Background(), hoko.ListOptions{Sort: hoko.SortAsc}) {
		steps++
		if page != nil {
			t.Errorf("an error step carried a page of %d", len(page))
		}
		last = err
	}
	if steps != 1 || hoko.StatusCode(last) != http.StatusUnauthorized {
		t.Fatalf("got %d steps ending with %v, want one step with the 401", steps, last)
	}
}
