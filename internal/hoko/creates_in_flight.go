package hoko

import (
	"context"
	"sync"
)

// createsInFlight tracks this client's create requests of one kind whose
// answers have not been handled yet. A lookup after a lost create must not
// claim an object that another create, still in flight, wrote: that
// request's answer names the object, and finding it taken it would fail,
// or the lookup would take it for a create that never landed. (Identical
// links created side by side with one answer lost did both.) So a lookup
// waits, after its listing came back, for the creates in flight at that
// moment to be answered and their objects owned before it claims any;
// a create sent later cannot have written an object the listing holds.
type createsInFlight struct {
	mu   sync.Mutex
	next uint64
	open map[uint64]chan struct{}
}

// begin records a create request as in flight; done says it was handled.
func (f *createsInFlight) begin() (done func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.open == nil {
		f.open = make(map[uint64]chan struct{})
	}
	f.next++
	seq, ch := f.next, make(chan struct{})
	f.open[seq] = ch
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		delete(f.open, seq)
		close(ch)
	}
}

// settle waits until every create in flight now has been handled, or ctx
// is done. It never waits for one sent after it was called.
func (f *createsInFlight) settle(ctx context.Context) error {
	f.mu.Lock()
	waits := make([]chan struct{}, 0, len(f.open))
	for _, ch := range f.open {
		waits = append(waits, ch)
	}
	f.mu.Unlock()
	for _, ch := range waits {
		select {
		case <-ch:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	return nil
}
