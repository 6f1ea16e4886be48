package hoko_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

func TestSend_IdempotentRequestsSurviveFaultMix(t *testing.T) {
	t.Parallel()
	s := newScripted(t, nil)
	seeded := s.mock.SeedN(30, "seeded")
	s.mock.SetFaults(hokotest.Faults{Seed: 5, FailBeforeWrite: 0.15, FailAfterWrite: 0.05,
		DropBeforeWrite: 0.03, DropAfterWrite: 0.02, RateLimited: 0.10, RetryAfter: time.Millisecond})
	client := s.client(t, hoko.Config{MaxRetries: 10})
	ctx := context.Background()

	for _, col := range seeded {
		got, err := client.Collections().Get(ctx, col.ID)
		if err != nil || got.ID != col.ID {
			t.Fatalf("get %s: %+v, %v", col.Name, got, err)
		}
		if _, err := client.Collections().UpsertAll(ctx, []hoko.CollectionItem{{ID: col.ID, Description: hoko.Value("v2")}}); err != nil {
			t.Fatalf("update %s: %v", col.Name, err)
		}
	}
	ids := make([]string, len(seeded))
	for i, col := range seeded {
		ids[i] = col.ID
	}
	if err := client.Collections().DeleteAll(ctx, ids); err != nil {
		// A DELETE whose answer was lost is retried and then meets ids that
		// are already gone; the resource confirms those with a GET.
		if hoko.StatusCode(err) != http.StatusBadRequest {
			t.Fatalf("delete: %v", err)
		}
	}
	if got := liveNames(s.mock); len(got) != 1 || got[0] != "Links" {
		t.Fatalf("mock holds %q after delete, want only Links", got)
	}
	st := s.mock.Stats()
	if st.FaultsInjected == 0 || st.RateLimited == 0 {
		t.Fatalf("the fault mix never struck (%+v); the test proves nothing", st)
	}
	t.Logf("requests %d, faults survived %d, 429s waited out %d", st.Requests, st.FaultsInjected, st.RateLimited)
}

func TestSend_GivesUpAfterMaxRetries(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(_ *scripted, w http.ResponseWriter, _ *http.Request, _ int) bool {
		failWith(w, http.StatusServiceUnavailable)
		return true
	})
	client := s.client(t, hoko.Config{MaxRetries: 3})
	_, err := client.Collections().List(context.Background(), hoko.ListOptions{})
	if hoko.StatusCode(err) != http.StatusServiceUnavailable || !strings.Contains(err.Error(), "giving up after 4 attempts") {
		t.Fatalf("err = %v, want a 503 after 4 attempts", err)
	}
	if got := s.count(http.MethodGet); got != 4 {
		t.Fatalf("server saw %d GETs, want 4 (one try and 3 retries)", got)
	}
}

func TestSend_RefusalsAreNotRetried(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden,
		http.StatusNotFound, http.StatusFound} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			s := newScripted(t, func(_ *scripted, w http.ResponseWriter, _ *http.Request, _ int) bool {
				failWith(w, status)
				return true
			})
			client := s.client(t, hoko.Config{MaxRetries: 5})
			_, err := client.Collections().List(context.Background(), hoko.ListOptions{})
			if hoko.StatusCode(err) != status {
				t.Fatalf("err = %v, want HTTP %d", err, status)
			}
			if got := s.count(http.MethodGet); got != 1 {
				t.Fatalf("server saw %d GETs, want 1: a refusal is not retried", got)
			}
		})
	}
}

func TestSend_HonoursServerWaits(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		headers  []string
		body     string
		wantWait time.Duration
	}{
		"retryAfter in the body, fractional seconds": {
			body: `{"error":{"en":"Rate limit exceeded","ar":"x"},"retryAfter":0.03}`, wantWait: 30 * time.Millisecond,
		},
		"Retry-After header": {
			headers: []string{"Retry-After", "0.04"}, body: `{"error":{"en":"Rate limit exceeded","ar":"x"}}`,
			wantWait: 40 * time.Millisecond,
		},
		"X-RateLimit-Reset in seconds from now": {
			headers: []string{"X-RateLimit-Reset", "0.05"}, body: `{"error":{"en":"Rate limit exceeded","ar":"x"}}`,
			wantWait: 50 * time.Millisecond,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := newScripted(t, func(_ *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
				if n > 2 {
					return false
				}
				for i := 0; i+1 < len(tc.headers); i += 2 {
					w.Header().Set(tc.headers[i], tc.headers[i+1])
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusTooManyRequests)
				_, _ = w.Write([]byte(tc.body))
				return true
			})
			log := &infoLog{}
			// One retry allowed: 429s must not count against it.
			client := s.client(t, hoko.Config{MaxRetries: 1, Logger: log})
			if _, err := client.Collections().List(context.Background(), hoko.ListOptions{}); err != nil {
				t.Fatalf("two 429s and then success: %v", err)
			}
			waits := log.matching("waiting before retrying")
			if len(waits) != 2 {
				t.Fatalf("logged %d waits at INFO, want 2", len(waits))
			}
			for _, e := range waits {
				ms, _ := e.fields["wait_ms"].(int64)
				if got := time.Duration(ms) * time.Millisecond; got < tc.wantWait-time.Millisecond {
					t.Errorf("waited %v, want at least the server's %v", got, tc.wantWait)
				}
				if e.fields["reason"] != "rate limited (HTTP 429)" {
					t.Errorf("reason = %v", e.fields["reason"])
				}
			}
		})
	}
}

func TestSend_ServerErrorWaitIsHonoured(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(_ *scripted, w http.ResponseWriter, _ *http.Request, n int) bool {
		if n > 1 {
			return false
		}
		w.Header().Set("Retry-After", "0.06")
		failWith(w, http.StatusServiceUnavailable)
		return true
	})
	log := &infoLog{}
	client := s.client(t, hoko.Config{MaxRetries: 1, Logger: log})
	if _, err := client.Collections().List(context.Background(), hoko.ListOptions{}); err != nil {
		t.Fatal(err)
	}
	waits := log.matching("waiting before retrying")
	if len(waits) != 1 {
		t.Fatalf("logged %d waits, want 1", len(waits))
	}
	if ms, _ := waits[0].fields["wait_ms"].(int64); ms < 59 {
		t.Fatalf("waited %dms after a 503 asking for 60ms; the backoff alone is %v at most", ms, fastWaitMin)
	}
}

func TestSend_OverlongServerWaitIsReportedAtOnce(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(_ *scripted, w http.ResponseWriter, _ *http.Request, _ int) bool {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"error":{"en":"Daily quota used up","ar":"x"},"retryAfter":86400}`))
		return true
	})
	client := s.client(t, hoko.Config{MaxRetries: 10})
	_, err := client.Collections().List(context.Background(), hoko.ListOptions{})
	if hoko.StatusCode(err) != http.StatusTooManyRequests || !strings.Contains(err.Error(), "Daily quota used up") {
		t.Fatalf("err = %v, want the 429 at once", err)
	}
	if got := s.count(http.MethodGet); got != 1 {
		t.Fatalf("server saw %d GETs, want 1", got)
	}
}

func TestSend_CreateRetriedWhenConnectionRefused(t *testing.T) {
	t.Parallel()
	s := newScripted(t, nil)
	var refused atomic.Int32
	base, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		t.Fatalf("http.DefaultTransport is a %T", http.DefaultTransport)
	}
	transport := base.Clone()
	dial := transport.DialContext
	transport.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if refused.Add(1) <= 2 {
			return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
		}
		return dial(ctx, network, addr)
	}
	client := s.client(t, hoko.Config{MaxRetries: 3, HTTPClient: &http.Client{Transport: transport}})
	got, err := client.Collections().UpsertAll(context.Background(), []hoko.CollectionItem{{Name: hoko.Value("Docs")}})
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := s.mock.CollectionByName("Docs"); !ok || c.ID != got[0].ID {
		t.Fatalf("mock holds %+v, client returned %+v", c, got)
	}
	// A refused connection proves nothing was written: no lookup is needed.
	if st := s.mock.Stats(); st.ByMethod[http.MethodPut] != 1 || st.ByMethod[http.MethodGet] != 0 {
		t.Fatalf("mock saw %v, want exactly one PUT and no lookup", st.ByMethod)
	}
}

func TestSend_AttemptTimeoutIsRetried(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(_ *scripted, _ http.ResponseWriter, r *http.Request, n int) bool {
		if n > 1 {
			return false
		}
		<-r.Context().Done() // the first answer never comes
		return true
	})
	client := s.client(t, hoko.Config{MaxRetries: 2, RequestTimeout: 500 * time.Millisecond})
	if _, err := client.Collections().List(context.Background(), hoko.ListOptions{}); err != nil {
		t.Fatalf("a slow first attempt should be retried: %v", err)
	}
	if got := s.count(http.MethodGet); got != 2 {
		t.Fatalf("server saw %d GETs, want 2", got)
	}
}

func TestSend_AttemptTimeoutNamesTheSetting(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(_ *scripted, _ http.ResponseWriter, r *http.Request, _ int) bool {
		<-r.Context().Done()
		return true
	})
	client := s.client(t, hoko.Config{MaxRetries: 0, RequestTimeout: 20 * time.Millisecond})
	_, err := client.Collections().List(context.Background(), hoko.ListOptions{})
	if err == nil || !strings.Contains(err.Error(), "no answer within the request timeout of 20ms") {
		t.Fatalf("err = %v", err)
	}
}

func TestSend_CancelDuringBackoffReturnsAtOnce(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(_ *scripted, w http.ResponseWriter, _ *http.Request, _ int) bool {
		// A wait far longer than the test may take.
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"error":{"en":"Rate limit exceeded","ar":"x"},"retryAfter":100}`))
		return true
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	log := &infoLog{onInfo: func(msg string) {
		if strings.Contains(msg, "waiting before retrying") {
			cancel() // the user presses Ctrl-C while the client waits
		}
	}}
	client := s.client(t, hoko.Config{MaxRetries: 10, Logger: log})
	done := make(chan error, 1)
	go func() {
		_, err := client.Collections().List(ctx, hoko.ListOptions{})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "stopped waiting to retry") {
			t.Fatalf("err = %v, want a cancellation that says the client stopped waiting", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the client kept waiting for the server's 100s after the context was cancelled")
	}
	if got := s.count(http.MethodGet); got != 1 {
		t.Fatalf("server saw %d GETs, want 1", got)
	}
}

func TestSend_SlowsDownWhenFewRequestsRemain(t *testing.T) {
	t.Parallel()
	remaining := []string{"50", "1", "0", "40"}
	s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
		w.Header().Set("X-RateLimit-Limit", "50")
		w.Header().Set("X-RateLimit-Remaining", remaining[n-1])
		w.Header().Set("X-RateLimit-Reset", "0.5")
		return false
	})
	log := &infoLog{}
	client := s.client(t, hoko.Config{MaxRetries: 1, Logger: log, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Second})
	for range remaining {
		if _, err := client.Collections().List(context.Background(), hoko.ListOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	changes := log.matching("changing the pace")
	var got []string
	for _, e := range changes {
		got = append(got, fmt.Sprintf("%v:%v", e.fields["remaining"], e.fields["interval"]))
	}
	// 49 of 50 used with 0.5s to the reset: one request per ~10.2ms; then
	// 40 remaining is plenty again.
	if len(got) != 2 || !strings.HasPrefix(got[0], "1:10.2") || got[1] != "40:0s" {
		t.Fatalf("pace changes = %q, want pacing on at 1 remaining and off at 40", got)
	}
}

func TestSend_RetryLogsNeverHoldTheKey(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(_ *scripted, w http.ResponseWriter, _ *http.Request, n int) bool {
		if n > 2 {
			return false
		}
		failWith(w, http.StatusInternalServerError)
		return true
	})
	log := &infoLog{}
	client := s.client(t, hoko.Config{MaxRetries: 3, Logger: log})
	if _, err := client.Collections().List(context.Background(), hoko.ListOptions{}); err != nil {
		t.Fatal(err)
	}
	if len(log.matching("")) == 0 {
		t.Fatal("no INFO entries were logged for the retries")
	}
	for _, e := range log.matching("") {
		if strings.Contains(fmt.Sprint(e.msg, e.fields), s.key) {
			t.Fatalf("log entry %q %v holds the API key", e.msg, e.fields)
		}
	}
}

func TestSend_PacedRequestStopsAtDeadline(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
		// One request per 100s left: the client must pace far beyond the
		// caller's deadline.
		w.Header().Set("X-RateLimit-Limit", "2")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", "200")
		return false
	})
	client := s.client(t, hoko.Config{MaxRetries: 1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Hour})
	for range 2 { // the first sets the pace, the second spends the limiter's one token
		if _, err := client.Collections().List(context.Background(), hoko.ListOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := client.Collections().List(ctx, hoko.ListOptions{})
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "stopped while pacing") {
		t.Fatalf("err = %v, want the deadline while pacing", err)
	}
	if got := s.count(http.MethodGet); got != 2 {
		t.Fatalf("server saw %d GETs, want 2: the paced one is never sent", got)
	}
}

func TestSend_UntrustedCertificateIsNotRetried(t *testing.T) {
	t.Parallel()
	ts := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(ts.Close)
	log := &infoLog{}
	client, err := hoko.New(hoko.Config{Endpoint: ts.URL, APIKey: "k", MaxRetries: 5, Logger: log,
		RetryWaitMin: fastWaitMin, RetryWaitMax: fastWaitMax})
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.Collections().List(context.Background(), hoko.ListOptions{})
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("err = %v, want a certificate error", err)
	}
	if waits := log.matching("waiting before retrying"); len(waits) != 0 {
		t.Fatalf("retried %d times; a certificate error is not retried", len(waits))
	}
}

// TestSend_RateLimitWithoutWaitHintBacksOffAndCounts answers every request
// with a 429 that carries no retryAfter, no Retry-After and no
// X-RateLimit-Reset, which the contract allows. Such a 429 says nothing of
// when to come back, so it is retried like a server error: with exponential
// backoff, and counted against MaxRetries. Before, it was retried every
// quarter second for two minutes (581 requests for one create with
// max_retries = 3).
func TestSend_RateLimitWithoutWaitHintBacksOffAndCounts(t *testing.T) {
	t.Parallel()
	for name, method := range map[string]string{"read": http.MethodGet, "create": http.MethodPut} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := newScripted(t, func(_ *scripted, w http.ResponseWriter, _ *http.Request, _ int) bool {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusTooManyRequests)
				_, _ = w.Write([]byte(`{"error":{"en":"Too many requests","ar":"x"}}`))
				return true
			})
			log := &infoLog{}
			const waitMin = 10 * time.Millisecond
			client := s.client(t, hoko.Config{MaxRetries: 3, Logger: log, RetryWaitMin: waitMin, RetryWaitMax: time.Second})
			// Without the fix the client would go on for two minutes.
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			var err error
			if method == http.MethodGet {
				_, err = client.Collections().List(ctx, hoko.ListOptions{})
			} else {
				_, err = client.Collections().UpsertAll(ctx, []hoko.CollectionItem{{Name: hoko.Value("Docs")}})
			}
			if hoko.StatusCode(err) != http.StatusTooManyRequests || !strings.Contains(err.Error(), "giving up after 4 attempts") {
				t.Fatalf("err = %v, want the 429 after 4 attempts", err)
			}
			if got := s.count(method); got != 4 {
				t.Fatalf("server saw %d requests, want 4: one try and max_retries = 3 retries", got)
			}
			waits := log.matching("waiting before retrying")
			if len(waits) != 3 {
				t.Fatalf("logged %d waits, want 3", len(waits))
			}
			for i, e := range waits {
				ms, _ := e.fields["wait_ms"].(int64)
				// Equal jitter: at least half of waitMin doubled i times.
				if floor := (waitMin << i) / 2; time.Duration(ms)*time.Millisecond < floor-time.Millisecond {
					t.Errorf("wait %d was %dms, want at least %v: the backoff must grow", i+1, ms, floor)
				}
				if e.fields["reason"] != "rate limited without a wait hint (HTTP 429)" {
					t.Errorf("reason = %v", e.fields["reason"])
				}
			}
		})
	}
}
