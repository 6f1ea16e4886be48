package hokotest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestLatency_DelaysRequests(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SetLatency(40 * time.Millisecond)
	start := time.Now()
	f.do(t, "GET", "/api/collections", f.key, "").wantStatus(t, http.StatusOK)
	if d := time.Since(start); d < 40*time.Millisecond {
		t.Fatalf("request took %v, want at least the 40ms latency", d)
	}
}

func TestLatency_RespectsTheRequestContext(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	key := srv.NewKey(ScopeRead, ScopeWrite)
	// A long latency: if the handler ignored the cancellation the test
	// would notice by waiting on done below.
	srv.SetLatency(time.Minute)
	done := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.ServeHTTP(w, r)
		close(done)
	}))
	defer ts.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "PUT", ts.URL+"/api/collections", strings.NewReader(`[{"name":"late"}]`))
	req.Header.Set("Authorization", key)
	_, err := ts.Client().Do(req)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the client's deadline", err)
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the handler kept sleeping after the client gave up")
	}
	if _, ok := srv.CollectionByName("late"); ok {
		t.Fatal("a request abandoned during the latency was applied")
	}
	if len(srv.Requests()) != 1 {
		t.Fatal("the abandoned request was not recorded")
	}
}
