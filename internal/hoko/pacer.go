package hoko

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// pacer slows the client down before it hits the server's rate limit rather
// than after: while the X-RateLimit-* headers say plenty of requests remain
// it lets every request through, and when few remain it spaces requests out
// so the rest of the window's quota lasts until the reset. It is a
// golang.org/x/time/rate limiter whose rate follows the headers; the
// limiter's Wait already does the hard parts (a queue of waiters, giving up
// at once when the context ends).
type pacer struct {
	limiter     *rate.Limiter
	maxInterval time.Duration
}

// newPacer returns a pacer that lets everything through until the server
// says otherwise, and never spaces requests more than maxInterval apart.
func newPacer(maxInterval time.Duration) *pacer {
	return &pacer{limiter: rate.NewLimiter(rate.Inf, 1), maxInterval: maxInterval}
}

// wait blocks until the next request may go, and reports false when ctx
// ended first. Unlike the limiter's own Wait, it does not give up early when
// the slot lies past ctx's deadline: the operation then ends at its deadline
// like any other wait, and says so.
func (p *pacer) wait(ctx context.Context) bool {
	r := p.limiter.Reserve()
	if sleep(ctx, r.Delay()) {
		return true
	}
	r.Cancel()
	return false
}

// lowWater is how few remaining requests count as running low: a tenth of
// the limit, and at least one, so a small limit is paced only at its end.
func lowWater(limit int) int { return max(1, limit/10) }

// observe adjusts the pace to the rate-limit headers of a response. It
// returns the new spacing (zero: unlimited) and whether pacing was switched
// on or off, which is worth a log line. Responses without the headers leave
// the pace alone.
func (p *pacer) observe(h http.Header, now time.Time) (interval time.Duration, switched bool) {
	limit, okLimit := headerInt(h, "X-RateLimit-Limit")
	remaining, okRemaining := headerInt(h, "X-RateLimit-Remaining")
	if !okLimit || !okRemaining || limit <= 0 {
		return 0, false
	}
	wasPaced := p.limiter.Limit() != rate.Inf
	untilReset := resetWait(h, now)
	if remaining > lowWater(limit) || untilReset <= 0 {
		p.limiter.SetLimitAt(now, rate.Inf)
		return 0, wasPaced
	}
	// What was used since the window (or bucket) was full took untilReset
	// to earn back; spending what is left at that rate keeps the client
	// just under the limit, for a fixed window and a token bucket alike.
	used := max(1, limit-remaining)
	interval = min(untilReset/time.Duration(used), p.maxInterval)
	if interval <= 0 {
		p.limiter.SetLimitAt(now, rate.Inf)
		return 0, wasPaced
	}
	p.limiter.SetLimitAt(now, rate.Every(interval))
	return interval, !wasPaced
}

// headerInt reads a header holding a whole number.
func headerInt(h http.Header, name string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(h.Get(name)))
	return n, err == nil
}
