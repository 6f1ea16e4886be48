package hoko_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// fastRetries keeps client tests quick: the backoff starts at a millisecond.
// The production defaults are exercised by the provider's fault tests.
const (
	fastWaitMin = time.Millisecond
	fastWaitMax = 5 * time.Millisecond
)

// scripted fronts a mock Hoko server with a hook that may take over any
// request, to inject one precise fault (a response lost after the write, a
// write that lands late) where the mock's random faults would be too coarse.
type scripted struct {
	mock *hokotest.Server
	url  string
	key  string

	mu   sync.Mutex
	seen map[string]int // requests per method, including the current one
}

// newScripted starts a mock behind a hook. hook gets each request with its
// number among the requests of the same method (from 1) and returns true
// when it answered the request itself; nil passes everything through.
func newScripted(t *testing.T, hook func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool) *scripted {
	t.Helper()
	s := &scripted{mock: hokotest.NewServer(), seen: make(map[string]int)}
	s.key = s.mock.NewKey(hokotest.AllScopes()...)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.seen[r.Method]++
		n := s.seen[r.Method]
		s.mu.Unlock()
		if hook != nil && hook(s, w, r, n) {
			return
		}
		s.mock.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	s.url = ts.URL
	return s
}

// count returns how many requests with method reached the front.
func (s *scripted) count(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seen[method]
}

// client returns a client of the scripted server with fast retries.
func (s *scripted) client(t *testing.T, cfg hoko.Config) *hoko.Client {
	t.Helper()
	cfg.Endpoint, cfg.APIKey, cfg.UserAgent = s.url, s.key, "hoko-client-test"
	if cfg.RetryWaitMin == 0 {
		cfg.RetryWaitMin, cfg.RetryWaitMax = fastWaitMin, fastWaitMax
	}
	c, err := hoko.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// applyQuietly lets the mock handle r (so a write is applied) but keeps its
// answer from the client, and returns the status the mock answered with.
func (s *scripted) applyQuietly(r *http.Request) int {
	rec := httptest.NewRecorder()
	s.mock.ServeHTTP(rec, r)
	return rec.Code
}

// replay sends a recorded request body to the mock later, as a write that
// was delayed inside the server would land.
func (s *scripted) replay(method string, header http.Header, body []byte) int {
	r := httptest.NewRequest(method, "/api/collections", bytes.NewReader(body))
	r.Header = header.Clone()
	return s.applyQuietly(r)
}

// lostAfterWrite applies r and then loses the answer, as a 502 or as a
// dropped connection.
func (s *scripted) lostAfterWrite(w http.ResponseWriter, r *http.Request, drop bool) {
	s.applyQuietly(r)
	if drop {
		dropConn(w)
		return
	}
	failWith(w, http.StatusBadGateway)
}

// failWith answers a Hoko error body with status, as a failing server would.
func failWith(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, `{"error":{"en":"injected by the test","ar":"x"}}`)
}

// dropConn closes the connection without an answer.
func dropConn(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("the test server cannot hijack connections")
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(err)
	}
	_ = conn.Close()
}

// liveNames returns the names of the mock's live collections, oldest first.
func liveNames(mock *hokotest.Server) []string {
	var out []string
	for _, c := range mock.Collections() {
		out = append(out, c.Name)
	}
	return out
}

// infoLog records the client's INFO entries, so tests can see the waits it
// announced.
type infoLog struct {
	mu      sync.Mutex
	entries []logEntry
	onInfo  func(msg string)
}

type logEntry struct {
	msg    string
	fields map[string]any
}

func (l *infoLog) Debug(context.Context, string, map[string]any) {}

func (l *infoLog) Info(_ context.Context, msg string, fields map[string]any) {
	l.mu.Lock()
	l.entries = append(l.entries, logEntry{msg: msg, fields: fields})
	hook := l.onInfo
	l.mu.Unlock()
	if hook != nil {
		hook(msg)
	}
}

// matching returns the entries whose message contains part.
func (l *infoLog) matching(part string) []logEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []logEntry
	for _, e := range l.entries {
		if strings.Contains(e.msg, part) {
			out = append(out, e)
		}
	}
	return out
}
