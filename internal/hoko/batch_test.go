package hoko_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// The tests in this file run inside synctest bubbles: time is fake, the
// mock's latency is a fake-time wait, and synctest.Wait returns once every
// other goroutine is blocked (queued behind a request, or in one). That makes
// "one request in flight, nine callers queued behind it" an exact,
// repeatable state rather than a race, so request counts can be asserted
// exactly.

func TestClientBatch_LoneUpsertIsSentAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{})
		start := time.Now()
		col, err := client.Collections().Upsert(t.Context(), hoko.CollectionItem{Name: hoko.Value("Docs")})
		if err != nil {
			t.Fatal(err)
		}
		if waited := time.Since(start); waited != bubbleLatency {
			t.Errorf("a lone upsert took %v, want exactly the API's latency %v: coalescing must add no wait", waited, bubbleLatency)
		}
		if got, ok := srv.CollectionByName("Docs"); !ok || got.ID != col.ID {
			t.Errorf("returned %+v; the mock holds %+v", col, got)
		}
		if got := putNames(t, srv); !slices.EqualFunc(got, [][]string{{"Docs"}}, slices.Equal) {
			t.Errorf("PUT bodies = %q, want one PUT with Docs alone", got)
		}
	})
}

func TestClientBatch_ConcurrentUpsertsShareOnePut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{})
		ctx := t.Context()
		start := time.Now()
		results := make([]hoko.Collection, 10)
		errs := make([]error, 10)
		var wg sync.WaitGroup
		upsert := func(i int) {
			results[i], errs[i] = client.Collections().Upsert(ctx, hoko.CollectionItem{
				Name: hoko.Value(fmt.Sprintf("c%02d", i)), Description: hoko.Value(fmt.Sprintf("item %d", i)),
			})
		}
		wg.Go(func() { upsert(0) })
		synctest.Wait() // c00 is in flight, alone
		for i := 1; i < 10; i++ {
			wg.Go(func() { upsert(i) })
		}
		synctest.Wait() // c01..c09 are queued behind it
		wg.Wait()

		want := [][]string{{"c00"}, {"c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09"}}
		if got := putNames(t, srv); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("PUT bodies = %q, want c00 alone, then the nine that queued meanwhile together", got)
		}
		// Ten callers were seen at once, so the nine wait for a tenth to
		// fill the house; none comes, and they go once the callers have
		// been quiet for a few of their beats, long before hoko.GatherWait.
		if waited := time.Since(start) - 2*bubbleLatency; waited <= 0 || waited > hoko.FirstQuietWait {
			t.Errorf("took %v, want two round trips and a quiet wait of at most %v", waited+2*bubbleLatency, hoko.FirstQuietWait)
		}
		// Results map back by position: each caller gets its own collection.
		for i, col := range results {
			name := fmt.Sprintf("c%02d", i)
			held, ok := srv.CollectionByName(name)
			if errs[i] != nil || !ok || col.ID != held.ID || col.Name != name || col.Description == nil || *col.Description != fmt.Sprintf("item %d", i) {
				t.Errorf("caller %d got %+v, %v; the mock holds %+v", i, col, errs[i], held)
			}
		}
	})
}

func TestClientBatch_CapSplitsARound(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{MaxBatchSize: 4})
		ctx := t.Context()
		start := time.Now()
		var wg sync.WaitGroup
		for i := range 10 {
			wg.Go(func() {
				if _, err := client.Collections().Upsert(ctx, hoko.CollectionItem{Name: hoko.Value(fmt.Sprintf("c%02d", i))}); err != nil {
					t.Error(err)
				}
			})
			if i == 0 {
				synctest.Wait()
			}
		}
		wg.Wait()
		if got := sizes(putNames(t, srv)); !slices.Equal(got, []int{1, 1, 4, 4}) {
			t.Errorf("PUT sizes = %v, want the first alone, then the nine queued ones in requests of at most 4", got)
		}
		if waited, want := time.Since(start), 2*bubbleLatency; waited != want {
			t.Errorf("took %v, want %v: the chunks of one round go out side by side, with no gathering wait once a batch is full", waited, want)
		}
	})
}

func TestClientBatch_InvalidItemFailsAlone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{})
		ctx := t.Context()
		tooLong := strings.Repeat("x", 33)
		names := []string{"first", "a", "b", "c", tooLong, "d", "e", "f", "g"}
		errs := make([]error, len(names))
		var wg sync.WaitGroup
		for i, name := range names {
			wg.Go(func() { _, errs[i] = client.Collections().Upsert(ctx, hoko.CollectionItem{Name: hoko.Value(name)}) })
			if i == 0 {
				synctest.Wait()
			}
		}
		wg.Wait()

		for i, name := range names {
			_, held := srv.CollectionByName(name)
			switch {
			case name == tooLong:
				var apiErr *hoko.Error
				if !errors.As(errs[i], &apiErr) || apiErr.StatusCode != http.StatusBadRequest || !strings.Contains(apiErr.Message, "name") {
					t.Errorf("the invalid item got %v, want its own 400 about the name", errs[i])
				}
				if held {
					t.Error("the invalid item was written")
				}
			case errs[i] != nil || !held:
				t.Errorf("%s: %v (held: %t); a neighbour's bad item must not fail it", name, errs[i], held)
			}
		}
		// first alone; the eight together (refused); then halves down to the
		// bad item: 4+4, 2+2 of the bad half, 1+1 of the bad pair.
		if got := sizes(putNames(t, srv)); !slices.Equal(got, []int{1, 1, 1, 2, 2, 4, 4, 8}) {
			t.Errorf("PUT sizes = %v, want a bisection that isolates the bad item in 8 requests", got)
		}
	})
}

func TestClientBatch_AlreadyDeletedIDFailsAlone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{})
		ctx := t.Context()
		ids := seededIDs(srv, 5, "del")
		srv.SoftDelete(ids[3])
		errs := make([]error, len(ids))
		var wg sync.WaitGroup
		for i, id := range ids {
			wg.Go(func() { errs[i] = client.Collections().Delete(ctx, id) })
			if i == 0 {
				synctest.Wait()
			}
		}
		wg.Wait()

		for i, id := range ids {
			if i == 3 {
				if hoko.StatusCode(errs[i]) != http.StatusBadRequest {
					t.Errorf("deleting the already deleted id: %v, want its own 400", errs[i])
				}
				continue
			}
			if errs[i] != nil {
				t.Errorf("delete %d: %v; the already deleted neighbour must not fail it", i, errs[i])
			}
			if _, live := srv.Collection(id); live {
				t.Errorf("collection %d is still live", i)
			}
		}
		if got := sizes(deleteIDs(t, srv)); !slices.Equal(got, []int{1, 1, 1, 2, 2, 4}) {
			t.Errorf("DELETE sizes = %v, want first alone, the four refused, then 2+2 and 1+1", got)
		}
	})
}

func TestClientBatch_CancelledCallerIsNeverSent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{})
		ctx := t.Context()
		start := time.Now()
		var wg sync.WaitGroup
		upsert := func(ctx context.Context, name string) error {
			_, err := client.Collections().Upsert(ctx, hoko.CollectionItem{Name: hoko.Value(name)})
			return err
		}
		wg.Go(func() {
			if err := upsert(ctx, "first"); err != nil {
				t.Error(err)
			}
		})
		synctest.Wait()
		for _, name := range []string{"a", "c"} {
			wg.Go(func() {
				if err := upsert(ctx, name); err != nil {
					t.Error(err)
				}
			})
		}
		quitter, quit := context.WithCancel(ctx)
		var quitErr error
		var quitAt time.Time
		wg.Go(func() { quitErr = upsert(quitter, "b"); quitAt = time.Now() })
		synctest.Wait() // a, b and c are queued behind first
		quit()
		synctest.Wait()
		if !errors.Is(quitErr, context.Canceled) || !quitAt.Equal(start) {
			t.Errorf("the cancelled caller returned %v at +%v, want context.Canceled at once", quitErr, quitAt.Sub(start))
		}
		wg.Wait()

		want := [][]string{{"first"}, {"a", "c"}}
		if got := putNames(t, srv); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("PUT bodies = %q, want %q: the caller that gave up is left out", got, want)
		}
		if _, ok := srv.CollectionByName("b"); ok {
			t.Error("the cancelled caller's collection was created")
		}
	})
}

func TestClientBatch_CallerGivingUpInFlightKeepsNeighbours(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{})
		ctx := t.Context()
		var wg sync.WaitGroup
		wg.Go(func() {
			if _, err := client.Collections().Upsert(ctx, hoko.CollectionItem{Name: hoko.Value("first")}); err != nil {
				t.Error(err)
			}
		})
		synctest.Wait()
		quitter, quit := context.WithCancel(ctx)
		var quitErr, stayErr error
		wg.Go(func() {
			_, quitErr = client.Collections().Upsert(quitter, hoko.CollectionItem{Name: hoko.Value("quitter")})
		})
		wg.Go(func() { _, stayErr = client.Collections().Upsert(ctx, hoko.CollectionItem{Name: hoko.Value("stayer")}) })
		synctest.Wait()
		time.Sleep(bubbleLatency + hoko.GatherWait + bubbleLatency/2) // fake time: halfway through the second PUT
		quit()
		wg.Wait()

		// The quitter's item was already on its way and was written, so it
		// gets its collection: an error here would leave a written
		// collection out of Terraform's state.
		if quitErr != nil || stayErr != nil {
			t.Errorf("quitter: %v, stayer: %v; want both written and returned", quitErr, stayErr)
		}
		if _, ok := srv.CollectionByName("stayer"); !ok {
			t.Error("the neighbour's write was aborted with the caller that gave up")
		}
		if got := sizes(putNames(t, srv)); !slices.Equal(got, []int{1, 2}) {
			t.Errorf("PUT sizes = %v, want [1 2]", got)
		}
	})
}

func TestClientBatch_RequestNobodyWaitsForIsAborted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{})
		seeded := srv.Seed("Before", nil)
		ctx, cancel := context.WithCancel(t.Context())
		var err error
		var wg sync.WaitGroup
		wg.Go(func() {
			_, err = client.Collections().Upsert(ctx, hoko.CollectionItem{ID: seeded.ID, Name: hoko.Value("After")})
		})
		time.Sleep(bubbleLatency / 2) // fake time: the PUT is in flight
		cancel()
		wg.Wait()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
		// The caller's context reached the request: the mock saw its client
		// go and applied nothing.
		if got, _ := srv.Collection(seeded.ID); got.Name != "Before" {
			t.Errorf("the mock holds %q, want the rename not applied", got.Name)
		}
	})
}

func TestClientBatch_RequestEveryCallerLeftIsAborted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{})
		seeded := srv.SeedN(3, "keep")
		var wg sync.WaitGroup
		wg.Go(func() {
			if _, err := client.Collections().Upsert(t.Context(), hoko.CollectionItem{ID: seeded[0].ID, Description: hoko.Value("first")}); err != nil {
				t.Error(err)
			}
		})
		synctest.Wait()
		ctx, cancel := context.WithCancel(t.Context())
		errs := make([]error, 2)
		for i := range errs {
			wg.Go(func() {
				_, errs[i] = client.Collections().Upsert(ctx, hoko.CollectionItem{ID: seeded[i+1].ID, Name: hoko.Value(fmt.Sprintf("renamed-%d", i))})
			})
		}
		synctest.Wait()
		for srv.Stats().ByMethod[http.MethodPut] < 2 { // fake time: until their shared PUT is sent
			time.Sleep(time.Millisecond)
		}
		time.Sleep(bubbleLatency / 2) // halfway through it
		cancel()
		wg.Wait()
		for i, err := range errs {
			if !errors.Is(err, context.Canceled) {
				t.Errorf("caller %d: %v, want context.Canceled", i, err)
			}
			if got, _ := srv.Collection(seeded[i+1].ID); got.Name != seeded[i+1].Name {
				t.Errorf("collection %d was renamed to %q: a request nobody waited for was finished anyway", i, got.Name)
			}
		}
		if got := sizes(putNames(t, srv)); !slices.Equal(got, []int{1, 2}) {
			t.Errorf("PUT sizes = %v, want [1 2]", got)
		}
	})
}

// ctxKey is a context key for TestClientBatch_CallerContextReachesTheSend.
type ctxKey struct{}

// ctxLogger records a context value of every logged request.
type ctxLogger struct {
	mu   sync.Mutex
	seen []any
}

func (l *ctxLogger) Debug(ctx context.Context, _ string, _ map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seen = append(l.seen, ctx.Value(ctxKey{}))
}

func (l *ctxLogger) Info(ctx context.Context, msg string, fields map[string]any) {
	l.Debug(ctx, msg, fields)
}

func TestClientBatch_CallerContextReachesTheSend(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		logger := &ctxLogger{}
		srv, client := newBubbleClient(t, hoko.Config{Logger: logger})
		ctx := context.WithValue(t.Context(), ctxKey{}, "terraform-request")
		var wg sync.WaitGroup
		for i := range 3 {
			wg.Go(func() {
				if _, err := client.Collections().Upsert(ctx, hoko.CollectionItem{Name: hoko.Value(fmt.Sprintf("c%d", i))}); err != nil {
					t.Error(err)
				}
			})
			if i == 0 {
				synctest.Wait()
			}
		}
		wg.Wait()
		if n := len(srv.RequestsMatching(http.MethodPut)); n != 2 {
			t.Fatalf("%d PUTs, want 2", n)
		}
		if len(logger.seen) == 0 {
			t.Fatal("nothing was logged")
		}
		for _, v := range logger.seen {
			if v != "terraform-request" {
				t.Errorf("a request was logged with context value %v: the callers' context did not reach the send", v)
			}
		}
	})
}

func TestClientBatch_DisabledSendsOneRequestPerCall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv, client := newBubbleClient(t, hoko.Config{DisableBatching: true})
		ctx := t.Context()
		ids := make([]string, 5)
		var wg sync.WaitGroup
		for i := range ids {
			wg.Go(func() {
				col, err := client.Collections().Upsert(ctx, hoko.CollectionItem{Name: hoko.Value(fmt.Sprintf("c%d", i))})
				if err != nil {
					t.Error(err)
				}
				ids[i] = col.ID
			})
		}
		wg.Wait()
		for _, id := range ids {
			wg.Go(func() {
				if _, err := client.Collections().Get(ctx, id); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		for _, id := range ids {
			wg.Go(func() {
				if err := client.Collections().Delete(ctx, id); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		st := srv.Stats()
		if st.ByMethod[http.MethodPut] != 5 || st.ByMethod[http.MethodGet] != 5 || st.ByMethod[http.MethodDelete] != 5 {
			t.Errorf("requests by method = %v, want 5 of each: one per call", st.ByMethod)
		}
	})
}

// TestClientBatch_ParallelCallersFillEachRequest plays Terraform: ten workers
// (its default parallelism) each create collections one after another, with
// some work of their own between calls. Group commit alone would send about
// two items a request; waiting for a full house sends each round with all
// ten.
func TestClientBatch_ParallelCallersFillEachRequest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const workers, perWorker = 10, 10
		srv, client := newBubbleClient(t, hoko.Config{})
		ctx := t.Context()
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				// Workers start, and come back, a few milliseconds apart,
				// as Terraform's operations do.
				time.Sleep(time.Duration(w) * 3 * time.Millisecond)
				for i := range perWorker {
					if _, err := client.Collections().Upsert(ctx, hoko.CollectionItem{Name: hoko.Value(fmt.Sprintf("w%d-%d", w, i))}); err != nil {
						t.Error(err)
					}
					time.Sleep(time.Duration(1+w) * time.Millisecond)
				}
			})
		}
		wg.Wait()

		got := sizes(putNames(t, srv))
		total := 0
		for _, n := range got {
			total += n
		}
		if total != workers*perWorker || len(srv.Collections()) != workers*perWorker+1 {
			t.Fatalf("PUTs carried %d items and the mock holds %d collections, want %d created", total, len(srv.Collections())-1, workers*perWorker)
		}
		// The first call goes alone (nothing seen yet), the rest in full
		// rounds of ten; the last round may be short.
		if len(got) > perWorker+2 {
			t.Errorf("PUT sizes = %v: %d requests for %d items, want at most %d", got, len(got), total, perWorker+2)
		}
	})
}

// TestClientBatch_LoneCallAfterABusySpellWaitsOnce checks that the estimate of
// how many calls run side by side drops when fewer come: after ten at once,
// a lone call waits a quiet spell for companions that never come (briefly:
// less than hoko.GatherWait), and the next lone call goes out at once.
func TestClientBatch_LoneCallAfterABusySpellWaitsOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ops := hoko.NewOperations()
		_, client := newBubbleClient(t, hoko.Config{Operations: ops})
		ctx := t.Context()
		busySpell(t, client, ops, 10)

		for i := range 3 {
			start := time.Now()
			if _, err := client.Collections().Upsert(ctx, hoko.CollectionItem{Name: hoko.Value(fmt.Sprintf("lone-%d", i))}); err != nil {
				t.Fatal(err)
			}
			took := time.Since(start)
			// The quiet wait is a few beats of the busy spell before,
			// always shorter than the bound of a round without a sign of
			// life (which the old full-house wait always used up).
			if i == 0 && (took <= bubbleLatency || took >= bubbleLatency+hoko.GatherWait) {
				t.Errorf("first lone call took %v, want the latency %v and a quiet wait shorter than %v", took, bubbleLatency, hoko.GatherWait)
			}
			if i > 0 && took != bubbleLatency {
				t.Errorf("lone call %d took %v, want %v", i, took, bubbleLatency)
			}
		}
	})
}
