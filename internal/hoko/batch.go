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
// that callers make at the same time into bulk requests, by group commit:
// calls gather in a queue while a request of their kind is in flight, and go
// out together, as one request per maxSize items, once it has returned and
// no other call is on its way to them (see gather, and Operations for how
// the batcher knows). A lone call so never waits, nor does any step of a
// chain, and under load each request carries one item from every operation
// the caller runs side by side.
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

	// ops is what the batcher knows of its caller's operations, shared
	// with the client's other batchers (see Operations).
	ops *Operations
	// log, when set, is told of every round that waited before it went.
	log Logger

	mu      sync.Mutex
	queue   []*writeCall[In, Out]
	running bool // a goroutine is draining the queue; a request may be in flight
}

// writeCall is one caller's item, waiting for its result.
type writeCall[In, Out any] struct {
	// ctx is the caller's context. Once it is done the caller has given up,
	// and the item is left out of every request not yet sent.
	ctx  context.Context
	item In
	// done receives exactly one result. It is buffered, so delivering never
	// waits for a caller that has already returned.
	done chan writeResult[Out]
	// released makes sure the call leaves ops exactly once: when its
	// result is delivered, or when its caller returns.
	released atomic.Bool
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
// request through send. ops may be nil: the batcher then knows only the
// calls made to it.
func newWriteBatcher[In, Out any](maxSize int, ops *Operations, send func(context.Context, []In) ([]Out, error)) *writeBatcher[In, Out] {
	if ops == nil {
		ops = NewOperations()
	}
	return &writeBatcher[In, Out]{send: send, maxSize: max(maxSize, 1), ops: ops}
}

// release records, once, that call no longer waits.
func (b *writeBatcher[In, Out]) release(call *writeCall[In, Out]) {
	if call.released.CompareAndSwap(false, true) {
		b.ops.leave()
	}
}

// deliver hands call its result and releases it.
func (b *writeBatcher[In, Out]) deliver(call *writeCall[In, Out], r writeResult[Out]) {
	call.done <- r
	b.release(call)
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
	start := !b.running
	b.running = true
	b.ops.join() // wakes a gathering round, which sees the call queued
	b.mu.Unlock()
	defer b.release(call)
	if start {
		go b.run()
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

// run drains the queue round by round: each round gathers what is coming,
// sends everything queued (in chunks of maxSize, sent side by side) and waits
// for it to return; the calls that arrived meanwhile start the next. It ends
// when a round finds the queue empty, so no goroutine outlives the work.
func (b *writeBatcher[In, Out]) run() {
	for {
		waited, why, slots := b.gather()
		b.mu.Lock()
		calls := b.live(b.queue)
		b.queue = nil
		if len(calls) == 0 {
			b.running = false
			b.mu.Unlock()
			return
		}
		b.mu.Unlock()
		if waited > 0 && b.log != nil {
			b.log.Debug(calls[0].ctx, "Hoko coalesced write round waited", map[string]any{
				"items": len(calls), "waited_ms": float64(waited.Microseconds()) / 1000, "ended_by": why, "slots": slots,
			})
		}

		var wg sync.WaitGroup
		for chunk := range slices.Chunk(calls, b.maxSize) {
			wg.Go(func() { b.flush(chunk) })
		}
		wg.Wait()
		b.ops.answered()
	}
}

// gather holds a round back while the caller may still bring calls to it,
// and no longer. Group commit alone sends whatever queued during the last
// round trip, and Terraform, which starts operations one by one, fills few
// slots in 20 ms: about two items a request. So a round waits, but only for
// calls that are coming, as Operations sees them:
//
//   - while an operation is inside the caller with no call waiting in a
//     batcher, it is on its way (Terraform is planning it, or applying it
//     up to its write), and the round waits for it;
//   - once nothing is on its way and every slot the caller was seen to use
//     is taken by a waiting call (a full house), or a batch is full, the
//     round goes at once: nothing more can come before it returns;
//   - with nothing on its way and free slots, Terraform may be starting new
//     operations in them (it does after every round, one by one) or have
//     none left to start (the tail of an apply, a dependency chain); the
//     round waits until the caller has been quiet for a few of its own
//     beats, and longer than the pauses it makes (see rhythm), then goes; the estimate of slots drops to what came only when
//     a lone call came or the caller stayed idle (see Operations.lower).
//
// A lone call so goes out at once (a full house of one), and so does every
// step of a chain. Whatever the signal, a round waits a bounded time
// without any sign of life from the caller (no operation beginning, ending
// or joining), and a bounded time in all; both bounds grow with the
// caller's beat (see roundWaits). While the caller's other operations are
// busy refilling its slots, waiting costs it nothing: on a loaded machine,
// or in a configuration of thousands of resources, where Terraform spends
// a good part of a second between two operations, that takes longer than
// at a few hundred, and a round cut short there would go half empty.
//
// It returns how long the round waited, what ended the wait, and the
// estimate of slots it waited to fill.
func (b *writeBatcher[In, Out]) gather() (waited time.Duration, endedBy string, slots int) {
	var fallback, limit <-chan time.Time
	var idle *time.Timer
	var start time.Time
	for {
		b.mu.Lock()
		queued := len(b.queue)
		a := b.ops.snapshot()
		// The queued calls are waiting even if they have not joined ops
		// yet; without a caller that calls Begin, inside is what waits.
		waiting := max(a.waiting, queued)
		inside := max(a.inside, waiting)
		onItsWay := inside - waiting
		full := queued == 0 || queued >= b.maxSize || (onItsWay == 0 && inside >= a.peak)
		b.mu.Unlock()
		if full {
			if fallback == nil {
				return 0, "", a.peak
			}
			return time.Since(start), "full house", a.peak
		}
		quietWait, idleWait, limitWait := roundWaits(a.beat, a.pause, min(a.peak, b.maxSize))
		if fallback == nil {
			start = time.Now()
			b.ops.held.Add(1)
			idle = time.NewTimer(idleWait)
			defer idle.Stop()
			fallback = idle.C
			whole := time.NewTimer(limitWait)
			defer whole.Stop()
			limit = whole.C
		}
		// With nothing on its way, wait for the caller to go quiet; with
		// an announcement on its way, recheck when it expires.
		var quiet, expired <-chan time.Time
		stop := func() bool { return false }
		switch {
		case onItsWay == 0:
			timer := time.NewTimer(time.Until(a.last.Add(quietWait)))
			quiet, stop = timer.C, timer.Stop
		case !a.expiresAt.IsZero():
			timer := time.NewTimer(time.Until(a.expiresAt))
			expired, stop = timer.C, timer.Stop
		}
		select {
		case <-a.changed:
			// The caller is busy (an operation began, ended or joined):
			// the idle bound starts again.
			stop()
			idle.Reset(idleWait)
			continue
		case <-expired:
			continue
		case <-quiet:
			endedBy = "quiet"
		case <-fallback:
			stop()
			endedBy = "fallback"
		case <-limit:
			stop()
			endedBy = "limit"
		}
		b.ops.lower(waiting, endedBy)
		return time.Since(start), endedBy, a.peak
	}
}

// live returns the calls whose callers still wait, and hands the others
// their context's error (a caller may not have noticed yet that it gave up;
// if it has, the buffered result is simply never read).
func (b *writeBatcher[In, Out]) live(calls []*writeCall[In, Out]) []*writeCall[In, Out] {
	out := calls[:0:0]
	for _, c := range calls {
		if err := c.ctx.Err(); err != nil {
			b.deliver(c, writeResult[Out]{err: err})
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
	calls = b.live(calls)
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
			b.deliver(c, writeResult[Out]{out: outs[i]})
		}
	case len(calls) > 1 && StatusCode(err) == http.StatusBadRequest:
		half := len(calls) / 2
		var wg sync.WaitGroup
		wg.Go(func() { b.flush(calls[:half]) })
		b.flush(calls[half:])
		wg.Wait()
	default:
		for _, c := range calls {
			b.deliver(c, writeResult[Out]{err: err})
		}
	}
}
