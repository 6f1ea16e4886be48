package hoko_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// creates returns create items named name-1, name-2, ...
func creates(prefix string, n int) []hoko.CollectionItem {
	items := make([]hoko.CollectionItem, n)
	for i := range items {
		items[i] = hoko.CollectionItem{Name: hoko.Value(fmt.Sprintf("%s-%d", prefix, i+1)), Description: hoko.Value("d")}
	}
	return items
}

// assertMatchesMock fails unless got holds, in order, the mock's collection
// for each created name, and the mock holds nothing else but Links.
func assertMatchesMock(t *testing.T, mock *hokotest.Server, items []hoko.CollectionItem, got []hoko.Collection) {
	t.Helper()
	if len(got) != len(items) {
		t.Fatalf("got %d collections for %d items", len(got), len(items))
	}
	want := []string{"Links"}
	for i, item := range items {
		name, _ := item.Name.Get()
		want = append(want, name)
		live, ok := mock.CollectionByName(name)
		if !ok || live.ID != got[i].ID || got[i].Name != name {
			t.Fatalf("item %d (%s): client returned %+v, mock holds %+v (found %t)", i, name, got[i], live, ok)
		}
	}
	live := liveNames(mock)
	slices.Sort(live)
	slices.Sort(want)
	if !slices.Equal(live, want) {
		t.Fatalf("mock holds %q, want exactly %q", live, want)
	}
}

// putBodies decodes the item names of every PUT the mock received.
func putBodies(t *testing.T, mock *hokotest.Server) [][]string {
	t.Helper()
	var out [][]string
	for _, r := range mock.RequestsMatching(http.MethodPut) {
		var items []struct {
			Name string `json:"name"`
		}
		if err := json.Unmarshal(r.Body, &items); err != nil {
			t.Fatal(err)
		}
		var ns []string
		for _, it := range items {
			ns = append(ns, it.Name)
		}
		out = append(out, ns)
	}
	return out
}

func TestUpsertCollections_LostCreateResponseIsAdopted(t *testing.T) {
	t.Parallel()
	for name, drop := range map[string]bool{"502 after the write": false, "connection dropped after the write": true} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
				if r.Method == http.MethodPut && n == 1 {
					s.lostAfterWrite(w, r, drop)
					return true
				}
				return false
			})
			items := creates("lost", 3)
			got, err := s.client(t, hoko.Config{MaxRetries: 5}).Collections().UpsertAll(context.Background(), items)
			if err != nil {
				t.Fatal(err)
			}
			assertMatchesMock(t, s.mock, items, got)
			// One PUT wrote everything; one listing found it; nothing was sent twice.
			if puts, gets := s.count(http.MethodPut), s.count(http.MethodGet); puts != 1 || gets != 1 {
				t.Fatalf("%d PUTs and %d GETs, want 1 and 1", puts, gets)
			}
		})
	}
}

func TestUpsertCollections_CreateNotAppliedIsSentAgain(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(_ *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
		if r.Method == http.MethodPut && n == 1 {
			failWith(w, http.StatusInternalServerError) // fails before anything is written
			return true
		}
		return false
	})
	items := creates("again", 2)
	got, err := s.client(t, hoko.Config{MaxRetries: 5}).Collections().UpsertAll(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	assertMatchesMock(t, s.mock, items, got)
	if puts := s.count(http.MethodPut); puts != 2 {
		t.Fatalf("%d PUTs, want 2: the lookup found nothing, so the create is sent again", puts)
	}
}

// TestUpsertCollections_LookalikeMadeMeanwhileIsNotAdopted pins the
// all-or-nothing rule of adoption: someone creates one of the collections,
// exactly as asked, while our request fails before anything is written. The
// lookup finds one of three, which a request that writes all or nothing
// cannot have made, so nothing is adopted; the re-send meets the taken name
// and that 400 is the answer.
func TestUpsertCollections_LookalikeMadeMeanwhileIsNotAdopted(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
		if r.Method == http.MethodPut && n == 1 {
			s.mock.Seed("part-2", new("d"))
			failWith(w, http.StatusInternalServerError)
			return true
		}
		return false
	})
	items := creates("part", 3)
	got, err := s.client(t, hoko.Config{MaxRetries: 5}).Collections().UpsertAll(context.Background(), items)
	if hoko.StatusCode(err) != http.StatusBadRequest || got != nil {
		t.Fatalf("got %+v, %v; want the 400 for the taken name", got, err)
	}
	bodies := putBodies(t, s.mock)
	want := []string{"part-1", "part-2", "part-3"}
	if len(bodies) != 1 || !slices.Equal(bodies[0], want) {
		t.Fatalf("PUTs that reached the server carried %q, want all three sent again", bodies)
	}
	if live := liveNames(s.mock); !slices.Equal(live, []string{"Links", "part-2"}) {
		t.Fatalf("mock holds %q, want only the other party's part-2", live)
	}
}

func TestUpsertCollections_NameTakenByAnotherCollectionIsNotAdopted(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
		if r.Method == http.MethodPut && n == 1 {
			s.mock.Seed("taken-1", new("someone else's"))
			failWith(w, http.StatusInternalServerError)
			return true
		}
		return false
	})
	_, err := s.client(t, hoko.Config{MaxRetries: 5}).Collections().UpsertAll(context.Background(), creates("taken", 1))
	if hoko.StatusCode(err) != http.StatusBadRequest || errors.Is(err, hoko.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want the server's 400 (name taken), not an unknown outcome", err)
	}
	if c, _ := s.mock.CollectionByName("taken-1"); c.Description == nil || *c.Description != "someone else's" {
		t.Fatalf("the other collection was changed: %+v", c)
	}
}

func TestUpsertCollections_LateWriteIsAdoptedAfterNameTaken(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var delayed []byte
	var delayedHeader http.Header
	s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case r.Method == http.MethodPut && n == 1:
			// A gateway times out while the write is still queued inside.
			delayed, _ = io.ReadAll(r.Body)
			delayedHeader = r.Header.Clone()
			failWith(w, http.StatusGatewayTimeout)
			return true
		case r.Method == http.MethodGet && n == 1 && delayed != nil:
			// The lookup sees nothing yet; right after it, the write lands.
			s.mock.ServeHTTP(w, r)
			if status := s.replay(http.MethodPut, delayedHeader, delayed); status != http.StatusOK {
				panic(fmt.Sprintf("replaying the delayed write: HTTP %d", status))
			}
			return true
		}
		return false
	})
	items := creates("late", 2)
	got, err := s.client(t, hoko.Config{MaxRetries: 5}).Collections().UpsertAll(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	assertMatchesMock(t, s.mock, items, got)
	if puts, gets := s.count(http.MethodPut), s.count(http.MethodGet); puts != 2 || gets != 2 {
		t.Fatalf("%d PUTs and %d GETs, want 2 and 2 (the re-send met the late write, a second lookup adopted it)", puts, gets)
	}
}

func TestUpsertCollections_MixedBatchLostResponseIsAdopted(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
		if r.Method == http.MethodPut && n == 1 {
			s.lostAfterWrite(w, r, true)
			return true
		}
		return false
	})
	existing := s.mock.Seed("Old Name", nil)
	items := []hoko.CollectionItem{
		{Name: hoko.Value("Brand New")},
		{ID: existing.ID, Name: hoko.Value("New Name"), Description: hoko.Value("renamed")},
	}
	got, err := s.client(t, hoko.Config{MaxRetries: 5}).Collections().UpsertAll(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	created, _ := s.mock.CollectionByName("Brand New")
	if got[0].ID != created.ID || got[1].ID != existing.ID || got[1].Name != "New Name" || *got[1].Description != "renamed" {
		t.Fatalf("got %+v", got)
	}
	if puts := s.count(http.MethodPut); puts != 1 {
		t.Fatalf("%d PUTs, want 1", puts)
	}
}

func TestUpsertCollections_UpdatesAreRetriedWithoutLookup(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
		if r.Method == http.MethodPut && n == 1 {
			s.lostAfterWrite(w, r, false)
			return true
		}
		return false
	})
	existing := s.mock.Seed("Docs", nil)
	got, err := s.client(t, hoko.Config{MaxRetries: 5}).Collections().UpsertAll(context.Background(),
		[]hoko.CollectionItem{{ID: existing.ID, Description: hoko.Value("x")}})
	if err != nil || got[0].ID != existing.ID {
		t.Fatalf("got %+v, %v", got, err)
	}
	if puts, gets := s.count(http.MethodPut), s.count(http.MethodGet); puts != 2 || gets != 0 {
		t.Fatalf("%d PUTs and %d GETs, want 2 and 0: an update is simply sent again", puts, gets)
	}
}

func TestUpsertCollections_UnknownOutcomeWithRetriesOffIsLookedUpNotResent(t *testing.T) {
	t.Parallel()
	for _, applied := range []bool{false, true} {
		t.Run(fmt.Sprintf("applied=%v", applied), func(t *testing.T) {
			t.Parallel()
			s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
				if r.Method != http.MethodPut {
					return false
				}
				if applied {
					s.lostAfterWrite(w, r, false)
				} else {
					failWith(w, http.StatusBadGateway)
				}
				return true
			})
			items := creates("off", 1)
			got, err := s.client(t, hoko.Config{MaxRetries: 0}).Collections().UpsertAll(context.Background(), items)
			if applied {
				// A lookup is not a retry: the written collection is found.
				if err != nil {
					t.Fatal(err)
				}
				assertMatchesMock(t, s.mock, items, got)
			} else if !errors.Is(err, hoko.ErrOutcomeUnknown) || hoko.StatusCode(err) != http.StatusBadGateway {
				t.Fatalf("err = %v, want a 502 marked as an unknown outcome", err)
			}
			if puts, gets := s.count(http.MethodPut), s.count(http.MethodGet); puts != 1 || gets != 1 {
				t.Fatalf("%d PUTs and %d GETs, want 1 and 1 with retries off: one lookup, never a re-send", puts, gets)
			}
		})
	}
}

func TestUpsertCollections_CancelWhileOutcomeUnknown(t *testing.T) {
	t.Parallel()
	for name, applied := range map[string]bool{"write applied": true, "write not applied": false} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			s := newScripted(t, func(s *scripted, _ http.ResponseWriter, r *http.Request, n int) bool {
				if r.Method != http.MethodPut || n != 1 {
					return false
				}
				if applied {
					s.applyQuietly(r)
				} else {
					// The server notices a client that hangs up only once
					// the request body has been read.
					_, _ = io.Copy(io.Discard, r.Body)
				}
				cancel() // Ctrl-C while the answer is on its way
				<-r.Context().Done()
				return true
			})
			items := creates("cancel", 2)
			client := s.client(t, hoko.Config{MaxRetries: 5})
			done := make(chan struct{})
			var got []hoko.Collection
			var err error
			go func() {
				defer close(done)
				got, err = client.Collections().UpsertAll(ctx, items)
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("UpsertCollections did not return after the context was cancelled")
			}
			if applied {
				// The collections exist, so they are returned and reach the
				// state instead of being left behind.
				if err != nil {
					t.Fatalf("err = %v, want the written collections", err)
				}
				assertMatchesMock(t, s.mock, items, got)
				return
			}
			// The lookup found nothing, but a server may commit late: the
			// outcome stays unknown and the error says how to adopt.
			if !errors.Is(err, context.Canceled) || !errors.Is(err, hoko.ErrOutcomeUnknown) ||
				!strings.Contains(err.Error(), "may still apply") {
				t.Fatalf("err = %v, want a cancellation whose outcome is unknown", err)
			}
			if live := liveNames(s.mock); !slices.Equal(live, []string{"Links"}) {
				t.Fatalf("mock holds %q", live)
			}
		})
	}
}

func TestUpsertCollections_ManyCreatesUnderFaultMix(t *testing.T) {
	t.Parallel()
	s := newScripted(t, nil)
	s.mock.SetFaults(hokotest.Faults{Seed: 11, FailBeforeWrite: 0.15, FailAfterWrite: 0.05,
		DropBeforeWrite: 0.03, DropAfterWrite: 0.02, RateLimited: 0.10, RetryAfter: time.Millisecond})
	client := s.client(t, hoko.Config{MaxRetries: 10})
	const batches, perBatch = 20, 10
	all := make([][]hoko.CollectionItem, batches)
	got := make([][]hoko.Collection, batches)
	errs := make([]error, batches)
	var wg sync.WaitGroup
	for b := range batches {
		all[b] = creates(fmt.Sprintf("b%02d", b), perBatch)
		wg.Go(func() { got[b], errs[b] = client.Collections().UpsertAll(context.Background(), all[b]) })
	}
	wg.Wait()
	var items []hoko.CollectionItem
	var cols []hoko.Collection
	for b := range batches {
		if errs[b] != nil {
			t.Fatalf("batch %d: %v", b, errs[b])
		}
		items = append(items, all[b]...)
		cols = append(cols, got[b]...)
	}
	// assertMatchesMock wants the mock's order; creation order varies with
	// the goroutines, so compare as sets first.
	if n := len(s.mock.Collections()); n != batches*perBatch+1 {
		t.Fatalf("mock holds %d collections, want %d and Links", n, batches*perBatch)
	}
	for i, item := range items {
		name, _ := item.Name.Get()
		if live, ok := s.mock.CollectionByName(name); !ok || live.ID != cols[i].ID {
			t.Fatalf("%s: client returned %s, mock holds %+v", name, cols[i].ID, live)
		}
	}
	st := s.mock.Stats()
	if st.FaultsInjected == 0 {
		t.Fatal("no fault struck; the test proves nothing")
	}
	t.Logf("%d creates in %d batches: requests %d (%v), faults survived %d, 429s waited out %d, duplicates 0",
		batches*perBatch, batches, st.Requests, st.ByMethod, st.FaultsInjected, st.RateLimited)
}

func TestUpsertCollections_UnreadableSuccessIsSettledByLookup(t *testing.T) {
	t.Parallel()
	for name, answer := range map[string]struct{ contentType, body string }{
		"html":           {"text/html", "<html>Thanks!</html>"},
		"truncated json": {"application/json", `[{"id":`},
		"too few items":  {"application/json", `[]`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
				if r.Method != http.MethodPut || n != 1 {
					return false
				}
				s.applyQuietly(r) // written; the answer says success but cannot be used
				w.Header().Set("Content-Type", answer.contentType)
				_, _ = io.WriteString(w, answer.body)
				return true
			})
			items := creates("unreadable", 2)
			got, err := s.client(t, hoko.Config{MaxRetries: 3}).Collections().UpsertAll(context.Background(), items)
			if err != nil {
				t.Fatal(err)
			}
			assertMatchesMock(t, s.mock, items, got)
			if puts := s.count(http.MethodPut); puts != 1 {
				t.Fatalf("%d PUTs, want 1", puts)
			}
		})
	}
}
