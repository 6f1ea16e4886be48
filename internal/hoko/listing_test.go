package hoko_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// pagingServer answers every listing with page(take, skip), as JSON objects
// of collections with the ids it returns, and records the queries it saw.
func pagingServer(t *testing.T, page func(take, skip int) []string) (*hoko.Client, func() []string) {
	t.Helper()
	var mu sync.Mutex
	var queries []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		queries = append(queries, r.URL.RawQuery)
		mu.Unlock()
		take, _ := strconv.Atoi(r.URL.Query().Get("take"))
		skip, _ := strconv.Atoi(r.URL.Query().Get("skip"))
		w.Header().Set("Content-Type", "application/json")
		ids := page(take, skip)
		if ids == nil { // too large: more than the client reads
			_, _ = w.Write([]byte(strings.Repeat(" ", 65<<20)))
			return
		}
		objs := make([]string, len(ids))
		for i, id := range ids {
			objs[i] = fmt.Sprintf(`{"id":%q,"name":%q,"createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-01-01T00:00:00Z"}`, id, id)
		}
		_, _ = w.Write([]byte("[" + strings.Join(objs, ",") + "]"))
	}))
	t.Cleanup(ts.Close)
	client, err := hoko.New(hoko.Config{Endpoint: ts.URL, APIKey: "k", DisableBatching: true})
	if err != nil {
		t.Fatal(err)
	}
	return client, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), queries...)
	}
}

// ids returns n ids from first on.
func ids(first, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("id-%06d", first+i)
	}
	return out
}

// TestListing_ServerThatIgnoresSkipEnds pins that a cache that ignores skip
// (every page the same full page) ends the listing with an error instead of
// reading forever: it once reached 8.6 GB before Ctrl-C stopped it.
func TestListing_ServerThatIgnoresSkipEnds(t *testing.T) {
	t.Parallel()
	client, queries := pagingServer(t, func(take, _ int) []string { return ids(0, take) })
	_, err := client.Collections().All(context.Background(), hoko.ListOptions{Sort: hoko.SortAsc})
	if err == nil || !strings.Contains(err.Error(), "keeps repeating itself") {
		t.Fatalf("err = %v, want the repeating-server error", err)
	}
	if n := len(queries()); n != 2 {
		t.Fatalf("%d requests, want 2: the second page added nothing new", n)
	}
}

// TestListing_DuplicatesAreDropped pins that an object seen on an earlier
// page (offset paging over a changing workspace, tags' id order) is listed
// once.
func TestListing_DuplicatesAreDropped(t *testing.T) {
	t.Parallel()
	client, _ := pagingServer(t, func(take, skip int) []string {
		if skip == 0 {
			return ids(0, take)
		}
		return ids(take-3, 5) // three seen before, two new, and the end
	})
	all, err := client.Collections().All(context.Background(), hoko.ListOptions{Sort: hoko.SortAsc})
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]bool)
	for _, col := range all {
		if seen[col.ID] {
			t.Fatalf("%s listed twice", col.ID)
		}
		seen[col.ID] = true
	}
	if len(all) != hoko.MaxItemsPerRequest+2 {
		t.Fatalf("listed %d, want %d", len(all), hoko.MaxItemsPerRequest+2)
	}
}

// TestListing_TooLargePageIsReadInSmallerPages pins that a workspace whose
// page of 10,000 exceeds the answer cap (large descriptions) can still be
// listed: the same offset is asked for again in smaller pages.
func TestListing_TooLargePageIsReadInSmallerPages(t *testing.T) {
	t.Parallel()
	client, queries := pagingServer(t, func(take, skip int) []string {
		if take > 1000 {
			return nil
		}
		if skip == 0 {
			return ids(0, take)
		}
		return ids(skip, 7)
	})
	all, err := client.Collections().All(context.Background(), hoko.ListOptions{Sort: hoko.SortAsc})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1007 {
		t.Fatalf("listed %d, want 1007", len(all))
	}
	want := []string{"sort=asc&take=10000", "sort=asc&take=1000", "skip=1000&sort=asc&take=1000"}
	if got := queries(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("queries %q, want %q", got, want)
	}
}

// TestListing_AmongStopsOnceEveryIDIsSeen pins that a refresh of known
// objects reads only the pages that hold them: at exactly 10,000 links the
// first page is full, and the contract's empty second page is not asked
// for once every id has been seen. An id that is gone reads to the end.
func TestListing_AmongStopsOnceEveryIDIsSeen(t *testing.T) {
	t.Parallel()
	page := func(take, skip int) []string {
		if skip >= 2*take {
			return []string{}
		}
		return ids(skip, take) // two full pages, then the end
	}
	for _, tc := range []struct {
		name   string
		wanted []string
		found  int
		pages  int
	}{
		{"all on the first page", []string{"id-000000", "id-009999"}, 2, 1},
		{"one on the second page", []string{"id-000000", "id-010000"}, 2, 2},
		{"one gone", []string{"id-000000", "gone"}, 1, 3},
		{"none", nil, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, queries := pagingServer(t, page)
			found, err := client.Collections().Among(context.Background(), hoko.ListOptions{Sort: hoko.SortAsc}, tc.wanted)
			if err != nil {
				t.Fatal(err)
			}
			if len(found) != tc.found {
				t.Errorf("found %d of %v, want %d", len(found), tc.wanted, tc.found)
			}
			for _, c := range found {
				if !slices.Contains(tc.wanted, c.ID) {
					t.Errorf("found %s, which was not asked for", c.ID)
				}
			}
			if got := len(queries()); got != tc.pages {
				t.Errorf("read %d pages (%v), want %d", got, queries(), tc.pages)
			}
		})
	}
}
