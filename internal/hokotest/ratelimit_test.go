package hokotest

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestRateLimit_OverTheLimitIs429(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// Half a token per second: the bucket cannot refill during the test.
	f.srv.SetRateLimit(0.5, 2)
	start := time.Now()

	for i, wantRemaining := range []string{"1", "0"} {
		r := f.do(t, "GET", "/api/collections", f.key, "").wantStatus(t, http.StatusOK)
		if got := r.header.Get("X-RateLimit-Remaining"); got != wantRemaining {
			t.Errorf("request %d: X-RateLimit-Remaining = %q, want %q", i, got, wantRemaining)
		}
		if got := r.header.Get("X-RateLimit-Limit"); got != "2" {
			t.Errorf("request %d: X-RateLimit-Limit = %q, want the burst, 2", i, got)
		}
	}

	r := f.do(t, "PUT", "/api/collections", f.key, `[{"name":"limited"}]`)
	e := r.wantError(t, http.StatusTooManyRequests, "Rate limit exceeded")
	if e.RetryAfter == nil || *e.RetryAfter <= 1.5 || *e.RetryAfter > 2 {
		t.Errorf("retryAfter = %v, want just under 2 seconds (one token at 0.5/s)", e.RetryAfter)
	}
	if got := r.header.Get("Retry-After"); got != "2" {
		t.Errorf("Retry-After = %q, want 2", got)
	}
	if _, ok := f.srv.CollectionByName("limited"); ok {
		t.Error("a rate-limited write was applied")
	}
	reset, err := strconv.ParseInt(r.header.Get("X-RateLimit-Reset"), 10, 64)
	if err != nil {
		t.Fatalf("X-RateLimit-Reset = %q: %v", r.header.Get("X-RateLimit-Reset"), err)
	}
	// Empty bucket, 2 tokens at 0.5/s: full again about 4 seconds from now.
	if lo, hi := start.Unix()+3, time.Now().Unix()+5; reset < lo || reset > hi {
		t.Errorf("X-RateLimit-Reset = %d, want between %d and %d", reset, lo, hi)
	}
	if st := f.srv.Stats(); st.RateLimited != 1 || st.Requests != 3 {
		t.Errorf("stats = %+v, want 3 requests and 1 rate limited", st)
	}

	// Every response carries the headers, errors included.
	for _, target := range []string{"/api/nope", "/api/collections"} {
		r := f.do(t, "GET", target, "", "")
		for _, h := range []string{"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"} {
			if r.header.Get(h) == "" {
				t.Errorf("GET %s (%d) lacks %s", target, r.status, h)
			}
		}
	}

	f.srv.SetRateLimit(0, 0)
	r = f.do(t, "GET", "/api/collections", f.key, "").wantStatus(t, http.StatusOK)
	if got := r.header.Get("X-RateLimit-Limit"); got != "" {
		t.Errorf("X-RateLimit-Limit = %q with the limiter off, want none", got)
	}
}

func TestRateLimit_BucketRefills(t *testing.T) {
	t.Parallel()
	l := &limiter{perSecond: 10, burst: 2, tokens: 2, last: time.Unix(1000, 0)}
	now := time.Unix(1000, 0)
	for i := range 2 {
		if ok, _, _ := l.take(now); !ok {
			t.Fatalf("request %d refused with a full bucket", i)
		}
	}
	ok, wait, ls := l.take(now)
	if ok || wait != 100*time.Millisecond || ls.remaining != 0 {
		t.Fatalf("empty bucket: ok=%v wait=%v remaining=%d, want refused, 100ms, 0", ok, wait, ls.remaining)
	}
	// 2 tokens at 10/s take 200ms, rounded up to the next whole second.
	if ls.reset != 1001 {
		t.Fatalf("reset = %d, want 1001", ls.reset)
	}
	ok, _, ls = l.take(now.Add(150 * time.Millisecond))
	if !ok || ls.remaining != 0 {
		t.Fatalf("after 150ms: ok=%v remaining=%d, want allowed with 0 left", ok, ls.remaining)
	}
	// A clock that goes backwards earns nothing.
	if ok, _, _ := l.take(now); ok {
		t.Fatal("a request was allowed after the clock went backwards")
	}
	// A long pause fills the bucket but not beyond the burst.
	_, _, ls = l.take(now.Add(time.Hour))
	if ls.remaining != 1 || ls.limit != 2 {
		t.Fatalf("after an hour: remaining=%d limit=%d, want 1 and 2", ls.remaining, ls.limit)
	}
}

func TestRateLimit_DefaultBurst(t *testing.T) {
	t.Parallel()
	cases := []struct {
		rate float64
		want int
	}{{0.5, 1}, {1, 1}, {2.5, 3}, {100, 100}}
	for _, tc := range cases {
		srv := NewServer()
		srv.SetRateLimit(tc.rate, 0)
		if got := srv.limiter.burst; got != tc.want {
			t.Errorf("SetRateLimit(%v, 0): burst %d, want %d", tc.rate, got, tc.want)
		}
	}
}
