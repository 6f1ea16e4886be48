package hokotest

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// limiter is a token bucket over all API requests of the server, like a
// gateway in front of the real API. It is a few lines of its own rather than
// golang.org/x/time/rate so that the mock depends on the standard library
// only and can report its exact token count in the headers. The Server's
// mutex guards it.
type limiter struct {
	perSecond float64
	burst     int
	tokens    float64
	last      time.Time
}

// refill adds the tokens earned since the last request. A clock that goes
// backwards earns nothing rather than taking tokens away.
func (l *limiter) refill(now time.Time) {
	if elapsed := now.Sub(l.last); elapsed > 0 {
		l.tokens = math.Min(float64(l.burst), l.tokens+elapsed.Seconds()*l.perSecond)
		l.last = now
	}
}

// limitState is what the X-RateLimit-* headers report after a request.
type limitState struct {
	limit     int
	remaining int
	reset     int64
}

// set writes the rate-limit headers. The contract names the headers but not
// their meaning for a token bucket, so the mock decides:
//
//   - X-RateLimit-Limit is the bucket size (the burst): how many requests may
//     be sent back to back after a quiet period;
//   - X-RateLimit-Remaining is how many whole tokens are left after this
//     request;
//   - X-RateLimit-Reset is the Unix time, in whole seconds rounded up, at
//     which the bucket will be full again if no more requests arrive.
func (ls limitState) set(h http.Header) {
	h.Set("X-RateLimit-Limit", strconv.Itoa(ls.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(ls.remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(ls.reset, 10))
}

// take spends one token if there is one. When there is none, wait is how long
// until there will be, which becomes retryAfter in the 429.
func (l *limiter) take(now time.Time) (allowed bool, wait time.Duration, ls limitState) {
	l.refill(now)
	allowed = l.tokens >= 1
	if allowed {
		l.tokens--
	}
	tokens := l.tokens
	if !allowed {
		wait = time.Duration((1 - tokens) / l.perSecond * float64(time.Second))
	}
	missing := float64(l.burst) - tokens
	full := now.Add(time.Duration(missing / l.perSecond * float64(time.Second)))
	reset := full.Unix()
	if full.Nanosecond() > 0 {
		reset++
	}
	ls = limitState{
		limit:     l.burst,
		remaining: max(0, int(math.Floor(tokens))),
		reset:     reset,
	}
	return allowed, wait, ls
}

// SetRateLimit limits the API to perSecond requests per second on average,
// with bursts of up to burst requests; requests over the limit get 429 with
// retryAfter (seconds, fractional) and Retry-After (whole seconds, rounded
// up). A burst below 1 means the rate rounded up (at least 1). perSecond of
// 0 or less disables the limiter and its headers. Every change starts with a
// full bucket.
//
// While a limit is set, every API response carries X-RateLimit-Limit (the
// burst), X-RateLimit-Remaining (whole tokens left after this request) and
// X-RateLimit-Reset (Unix seconds, rounded up, when the bucket will be full
// again). The contract names these headers without defining them for a
// token bucket; this is the mock's reading.
func (s *Server) SetRateLimit(perSecond float64, burst int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if perSecond <= 0 || math.IsNaN(perSecond) || math.IsInf(perSecond, 0) {
		s.limiter = nil
		return
	}
	if burst < 1 {
		burst = max(1, int(math.Ceil(perSecond)))
	}
	s.limiter = &limiter{
		perSecond: perSecond,
		burst:     burst,
		tokens:    float64(burst),
		last:      time.Now(),
	}
}
