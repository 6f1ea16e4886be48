package hoko

import (
	"context"
	"sync/atomic"
	"time"
)

// jointContext returns the context a request made for several callers is
// sent with, and a function that releases it once the request returned.
//
// It carries the first caller's values (so the request is logged like that
// caller's own), is cancelled once every caller's context is done (one
// caller that gives up does not abort its neighbours' write, but a request
// nobody waits for any more is not finished for nobody), and has the latest
// of the callers' deadlines when every caller has one, so the send path can
// see how long it may take. One caller's context is used as it is.
func jointContext(ctxs []context.Context) (context.Context, context.CancelFunc) {
	if len(ctxs) == 1 {
		return ctxs[0], func() {}
	}
	joint, cancel := context.WithCancelCause(context.WithoutCancel(ctxs[0]))
	release := func() { cancel(nil) }

	var latest time.Time
	for _, ctx := range ctxs {
		deadline, ok := ctx.Deadline()
		if !ok {
			latest = time.Time{}
			break
		}
		if deadline.After(latest) {
			latest = deadline
		}
	}
	if !latest.IsZero() {
		var cancelDeadline context.CancelFunc
		joint, cancelDeadline = context.WithDeadline(joint, latest)
		release = func() { cancelDeadline(); cancel(nil) }
	}

	var waiting atomic.Int64
	waiting.Store(int64(len(ctxs)))
	stops := make([]func() bool, len(ctxs))
	for i, ctx := range ctxs {
		stops[i] = context.AfterFunc(ctx, func() {
			if waiting.Add(-1) == 0 {
				cancel(context.Cause(ctx))
			}
		})
	}
	return joint, func() {
		for _, stop := range stops {
			stop()
		}
		release()
	}
}
