package hoko

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// A PUT that creates objects is not idempotent: if the server wrote it but
// the answer was lost (a 5xx after the write, a timeout, a dropped
// connection), sending it again duplicates the objects (or, for a kind with
// a unique key, fails with "already taken" and leaves the first write's
// objects to no one). So the send path retries a create only when the server
// certainly did not act (429, no connection), and upsertWithCreates settles
// every other failure by looking: one listing says whether what the request
// asked for is there, and written objects are adopted instead of sent again.
//
// Only objects this request could have written are adopted, never one that
// someone else made earlier with the same fields:
//   - kinds with timestamps: created no earlier than the moment the request
//     was sent, on the server's clock (serverClock, from the Date header);
//   - kinds without (tags): absent from a listing taken just before the
//     request was sent;
//   - and never an object this client already wrote or adopted for another
//     caller, so identical items each get an object of their own; a lookup
//     first waits for the client's other creates in flight to be answered,
//     so that what they wrote is owned before it claims (creates_in_flight.go).
//
// Writes are all or nothing, so a request's creates are adopted all
// together or not at all: finding some of them means they are someone
// else's. See DESIGN.md for the limits that remain.

// settleTimeout bounds the one lookup made after the caller gave up (Ctrl-C,
// a resource timeout) while a create's outcome was unknown. It is short: the
// user asked to stop, but an object that was created should still reach
// the Terraform state rather than be left behind unrecorded.
const settleTimeout = 5 * time.Second

// createWindow says which objects a create request may have written.
type createWindow struct {
	// sent is when the first request was sent, on this machine's clock.
	sent time.Time
	// before holds the ids listed just before it, for kinds without
	// timestamps; nil otherwise.
	before map[string]struct{}
}

// upsertWithCreates sends items, some of which create objects, and returns
// one object per item in input order, resolving unknown outcomes without
// ever creating an object twice.
func (o *Objects[T, I]) upsertWithCreates(ctx context.Context, items []I) ([]T, error) {
	var window createWindow
	if !o.spec.Timestamps {
		before, err := o.liveIDs(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing %s before creating %s, to tell them apart from what a lost answer may create: %w",
				o.spec.Plural, o.spec.Plural, err)
		}
		window.before = before
	}
	window.sent = time.Now()

	result := make([]T, len(items))
	pending := make([]int, len(items))
	for i := range pending {
		pending[i] = i
	}
	for round := 0; ; round++ {
		batch := make([]I, len(pending))
		for k, i := range pending {
			batch[k] = items[i]
		}
		written, err := o.putItems(ctx, batch)
		if err == nil {
			for k, i := range pending {
				result[i] = written[k]
			}
			return result, nil
		}
		// After an unknown outcome the earlier write may land late, so a 400
		// ("already taken") in a later round can be that write.
		uncertain := errors.Is(err, ErrOutcomeUnknown) || round > 0 && StatusCode(err) == http.StatusBadRequest
		if ctx.Err() != nil && (uncertain || round > 0) {
			return o.settleAfterStop(ctx, items, pending, result, err, window)
		}
		switch {
		case !uncertain && round > 0:
			// The first request's outcome was never settled: it may land yet.
			return nil, fmt.Errorf("%w (an earlier attempt: %w)", err, ErrOutcomeUnknown)
		case !uncertain:
			return nil, err
		}
		wait := o.c.backoff(round)
		o.c.log.Info(ctx, "Hoko API create may or may not have been applied; looking", map[string]any{
			"kind": o.spec.Plural, "items": len(pending), "attempt": round + 1, "error": err.Error(),
			"wait": wait.Round(time.Millisecond).String(), "wait_ms": wait.Milliseconds(),
		})
		if !sleep(ctx, wait) {
			return o.settleAfterStop(ctx, items, pending, result, err, window)
		}
		still, createsAdopted, lookupErr := o.adoptWritten(ctx, items, pending, result, window)
		switch {
		case lookupErr != nil && ctx.Err() != nil:
			return o.settleAfterStop(ctx, items, pending, result, err, window)
		case lookupErr != nil:
			return nil, fmt.Errorf("%w; checking whether it was applied failed too: %w (%w)", err, lookupErr, ErrOutcomeUnknown)
		case len(still) == 0:
			return result, nil
		case errors.Is(err, errAnswerMismatch):
			// The write most likely happened in a form the lookup cannot
			// recognise; sending it again could duplicate it.
			return nil, err
		case StatusCode(err) == http.StatusBadRequest && createsAdopted == 0:
			// None of ours is there: the 400 is a real refusal.
			return nil, err
		case round >= o.c.maxRetries:
			// No retries left; a lookup is not a retry, so even with none
			// configured a written create was adopted above.
			return nil, giveUp(round+1, err)
		}
		pending = still
	}
}

// liveIDs lists the ids of every live object of the kind.
func (o *Objects[T, I]) liveIDs(ctx context.Context) (map[string]struct{}, error) {
	ids := make(map[string]struct{})
	for page, err := range o.Pages(ctx, ListOptions{Sort: SortAsc}) {
		if err != nil {
			return nil, err
		}
		for _, obj := range page {
			ids[o.spec.id(obj)] = struct{}{}
		}
	}
	return ids, nil
}

// adoptWritten lists the kind once and moves into result every pending
// update whose target already is what it asks for, and the pending creates
// if this request wrote them (all of them, or none: writes are all or
// nothing). It returns the items still pending and how many creates were
// adopted.
func (o *Objects[T, I]) adoptWritten(ctx context.Context, items []I, pending []int, result []T, window createWindow) (still []int, createsAdopted int, err error) {
	all, err := o.All(ctx, ListOptions{Sort: SortAsc})
	if err != nil {
		return pending, 0, err
	}
	if err := o.creates.settle(ctx); err != nil {
		return pending, 0, fmt.Errorf("waiting for this client's other %s creates in flight to be answered: %w", o.spec.Plural, err)
	}
	// After the listing: its own answer has told the client the server's time.
	since := o.c.clock.since(window.sent)
	still, createsAdopted = o.claimWritten(all, items, pending, result, since, window)
	o.c.log.Info(ctx, "Hoko API lookup after an unknown outcome", map[string]any{
		"kind": o.spec.Plural, "creates_adopted": createsAdopted, "to_send_again": len(still),
	})
	return still, createsAdopted, nil
}

// claimWritten matches the pending items to the listed objects all and
// records the creates' objects as this client's in the same step, under
// o.mu: two lookups side by side (identical links created at once, both
// answers lost) see the same unowned objects, and checking ownership apart
// from taking it let both adopt the same one.
func (o *Objects[T, I]) claimWritten(all []T, items []I, pending []int, result []T, since time.Time, window createWindow) (still []int, createsAdopted int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	byID := make(map[string]T, len(all))
	var fresh []T // objects this request may have written, oldest first
	for _, obj := range all {
		id := o.spec.id(obj)
		byID[id] = obj
		if o.mayHaveWritten(obj, since, window) {
			fresh = append(fresh, obj)
		}
	}
	slices.SortStableFunc(fresh, func(a, b T) int {
		if o.spec.createdAt == nil {
			return 0
		}
		return o.spec.createdAt(a).Compare(o.spec.createdAt(b))
	})

	used := make([]bool, len(fresh))
	var creates []int
	matched := make(map[int]T)
	allFound := true
	for _, i := range pending {
		item := items[i]
		if !o.spec.isCreate(item) {
			if obj, ok := byID[o.spec.itemID(item)]; ok && o.spec.fulfils(obj, item) {
				result[i] = obj
			} else {
				still = append(still, i)
			}
			continue
		}
		creates = append(creates, i)
		k := slices.IndexFunc(fresh, func(obj T) bool { return o.spec.fulfils(obj, item) })
		for k >= 0 && used[k] {
			next := slices.IndexFunc(fresh[k+1:], func(obj T) bool { return o.spec.fulfils(obj, item) })
			if next < 0 {
				k = -1
				break
			}
			k += 1 + next
		}
		if k < 0 {
			allFound = false
			continue
		}
		used[k] = true
		matched[i] = fresh[k]
	}
	if allFound {
		for i, obj := range matched {
			result[i] = obj
			o.owned[o.spec.id(obj)] = struct{}{}
		}
		createsAdopted = len(creates)
	} else {
		still = append(still, creates...)
		slices.Sort(still)
	}
	return still, createsAdopted
}

// mayHaveWritten reports whether obj can be an object the create request of
// window wrote: not one that existed before it, and not one another caller
// of this client already holds. The caller holds o.mu.
func (o *Objects[T, I]) mayHaveWritten(obj T, since time.Time, window createWindow) bool {
	id := o.spec.id(obj)
	if _, owned := o.owned[id]; owned {
		return false
	}
	if window.before != nil {
		_, existed := window.before[id]
		return !existed
	}
	return !o.spec.createdAt(obj).Before(since)
}

// settleAfterStop runs when the caller stopped waiting (Ctrl-C, a resource
// timeout) while a create's outcome was unknown. One short lookup, on a
// context that outlives the caller's but has its own small deadline, finds
// out whether the write happened: if it did, the objects are returned as if
// nothing had gone wrong, so Terraform records them instead of leaving them
// behind. Otherwise the outcome stays unknown: the server may still apply
// the request after the lookup, and the error says so.
func (o *Objects[T, I]) settleAfterStop(ctx context.Context, items []I, pending []int, result []T, cause error, window createWindow) ([]T, error) {
	lookupCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	o.c.log.Info(ctx, "Hoko API request stopped while a create's outcome was unknown; checking once whether it was applied", map[string]any{
		"kind": o.spec.Plural, "items": len(pending),
	})
	still, _, err := o.adoptWritten(lookupCtx, items, pending, result, window)
	path := o.c.fullPath(o.spec.Path)
	switch {
	case err == nil && len(still) == 0:
		return result, nil
	case err == nil:
		return nil, fmt.Errorf("%s %s: stopped while the outcome was unknown: a lookup found none of the %s yet, but the "+
			"server may still apply the request. If one appears in Hoko later, adopt it with an import block; "+
			"the next apply would otherwise create another: %w (%w); last error: %v",
			http.MethodPut, path, o.spec.Plural, context.Cause(ctx), ErrOutcomeUnknown, cause)
	}
	return nil, fmt.Errorf("%s %s: stopped while the outcome was unknown, and the lookup failed (%v): %w (%w); last error: %v",
		http.MethodPut, path, err, context.Cause(ctx), ErrOutcomeUnknown, cause)
}

// putItems sends items in one PUT through the send path, matches the
// answer to them (see matchAnswer) and records the objects as this
// client's before a lookup waiting for this create may claim any.
func (o *Objects[T, I]) putItems(ctx context.Context, items []I) ([]T, error) {
	r := request{method: http.MethodPut, path: o.spec.Path, body: items, creates: slices.ContainsFunc(items, o.spec.isCreate)}
	if r.creates {
		defer o.creates.begin()()
	}
	var written boundedList[T]
	if err := o.c.send(ctx, r, &written); err != nil {
		return nil, err
	}
	matched, err := o.matchAnswer(items, written)
	if err == nil {
		o.own(matched)
	}
	return matched, err
}
