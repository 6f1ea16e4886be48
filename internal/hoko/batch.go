package hoko

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// writeBatcher coalesces single-item writes of one kind (upserts, or deletes)
// that callers make at the same time into bulk requests, by group commit: a
// call made while no request of its kind is in flight is sent at once, alone;
// calls made while one is in flight gather in a queue and go out together,
// as one request per maxSize items, once it has returned and a full house is
// queued (see gather). A lone call so never waits, and under load each
// request carries one item from every operation the caller runs side by side.
//
// Lessons from request batchers in other providers, kept here on purpose:
// the caller's own context reaches the request (its values for logging, its
// cancellation once every caller in the request has given up), a caller that
// gave up before its item was sent is never sent later, every caller gets
// exactly one result of its own (never a closed channel read as success), and
// a request that fails for a bad item is split until the bad item is alone,
// rather than failing its neighbours or resending every item one by one.
type writeBatcher[In, Out any] struct {
	// send makes one bulk request and returns one result per item, in input
	// order, or an error when nothing usable came back.
	send    func(ctx context.Context, items []In) ([]Out, error)
	maxSize int

	mu      sync.Mutex
	queue   []*writeCall[In, Out]
	running bool // a goroutine is draining the queue; a request may be in flight
	// inside counts the calls in do() now, queued or in flight, and peak is
	// the most seen at once: how many operations the caller runs side by
	// side (Terraform's -parallelism). A round waits for that many.
	inside int
	peak   int
	// arrived wakes a gathering round when a call is queued.
	arrived chan struct{}
}

// gatherWait bounds how long a round waits for a full house (see gather).
// Terraform on a busy 2-core machine starts a new operation every 20 to 40
// ms, so this lets a slot freed by the previous round be filled again, yet
// it is short beside the time an apply of many resources takes.
const gatherWait = 200 * time.Millisecond

// writeCall is one caller's item, waiting for its result.
type writeCall[In, Out any] struct {
	// ctx is the caller's context. Once it is done the caller has given up,
	// and the item is left out of every request not yet sent.
	ctx  context.Context
	item In
	// done receives exactly one result. It is buffered, so delivering never
	// waits for a caller that has already returned.
	done chan writeResult[Out]
	// state moves from callQueued to callSent (a request took the item) or
	// to callAbandoned (the caller gave up first), never both: an item is
	// either never sent, or sent with its caller waiting for the outcome.
	state atomic.Int32
}

// States of a writeCall.
const (
	callQueued int32 = iota
	callSent
	callAbandoned
)

// writeResult is what one caller gets back.
type writeResult[Out any] struct {
	out Out
	err error
}

// newWriteBatcher returns a batcher that sends at most maxSize items per
// request through send.
func newWriteBatcher[In, Out any](maxSize int, send func(context.Context, []In) ([]Out, error)) *writeBatcher[In, Out] {
	return &writeBatcher[In, Out]{send: send, maxSize: max(maxSize, 1), arrived: make(chan struct{}, 1)}
}

// do writes item together with whatever other calls are waiting, and returns
// its own result. It returns ctx's error as soon as ctx is done if its item
// has not been sent, and then never sends it. An item already on its way
// waits for the request's outcome instead: the caller must learn whether its
// object was written, or Terraform would leave a written object out
// of the state. That wait is short, because the send path stops waiting to
// retry once every caller in the request has given up, and settles an
// unknown outcome with one lookup.
func (b *writeBatcher[In, Out]) do(ctx context.Context, item In) (Out, error) {
	var zero Out
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	call := &writeCall[In, Out]{ctx: ctx, item: item, done: make(chan writeResult[Out], 1)}
	b.mu.Lock()
	b.queue = append(b.queue, call)
	b.inside++
	b.peak = max(b.peak, b.inside)
	start := !b.running
	b.running = true
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.inside--
		b.mu.Unlock()
	}()
	if start {
		go b.run()
	} else {
		select {
		case b.arrived <- struct{}{}:
		default: // a wake-up is already pending
		}
	}

	select {
	case r := <-call.done:
		return r.out, r.err
	case <-ctx.Done():
	}
	if call.state.CompareAndSwap(callQueued, callAbandoned) {
		return zero, ctx.Err()
	}
	r := <-call.done
	return r.out, r.err
}

// run drains the queue round by round: each round gathers a full house,
// sends everything queued (in chunks of maxSize, sent side by side) and waits
// for it to return; the calls that arrived meanwhile start the next. It ends
// when a round finds the queue empty, so no goroutine outlives the work.
func (b *writeBatcher[In, Out]) run() {
	for {
		b.gather()
		b.mu.Lock()
		calls := live(b.queue)
		b.queue = nil
		if len(calls) == 0 {
			b.running = false
			b.mu.Unlock()
			return
		}
		b.mu.Unlock()

		var wg sync.WaitGroup
		for chunk := range slices.Chunk(calls, b.maxSize) {
			wg.Go(func() { b.flush(chunk) })
		}
		wg.Wait()
	}
}

// gather holds a round back until a full house is queued: as many calls as
// the caller was seen to run side by side, or a full batch. Group commit
// alone sends whatever queued during the last round trip, and Terraform,
// which starts operations one by one, fills few slots in 20 ms: about two
// items a request. Waiting until every slot is taken costs Terraform little
// (its other slots are busy with their own work meanwhile) and fills each
// request. A lone call still goes out at once (a full house of one), and
// when fewer calls come than were seen before, the wait ends after
// gatherWait and the estimate drops to what did come, so only the first
// round after a busy spell can wait.
func (b *writeBatcher[In, Out]) gather() {
	var timeout <-chan time.Time
	for {
		b.mu.Lock()
		queued := len(b.queue)
		full := queued == 0 || queued >= b.peak || queued >= b.maxSize
		b.mu.Unlock()
		if full {
			return
		}
		if timeout == nil {
			timer := time.NewTimer(gatherWait)
			defer timer.Stop()
			timeout = timer.C
		}
		select {
		case <-b.arrived:
		case <-timeout:
			b.mu.Lock()
			b.peak = max(len(b.queue), 1)
			b.mu.Unlock()
			return
		}
	}
}

// live returns the calls whose callers still wait, and hands the others
// their context's error (a caller may not have noticed yet that it gave up;
// if it has, the buffered result is simply never read).
func live[In, Out any](calls []*writeCall[In, Out]) []*writeCall[In, Out] {
	out := calls[:0:0]
	for _, c := range calls {
		if err := c.ctx.Err(); err != nil {
			c.done <- writeResult[Out]{err: err}
			continue
		}
		out = append(out, c)
	}
	return out
}

// flush sends the live calls of one chunk as one request and hands each
// caller its own result. The API writes all or nothing and cannot say which
// item it refused, so a 400 for several items splits them in halves, each
// sent on its own, until every bad item is alone with its error and every
// good one is written: k bad items among n cost about 2k·log2(n/k) extra
// requests. Other errors (auth, rate limit, server faults after the send
// path's retries) would fail each item alone as well, so every caller gets
// the error.
func (b *writeBatcher[In, Out]) flush(calls []*writeCall[In, Out]) {
	calls = live(calls)
	sending := calls[:0:0]
	for _, c := range calls {
		// A caller that gave up is left out; one already sent (a half of
		// a split request) stays in.
		if c.state.CompareAndSwap(callQueued, callSent) || c.state.Load() == callSent {
			sending = append(sending, c)
		}
	}
	calls = sending
	if len(calls) == 0 {
		return
	}

	items := make([]In, len(calls))
	ctxs := make([]context.Context, len(calls))
	for i, c := range calls {
		items[i], ctxs[i] = c.item, c.ctx
	}
	ctx, release := jointContext(ctxs)
	outs, err := b.send(ctx, items)
	release()
	if err == nil && len(outs) != len(calls) {
		err = fmt.Errorf("bulk write of %d items returned %d results; this is a bug in the provider", len(calls), len(outs))
	}

	switch {
	case err == nil:
		for i, c := range calls {
			c.done <- writeResult[Out]{out: outs[i]}
		}
	case len(calls) > 1 && StatusCode(err) == http.StatusBadRequest:
		half := len(calls) / 2
		var wg sync.WaitGroup
		wg.Go(func() { b.flush(calls[:half]) })
		b.flush(calls[half:])
		wg.Wait()
	default:
		for _, c := range calls {
			c.done <- writeResult[Out]{err: err}
		}
	}
}
