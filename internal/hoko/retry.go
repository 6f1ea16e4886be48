package hoko

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Retrying lives here, next to the single send path, as a small loop of our
// own rather than hashicorp/go-retryablehttp. That library decides from the
// status and headers alone, but Hoko puts its wait (retryAfter, possibly
// fractional) in the body, and a create must not be retried at all when its
// outcome is unknown: the loop has to stop and let UpsertAll look first. Bending retryablehttp's CheckRetry and Backoff hooks to do
// both would hide these rules in callbacks. golang.org/x/time/rate does fit
// one job cleanly, spacing requests out when the server says few are left
// (see pacer.go).

// Defaults for the backoff between retries. The first retry comes quickly
// because most faults are brief; the cap keeps a run of failures from
// leaving a user waiting long: ten retries wait under 48 seconds in all.
const (
	defaultRetryWaitMin = 250 * time.Millisecond
	defaultRetryWaitMax = 8 * time.Second
)

// maxServerWait is the longest single wait a server may ask for that the
// client honours, and the longest it waits out rate limits for one request
// in total. A server that asks for more (a daily quota, say) gets its 429
// reported at once instead of a Terraform run that seems to hang.
const maxServerWait = 2 * time.Minute

// ErrOutcomeUnknown marks an error after which the client cannot tell whether
// the server applied a write: a 5xx, a timeout or a connection lost after
// the request was sent. UpsertAll resolves it for creates by looking (see
// upsert_safety.go); when even that fails, the error it returns wraps this one so
// a caller can say that the write may have happened.
var ErrOutcomeUnknown = errors.New("the server may or may not have applied the request")

// outcome says what one failed attempt means for the request it carried.
type outcome int

const (
	// outcomeFinal is a refusal that a retry would only repeat: 4xx other
	// than 429, a redirect, a success body that cannot be read.
	outcomeFinal outcome = iota
	// outcomeNotApplied means the server certainly did not act on the
	// request: it answered 429, or the connection was never made.
	outcomeNotApplied
	// outcomeUnknown means the server may have acted: 5xx, a timeout, a
	// connection lost after the request was sent.
	outcomeUnknown
)

// classify sorts the error of one attempt into an outcome.
func classify(err error) outcome {
	var apiErr *Error
	if errors.As(err, &apiErr) {
		switch {
		case apiErr.StatusCode == http.StatusTooManyRequests:
			return outcomeNotApplied
		case apiErr.StatusCode >= 500 || apiErr.StatusCode == http.StatusRequestTimeout:
			return outcomeUnknown
		}
		return outcomeFinal
	}
	var certErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) {
		// An untrusted certificate stays untrusted: retrying only delays
		// the error the user must fix.
		return outcomeFinal
	}
	if isDialError(err) {
		return outcomeNotApplied
	}
	return outcomeUnknown
}

// isDialError reports whether err happened while connecting (refused,
// unreachable, no such host), before any byte of the request was sent.
func isDialError(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// retryState is what the send loop remembers across the attempts of one
// request.
type retryState struct {
	// faults counts failed attempts other than 429s that say how long to
	// wait; it drives the backoff and is what MaxRetries bounds.
	faults int
	// rateLimitWaited is the time already spent waiting out 429s that said
	// how long to wait.
	rateLimitWaited time.Duration
}

// nextWait decides whether the failed attempt err is retried and after how
// long. reason says why, for the log.
func (c *Client) nextWait(st *retryState, err error) (wait time.Duration, reason string, ok bool) {
	if c.maxRetries == 0 {
		return 0, "", false
	}
	var apiErr *Error
	rateLimited := errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusTooManyRequests
	if rateLimited && apiErr.RetryAfter > 0 {
		// A rate limit that says how long to wait is waited out rather
		// than counted against MaxRetries: it says "not now", not
		// "something is broken". The total wait is bounded instead.
		wait = apiErr.RetryAfter
		if wait > maxServerWait || st.rateLimitWaited+wait > maxServerWait {
			return 0, "", false
		}
		// Clients told the same time would all come back at once; a little
		// jitter on top of the server's floor spreads them out.
		wait += rand.N(min(wait/5, time.Second) + 1)
		st.rateLimitWaited += wait
		return wait, "rate limited (HTTP 429)", true
	}
	// Everything else, a 429 without any wait hint included, backs off
	// exponentially and counts: a server that only says "too many" would
	// otherwise be asked again every quarter second for two minutes.
	if st.faults >= c.maxRetries {
		return 0, "", false
	}
	wait = c.backoff(st.faults)
	st.faults++
	if rateLimited {
		return wait, "rate limited without a wait hint (HTTP 429)", true
	}
	if apiErr != nil {
		// An overloaded server may say when to come back (503 with
		// Retry-After): never sooner than it asked, within reason.
		if apiErr.RetryAfter > wait && apiErr.RetryAfter <= maxServerWait {
			wait = apiErr.RetryAfter
		}
		return wait, fmt.Sprintf("server error (HTTP %d)", apiErr.StatusCode), true
	}
	return wait, "no answer (" + shortCause(err) + ")", true
}

// backoff is the wait before retry number n+1: exponential from
// retryWaitMin, capped at retryWaitMax, with "equal jitter" (half fixed,
// half random) so clients that failed together do not retry together, yet
// never retry at once.
func (c *Client) backoff(n int) time.Duration {
	d := c.retryWaitMax
	if n < 30 {
		d = min(c.retryWaitMin<<n, c.retryWaitMax)
	}
	half := d / 2
	return half + rand.N(half+1)
}

// sleep waits for d or until ctx ends, and reports whether the wait ran out
// (true) rather than being cut short.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// stopped is the error for a request abandoned because its context ended
// while the client waited to retry. It wraps the context's error, so that
// errors.Is(err, context.Canceled) holds, and quotes the last attempt.
func stopped(ctx context.Context, method, path string, last error) error {
	return fmt.Errorf("%s %s: stopped waiting to retry: %w (last attempt: %v)", method, path, context.Cause(ctx), last)
}

// giveUp wraps the last error of a request that used up its retries.
func giveUp(attempts int, err error) error {
	if attempts <= 1 {
		return err
	}
	return fmt.Errorf("giving up after %d attempts: %w", attempts, err)
}

// shortCause names a transport failure briefly for the log.
func shortCause(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out"
	case isDialError(err):
		return "could not connect"
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return msg
}

// resetWait reads X-RateLimit-Reset as a wait from now. The contract names
// the header but not its unit; servers use either a Unix time in seconds
// (the mock does) or seconds from now, so a value too large to be a sane
// delay is taken as a Unix time.
func resetWait(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("X-RateLimit-Reset"))
	if v == "" {
		return 0
	}
	secs, err := strconv.ParseFloat(v, 64)
	if err != nil || secs <= 0 {
		return 0
	}
	const (
		unixTimeThreshold = 1e9  // 2001-09-09: no server means a 31-year wait
		nonsense          = 1e12 // past year 33,000 as a Unix time
	)
	var d time.Duration
	switch {
	case secs >= nonsense:
		return 0
	case secs >= unixTimeThreshold:
		whole := math.Floor(secs)
		d = time.Unix(int64(whole), int64((secs-whole)*float64(time.Second))).Sub(now)
	default:
		d = secondsDuration(secs)
	}
	return max(d, 0)
}
