package hoko_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// These tests play the provider's part: they tell the client through
// hoko.Operations when an operation begins and ends, as the protocol
// server does for each of Terraform's plans and applies.

// operation runs one operation inside ops: it begins, works for prep
// (Terraform planning it), upserts name, and ends.
func operation(t *testing.T, client *hoko.Client, ops *hoko.Operations, prep time.Duration, name string) {
	t.Helper()
	write(t, client, ops.Begin(), prep, name)
}

// write finishes an operation that has begun: it works for prep, upserts
// name, and ends.
func write(t *testing.T, client *hoko.Client, end func(), prep time.Duration, name string) {
	t.Helper()
	defer end()
	time.Sleep(prep)
	if _, err := client.Collections().Upsert(t.Context(), hoko.CollectionItem{Name: hoko.Value(name)}); err != nil {
		t.Error(err)
	}
}

// busySpell runs n operations side by side, as one round of Terraform's
// walk. All of them begin before any writes, as Terraform starts its
// operations: a write started right after its own Begin could find a full
// house of one and go alone, and a spell split into rounds whose last is a
// lone call would leave an estimate of one slot, not n.
func busySpell(t *testing.T, client *hoko.Client, ops *hoko.Operations, n int) {
	t.Helper()
	ends := make([]func(), n)
	for i := range ends {
		ends[i] = ops.Begin()
	}
	var wg sync.WaitGroup
	for i, end := range ends {
		wg.Go(func() { write(t, client, end, 0, fmt.Sprintf("busy-%d", i)) })
	}
	wg.Wait()
}

func TestClientBatch_OperationsOnTheirWayJoinTheRound(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ops := hoko.NewOperations()
		srv, client := newBubbleClient(t, hoko.Config{Operations: ops})
		start := time.Now()
		var wg sync.WaitGroup
		// The first write is made at once; the two others are still being
		// planned. Without the count, the first would go alone.
		preps := []time.Duration{0, 3 * time.Millisecond, 5 * time.Millisecond}
		// All three have begun, as Terraform started them, before any
		// writes: a write started earlier could find the house full of one.
		ends := make([]func(), len(preps))
		for i := range preps {
			ends[i] = ops.Begin()
		}
		for i, prep := range preps {
			wg.Go(func() { write(t, client, ends[i], prep, fmt.Sprintf("c%d", i)) })
		}
		wg.Wait()
		if got := sizes(putNames(t, srv)); !slices.Equal(got, []int{3}) {
			t.Errorf("PUT sizes = %v, want the three operations in one PUT", got)
		}
		if took, want := time.Since(start), 5*time.Millisecond+bubbleLatency; took != want {
			t.Errorf("took %v, want %v: the round goes the moment the last operation's write joins it", took, want)
		}
	})
}

func TestClientBatch_ChainOfOperationsWaitsOnlyOnceAfterABusySpell(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ops := hoko.NewOperations()
		srv, client := newBubbleClient(t, hoko.Config{Operations: ops})
		busySpell(t, client, ops, 10)
		busy := ops.HeldRounds()
		srv.ResetRequests()

		// Then a chain: one operation at a time, each after the last.
		start := time.Now()
		for i := range 20 {
			operation(t, client, ops, 0, fmt.Sprintf("chain-%02d", i))
		}
		if got := sizes(putNames(t, srv)); len(got) != 20 || slices.Max(got) != 1 {
			t.Errorf("PUT sizes = %v, want one PUT per step of the chain", got)
		}
		// The first step finds a house of ten free and waits a quiet spell
		// to learn that no one else is coming; every later step is a full
		// house of one and goes at once.
		if held := ops.HeldRounds() - busy; held != 1 {
			t.Errorf("%d rounds of the chain waited, want only the first", held)
		}
		// The quiet wait is a few of the caller's beats, which the busy
		// spell has measured; it is always far less than the bound a round
		// cannot exceed without a sign of life.
		if extra := time.Since(start) - 20*bubbleLatency; extra <= 0 || extra >= hoko.GatherWait {
			t.Errorf("the chain took %v beyond its 20 round trips, want one quiet wait, shorter than %v", extra, hoko.GatherWait)
		}
	})
}

func TestClientBatch_AnnouncementThatNeverComesHoldsBriefly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ops := hoko.NewOperations()
		srv, client := newBubbleClient(t, hoko.Config{Operations: ops})
		// A planned change that is never applied (Terraform's plan walk,
		// or an apply that failed) announces a write that never comes.
		ops.BeginPrelude(false)(true)
		start := time.Now()
		operation(t, client, ops, 0, "alone")
		if took, want := time.Since(start), hoko.AnnounceTTL+bubbleLatency; took != want {
			t.Errorf("took %v, want %v: a stale announcement holds a round until it expires, and no longer", took, want)
		}
		// An announcement taken over by its apply holds nothing.
		ops.BeginPrelude(false)(true)
		start = time.Now()
		end := ops.BeginAnnounced()
		if _, err := client.Collections().Upsert(t.Context(), hoko.CollectionItem{Name: hoko.Value("announced")}); err != nil {
			t.Fatal(err)
		}
		end()
		if took := time.Since(start); took != bubbleLatency {
			t.Errorf("an announced write took %v, want the latency %v alone", took, bubbleLatency)
		}
		if got := sizes(putNames(t, srv)); !slices.Equal(got, []int{1, 1}) {
			t.Errorf("PUT sizes = %v, want [1 1]", got)
		}
	})
}

func TestClientBatch_FirstStepsKeepEveryAnnouncement(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ops := hoko.NewOperations()
		srv, client := newBubbleClient(t, hoko.Config{Operations: ops})
		// Terraform's apply walk plans two creates side by side. A's plan
		// ends first and announces A's apply; B's plan, a first step like
		// A's, must leave that announcement alone. Had B taken it, A's apply
		// would take B's, B would count as gone, and A's write would go
		// alone while B is on its way.
		ops.BeginPrelude(false)(true)
		endB := ops.BeginPrelude(false)
		time.Sleep(time.Millisecond)
		endB(true)
		var wg sync.WaitGroup
		for i, start := range []time.Duration{0, 5 * time.Millisecond} {
			wg.Go(func() {
				time.Sleep(start) // B's apply begins later: it is announced meanwhile
				write(t, client, ops.BeginAnnounced(), 0, fmt.Sprintf("c%d", i))
			})
		}
		wg.Wait()
		if got := sizes(putNames(t, srv)); !slices.Equal(got, []int{2}) {
			t.Errorf("PUT sizes = %v, want both creates in one PUT", got)
		}
	})
}

func TestClientBatch_SlowCallerStillFillsItsHouse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Terraform's own time per operation grows with the configuration:
		// at 5,000 resources it spends about 180 ms between two
		// operations, one at a time and unevenly, while the other slots
		// wait for it. Rounds must still leave full, and the waiting must
		// cost no time: Terraform is busy meanwhile.
		const (
			slots = 10
			ops   = 100
		)
		core := func(i int) time.Duration { return time.Duration(120+120*(i%2)) * time.Millisecond }
		seen := hoko.NewOperations()
		srv, client := newBubbleClient(t, hoko.Config{Operations: seen})
		// Terraform's work, one operation at a time (a channel: a goroutine
		// blocked on a mutex would stop the bubble's clock).
		terraform := make(chan struct{}, 1)
		next := make(chan int, ops)
		var work time.Duration
		for i := range ops {
			next <- i
			work += core(i)
		}
		close(next)
		start := time.Now()
		var wg sync.WaitGroup
		for range slots {
			wg.Go(func() {
				for i := range next {
					end := seen.Begin()
					terraform <- struct{}{}
					time.Sleep(core(i))
					<-terraform
					write(t, client, end, 0, fmt.Sprintf("c%03d", i))
				}
			})
		}
		wg.Wait()
		// The first rounds go small while the client learns the beat
		// (with fixed bounds of 200 ms and 1 s, every round went with two).
		got := sizes(putNames(t, srv))
		if most := ops/slots + 10; len(got) > most || len(got) < 5 || !slices.Equal(got[len(got)-5:], []int{10, 10, 10, 10, 10}) {
			t.Errorf("PUT sizes = %v, want at most %d PUTs, ending in full houses of %d", got, most, slots)
		}
		// Terraform's work is the bottleneck: each round costs it one
		// round trip, and the last one waits a quiet spell of a few beats
		// for a call that does not come.
		if took, most := time.Since(start), work+time.Duration(len(got))*bubbleLatency+time.Second; took > most {
			t.Errorf("took %v, want at most %v: Terraform's own work, a round trip per round and one quiet wait", took, most)
		}
	})
}

func TestClientBatch_RoundsWaitThroughPausesTheCallerRepeats(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Terraform writes its whole state every 20 seconds of an apply,
		// and every operation waits while it does: at 5,000 resources a
		// pause of a second or two, many beats long, with nothing inside
		// the provider. Once the client has seen two, a round waits
		// through the next instead of going with the calls that came
		// before it, and the waiting costs no time: Terraform is paused.
		const (
			slots  = 10
			ops    = 300
			every  = time.Second // between two of Terraform's pauses
			pause  = 400 * time.Millisecond
			single = 20 * time.Millisecond // Terraform's work per operation
		)
		seen := hoko.NewOperations()
		srv, client := newBubbleClient(t, hoko.Config{Operations: seen})
		// Terraform's work, one operation at a time, done before it calls
		// the provider (a channel: a goroutine blocked on a mutex would
		// stop the bubble's clock).
		terraform := make(chan struct{}, 1)
		next := make(chan int, ops)
		for i := range ops {
			next <- i
		}
		close(next)
		start := time.Now()
		lastPause, pauses := start, 0
		var wg sync.WaitGroup
		for range slots {
			wg.Go(func() {
				for i := range next {
					terraform <- struct{}{}
					time.Sleep(single)
					if time.Since(lastPause) >= every {
						time.Sleep(pause)
						lastPause, pauses = time.Now(), pauses+1
					}
					<-terraform
					operation(t, client, seen, 0, fmt.Sprintf("c%03d", i))
				}
			})
		}
		wg.Wait()
		// In the order sent: the first rounds go small while the client
		// learns the beat and the slots; after the first full house, only
		// the pauses before the client has seen two may split a round, and
		// the last round is the tail.
		var got []int
		for _, names := range putNames(t, srv) {
			got = append(got, len(names))
		}
		full := slices.Index(got, slots)
		var short int
		for _, n := range got[max(full, 0) : len(got)-1] {
			if n < slots {
				short++
			}
		}
		if full < 0 || short > 2 {
			t.Errorf("PUT sizes in order = %v: %d short rounds after the first full house and before the tail, want at most 2 for %d pauses", got, short, pauses)
		}
		if took, most := time.Since(start), ops*single+time.Duration(pauses)*pause+time.Duration(len(got))*bubbleLatency+2*pause; took > most {
			t.Errorf("took %v, want at most %v: Terraform's work and pauses, a round trip per round, and one wait at the end", took, most)
		}
	})
}
