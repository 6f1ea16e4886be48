package hoko

import (
	"context"
	"fmt"
	"sync"
)

// readCoalescer answers reads of single objects of one kind by id. A read made while
// no read request is in flight is sent at once as GET ?id=, so a lone read
// costs one small request and no wait. Reads made while one is in flight
// gather; when it returns, one of them alone is sent as GET ?id= again, and
// two or more are answered together from one listing of the workspace. The
// listing is kept as a snapshot, so the many reads a Terraform refresh makes
// after it are answered without any request. Each entry answers one read
// and is then let go: a refresh reads each object once, and at thousands of
// objects holding every one for the rest of the walk would add megabytes
// to the provider's peak memory. A second read of the same id asks the API.
//
// The snapshot never answers across a write: writes through the client mark
// the ids they touch (when they start and when they end), and an id marked
// after a listing started is read from the API again. A listing of more than
// one page is not atomic (offset paging over a workspace that others may
// change), so an id missing from it is confirmed with GET ?id= before it is
// reported gone; a single short page is the whole workspace at one moment.
type readCoalescer[T any] struct {
	// kind names the objects, for errors.
	kind string
	// fetch is one GET ?id=; list reads at most maxPages pages.
	fetch func(ctx context.Context, id string) (T, error)
	list  func(ctx context.Context, maxPages int) (*snapshot[T], error)

	mu      sync.Mutex
	busy    bool // a read request or listing is in flight
	waiting []*readCall[T]
	snap    *snapshot[T]
	// seq counts write marks; touched holds each id's latest mark, kept
	// only while a snapshot or a read in flight may need it.
	seq     uint64
	touched map[string]uint64
}

// readCall is one waiting read.
type readCall[T any] struct {
	ctx  context.Context // done once the caller gave up
	id   string
	done chan readResult[T] // buffered: receives exactly one result
}

// readResult is what one read gets back.
type readResult[T any] struct {
	obj T
	err error
}

// snapshot is what one listing of the workspace saw.
type snapshot[T any] struct {
	// byID holds each object listed until a read takes it; the id then
	// stays, with nil, so that it is never mistaken for an object gone.
	// Entries point into the listing's pages; a read zeroes the object it
	// takes, so that what it referred to (its strings) can go.
	byID map[string]*T
	// startSeq is the write mark current when the listing started: an id
	// marked later may have changed since.
	startSeq uint64
	// whole reports that the listing was one short page: it shows the whole
	// workspace at one moment, so an id it lacks is gone.
	whole bool
}

// newReadCoalescer returns a coalescer over fetch and list.
func newReadCoalescer[T any](kind string, fetch func(context.Context, string) (T, error), list func(context.Context, int) (*snapshot[T], error)) *readCoalescer[T] {
	return &readCoalescer[T]{kind: kind, fetch: fetch, list: list, touched: make(map[string]uint64)}
}

// touch marks ids as written now. Writers call it before they send and again
// after the answer (or its absence), so a listing that overlapped the write
// in any way is never trusted for those ids. Without a snapshot or a read in
// flight no mark can matter: a listing started later begins after it (and a
// write still in flight then marks again when it ends), so none is kept.
// An apply of thousands of creates so keeps no mark at all.
func (r *readCoalescer[T]) touch(ids ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	if r.snap == nil && !r.busy {
		if len(r.touched) > 0 {
			r.touched = make(map[string]uint64)
		}
		return
	}
	for _, id := range ids {
		if id != "" {
			r.touched[id] = r.seq
		}
	}
}

// takeLocked answers a read from the snapshot when it can, and lets the
// entry go: ok reports that it could, found whether the object exists. The
// caller holds r.mu.
func (r *readCoalescer[T]) takeLocked(id string) (obj T, found, ok bool) {
	s := r.snap
	if s == nil || r.touched[id] > s.startSeq {
		return obj, false, false
	}
	entry, listed := s.byID[id]
	switch {
	case entry != nil:
		obj = *entry
		*entry = *new(T)
		s.byID[id] = nil
		return obj, true, true
	case listed: // taken by an earlier read
		return obj, false, false
	}
	return obj, false, s.whole
}

// notFound is the error for an id that names no live object.
func (r *readCoalescer[T]) notFound(id string) error {
	return fmt.Errorf("%s %q: %w", r.kind, id, ErrNotFound)
}

// get returns the live object with id, or an error wrapping ErrNotFound.
func (r *readCoalescer[T]) get(ctx context.Context, id string) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	r.mu.Lock()
	if col, found, ok := r.takeLocked(id); ok {
		r.mu.Unlock()
		if !found {
			return zero, r.notFound(id)
		}
		return col, nil
	}
	if !r.busy {
		r.busy = true
		r.mu.Unlock()
		col, err := r.fetch(ctx, id)
		r.mu.Lock()
		r.releaseLocked()
		r.mu.Unlock()
		return col, err
	}
	call := &readCall[T]{ctx: ctx, id: id, done: make(chan readResult[T], 1)}
	r.waiting = append(r.waiting, call)
	r.mu.Unlock()

	select {
	case res := <-call.done:
		return res.obj, res.err
	case <-ctx.Done():
	}
	select {
	case res := <-call.done:
		return res.obj, res.err
	default:
		return zero, ctx.Err()
	}
}

// answerLocked hands a call its result from the snapshot when the snapshot
// can answer it, and reports whether it did. The caller holds r.mu.
func (r *readCoalescer[T]) answerLocked(c *readCall[T]) bool {
	col, found, ok := r.takeLocked(c.id)
	switch {
	case !ok:
		return false
	case found:
		c.done <- readResult[T]{obj: col}
	default:
		c.done <- readResult[T]{err: r.notFound(c.id)}
	}
	return true
}

// releaseLocked is called when the read in flight has returned: it answers
// what the snapshot can, and sends the rest as the next request. The caller
// holds r.mu.
func (r *readCoalescer[T]) releaseLocked() {
	var rest []*readCall[T]
	for _, c := range r.waiting {
		switch {
		case c.ctx.Err() != nil:
			c.done <- readResult[T]{err: c.ctx.Err()}
		case r.answerLocked(c):
		default:
			rest = append(rest, c)
		}
	}
	r.waiting = nil
	switch len(rest) {
	case 0:
		r.busy = false
	case 1:
		go r.fetchEach(rest)
	default:
		go r.listFor(rest)
	}
}

// fetchEach reads each call's id with its own GET ?id=, side by side, then
// lets the next waiting reads go.
func (r *readCoalescer[T]) fetchEach(calls []*readCall[T]) {
	var wg sync.WaitGroup
	for _, c := range calls {
		wg.Go(func() {
			col, err := r.fetch(c.ctx, c.id)
			c.done <- readResult[T]{obj: col, err: err}
		})
	}
	wg.Wait()
	r.mu.Lock()
	r.releaseLocked()
	r.mu.Unlock()
}

// listFor lists the workspace to answer calls, reading at most one page per
// call (so the listing never costs more requests than the reads it replaces),
// and keeps the listing as the snapshot. Calls the listing cannot answer (an
// id written meanwhile, or missing from a listing that is not the whole
// workspace) get a GET ?id= each.
func (r *readCoalescer[T]) listFor(calls []*readCall[T]) {
	ctxs := make([]context.Context, len(calls))
	for i, c := range calls {
		ctxs[i] = c.ctx
	}
	r.mu.Lock()
	start := r.seq
	r.mu.Unlock()

	ctx, release := jointContext(ctxs)
	snap, err := r.list(ctx, len(calls))
	release()

	r.mu.Lock()
	if err != nil {
		for _, c := range calls {
			c.done <- readResult[T]{err: err}
		}
		r.releaseLocked()
		r.mu.Unlock()
		return
	}
	snap.startSeq = start
	r.snap = snap
	var rest []*readCall[T]
	for _, c := range calls {
		if !r.answerLocked(c) {
			rest = append(rest, c)
		}
	}
	if len(rest) == 0 {
		r.releaseLocked()
		r.mu.Unlock()
		return
	}
	r.mu.Unlock()
	r.fetchEach(rest)
}
