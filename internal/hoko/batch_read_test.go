package hoko_test

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// listingQuery is the query of the listing that answers coalesced reads.
const listingQuery = "sort=asc&take=10000"

// unknownID is a well-formed id that names no collection.
const unknownID = "00000000-0000-4000-8000-000000000000"

func TestClientBatch_LoneReadIsOneGetByID(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{})
		seeded := srv.Seed("Docs", nil)
		col, err := client.Collections().Get(t.Context(), seeded.ID)
		if err != nil || col.Name != "Docs" {
			t.Fatalf("GetCollection = %+v, %v", col, err)
		}
		if got := getQueries(srv); !slices.Equal(got, []string{"id=" + seeded.ID}) {
			t.Errorf("GETs = %q, want one GET ?id=", got)
		}
	})
}

// readConcurrently reads ids[0] alone first and the rest while that read is
// in flight, and returns each read's result.
func readConcurrently(t *testing.T, client *hoko.Client, ids []string) ([]hoko.Collection, []error) {
	t.Helper()
	cols := make([]hoko.Collection, len(ids))
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() { cols[i], errs[i] = client.Collections().Get(t.Context(), id) })
		if i == 0 {
			synctest.Wait()
		}
	}
	wg.Wait()
	return cols, errs
}

func TestClientBatch_ConcurrentReadsShareOneListing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{})
		ids := seededIDs(srv, 20, "read")
		asked := append(slices.Clone(ids[:9]), unknownID)
		cols, errs := readConcurrently(t, client, asked)
		for i, id := range asked {
			switch {
			case id == unknownID:
				if !errors.Is(errs[i], hoko.ErrNotFound) {
					t.Errorf("unknown id: %v, want ErrNotFound", errs[i])
				}
			case errs[i] != nil || cols[i].ID != id || cols[i].Name != fmt.Sprintf("read-%05d", i+1):
				t.Errorf("read %d: %+v, %v", i, cols[i], errs[i])
			}
		}
		want := []string{"id=" + ids[0], listingQuery}
		if got := getQueries(srv); !slices.Equal(got, want) {
			t.Errorf("GETs = %q, want the first read alone, then one listing for the nine that queued", got)
		}

		// Later reads are answered from the listing without a request.
		cols, errs = readConcurrently(t, client, ids[9:])
		for i, id := range ids[9:] {
			if errs[i] != nil || cols[i].ID != id {
				t.Errorf("later read of %s: %+v, %v", id, cols[i], errs[i])
			}
		}
		if _, err := client.Collections().Get(t.Context(), unknownID); !errors.Is(err, hoko.ErrNotFound) {
			t.Errorf("later read of an unknown id: %v, want ErrNotFound", err)
		}
		if got := getQueries(srv); !slices.Equal(got, want) {
			t.Errorf("GETs = %q, want no more after the listing", got)
		}
	})
}

func TestClientBatch_WriteInvalidatesWhatItTouched(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{})
		ctx := t.Context()
		ids := seededIDs(srv, 6, "touch")
		// A listing, taken by the reads of ids[4] and ids[5]; ids[1] to
		// ids[3] stay in it, unread.
		readConcurrently(t, client, []string{ids[0], ids[4], ids[5]})
		if got := getQueries(srv); len(got) != 2 || got[1] != listingQuery {
			t.Fatalf("GETs = %q, want a read by id and a listing", got)
		}
		srv.ResetRequests()

		renamed, deleted, untouched := ids[1], ids[2], ids[3]
		if _, err := client.Collections().Upsert(ctx, hoko.CollectionItem{ID: renamed, Name: hoko.Value("renamed")}); err != nil {
			t.Fatal(err)
		}
		if err := client.Collections().Delete(ctx, deleted); err != nil {
			t.Fatal(err)
		}
		created, err := client.Collections().Upsert(ctx, hoko.CollectionItem{Name: hoko.Value("created")})
		if err != nil {
			t.Fatal(err)
		}
		srv.ResetRequests()

		if col, err := client.Collections().Get(ctx, renamed); err != nil || col.Name != "renamed" {
			t.Errorf("read after rename: %+v, %v; want the new name, not the listing's", col, err)
		}
		if _, err := client.Collections().Get(ctx, deleted); !errors.Is(err, hoko.ErrNotFound) {
			t.Errorf("read after delete: %v, want ErrNotFound", err)
		}
		if col, err := client.Collections().Get(ctx, created.ID); err != nil || col.Name != "created" {
			t.Errorf("read after create: %+v, %v; the listing predates it and must not say it is gone", col, err)
		}
		if col, err := client.Collections().Get(ctx, untouched); err != nil || col.ID != untouched {
			t.Errorf("read of an untouched id: %+v, %v", col, err)
		}
		want := []string{"id=" + renamed, "id=" + deleted, "id=" + created.ID}
		if got := getQueries(srv); !slices.Equal(got, want) {
			t.Errorf("GETs = %q, want %q: written ids read again, the untouched one from the listing", got, want)
		}
	})
}

func TestClientBatch_ListingAnswersEachReadOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{})
		ids := seededIDs(srv, 3, "once")
		readConcurrently(t, client, ids) // ids[1] and ids[2] from one listing
		srv.ResetRequests()
		// The listing let ids[1] go when it answered it. The listing was the
		// whole workspace, yet ids[1] is not gone: it is read again.
		col, err := client.Collections().Get(t.Context(), ids[1])
		if err != nil || col.ID != ids[1] || col.Name != "once-00002" {
			t.Fatalf("second read: %+v, %v; want the collection, read again", col, err)
		}
		if got := getQueries(srv); !slices.Equal(got, []string{"id=" + ids[1]}) {
			t.Errorf("GETs = %q, want one GET ?id= for a read the listing already answered", got)
		}
	})
}

func TestClientBatch_WriteDuringListingIsNeverServedStale(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{})
		ctx := t.Context()
		ids := seededIDs(srv, 4, "race")
		// Fake time, so the order is exact: the lone read of ids[0] runs
		// from 0 to 20ms; the listing for ids[1:] from 20ms to 40ms, and the
		// server reads the workspace at 40ms. The rename of ids[1] is sent at
		// 30ms and applied at 50ms, after the listing read the old name.
		var wg sync.WaitGroup
		for i, id := range ids {
			wg.Go(func() {
				if _, err := client.Collections().Get(ctx, id); err != nil {
					t.Error(err)
				}
			})
			if i == 0 {
				synctest.Wait()
			}
		}
		time.Sleep(bubbleLatency + bubbleLatency/2)
		if _, err := client.Collections().Upsert(ctx, hoko.CollectionItem{ID: ids[1], Name: hoko.Value("renamed")}); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		if got := getQueries(srv); len(got) < 2 || got[1] != listingQuery {
			t.Fatalf("GETs = %q, want a listing second", got)
		}
		if col, err := client.Collections().Get(ctx, ids[1]); err != nil || col.Name != "renamed" {
			t.Errorf("read after the rename returned %+v, %v: the listing's old name was served across the write", col, err)
		}
	})
}

func TestClientBatch_MultiPageListingConfirmsMisses(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{})
		seeded := srv.SeedN(hoko.MaxItemsPerRequest, "many") // with Links: two pages
		gone := seeded[5].ID
		srv.SoftDelete(gone)
		cols, errs := readConcurrently(t, client, []string{seeded[0].ID, seeded[9999].ID, gone})
		if errs[0] != nil || errs[1] != nil || cols[1].ID != seeded[9999].ID {
			t.Errorf("reads of live collections: %v, %v", errs[0], errs[1])
		}
		if !errors.Is(errs[2], hoko.ErrNotFound) {
			t.Errorf("read of a deleted collection: %v, want ErrNotFound", errs[2])
		}
		// Two pages are not one atomic view, so the missing id is confirmed.
		want := []string{"id=" + seeded[0].ID, listingQuery, "skip=10000&" + listingQuery, "id=" + gone}
		if got := getQueries(srv); !slices.Equal(got, want) {
			t.Errorf("GETs = %q, want %q", got, want)
		}
	})
}

// TestClientBatch_ConcurrentMixedCallsAreConsistent runs many resources'
// create, read, update, read and delete side by side over real HTTP, for the
// race detector, and checks each caller always sees its own collection as
// it last wrote it.
func TestClientBatch_ConcurrentMixedCallsAreConsistent(t *testing.T) {
	t.Parallel()
	srv := hokotest.NewServer()
	srv.SetLatency(2 * time.Millisecond)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	client, err := hoko.New(hoko.Config{Endpoint: ts.URL, APIKey: srv.NewKey(hokotest.ScopeRead, hokotest.ScopeWrite), MaxBatchSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	const n = 60
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			name := fmt.Sprintf("mixed-%02d", i)
			col, err := client.Collections().Upsert(ctx, hoko.CollectionItem{Name: hoko.Value(name)})
			if err != nil || col.Name != name {
				t.Errorf("create %s: %+v, %v", name, col, err)
				return
			}
			if got, err := client.Collections().Get(ctx, col.ID); err != nil || got.Name != name {
				t.Errorf("read %s: %+v, %v", name, got, err)
			}
			renamed := name + "-r"
			if got, err := client.Collections().Upsert(ctx, hoko.CollectionItem{ID: col.ID, Name: hoko.Value(renamed)}); err != nil || got.Name != renamed || got.ID != col.ID {
				t.Errorf("rename %s: %+v, %v", name, got, err)
			}
			if got, err := client.Collections().Get(ctx, col.ID); err != nil || got.Name != renamed {
				t.Errorf("read after rename %s: %+v, %v", name, got, err)
			}
			if err := client.Collections().Delete(ctx, col.ID); err != nil {
				t.Errorf("delete %s: %v", name, err)
			}
			if _, err := client.Collections().Get(ctx, col.ID); !errors.Is(err, hoko.ErrNotFound) {
				t.Errorf("read after delete %s: %v, want ErrNotFound", name, err)
			}
		})
	}
	wg.Wait()
	if left := srv.Collections(); len(left) != 1 {
		t.Errorf("the mock holds %d collections, want only Links", len(left))
	}
}
