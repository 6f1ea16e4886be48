package hoko

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The fuzz targets below throw arbitrary answers at the client's decoding.
// Their f.Add seeds run as ordinary tests in every `go test`; `go test
// -fuzz=FuzzDecodeError ./internal/hoko` explores from there. The promise
// they check: whatever a server or a proxy sends, the client returns a
// typed, readable error (or a decoded value), never a panic, never a
// negative wait, never an unbounded quote.

// checkError asserts what every *Error the decoders build must satisfy.
func checkError(t *testing.T, e *Error, status int) {
	t.Helper()
	if e.StatusCode != status {
		t.Fatalf("status %d, want %d", e.StatusCode, status)
	}
	if e.Message == "" {
		t.Fatal("an error without a message")
	}
	if e.RetryAfter < 0 {
		t.Fatalf("negative RetryAfter %v", e.RetryAfter)
	}
	if n := utf8.RuneCountInString(e.Excerpt); n > excerptLength+3 {
		t.Fatalf("excerpt of %d runes", n)
	}
	if msg := e.Error(); !utf8.ValidString(e.Excerpt) || !strings.Contains(msg, http.StatusText(status)) && !strings.Contains(msg, e.Message) {
		t.Fatalf("unreadable error %q", msg)
	}
}

func FuzzDecodeError(f *testing.F) {
	for _, seed := range []struct {
		status int
		header string
		body   string
	}{
		{400, "", `{"error":{"en":"Invalid request","ar":"طلب غير صالح"}}`},
		{403, "", `{"error":{"en":"Missing scopes","ar":"x"},"missingScopes":["collectionsWrite"]}`},
		{429, "60", `{"error":{"en":"Rate limit exceeded","ar":"x"},"retryAfter":0.25}`},
		{429, "Wed, 21 Oct 2015 07:28:00 GMT", `{"error":"slow down"}`},
		{429, "1e300", `{"error":{"en":"x"},"retryAfter":1e300}`},
		{429, "-5", `{"error":{"en":"x"},"retryAfter":-1}`},
		{500, "", ``},
		{502, "", "<html><body><h1>502 Bad Gateway</h1></body></html>"},
		{503, "", "\xff\xfe not utf-8 \x00"},
		{500, "", `{"error":{"en":""},"missingScopes":"not a list"}`},
		{418, "", strings.Repeat("x", 1000)},
		{599, "", `{"error":null}`},
	} {
		f.Add(seed.status, seed.header, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, status int, header string, body []byte) {
		if status < 100 || status > 999 {
			t.Skip("not an HTTP status")
		}
		checkError(t, decodeError(http.MethodGet, collectionKind.Path, status, header, body), status)
	})
}

func FuzzDecodeSuccess(f *testing.F) {
	for _, seed := range []struct {
		contentType string
		body        string
	}{
		{"application/json", `[{"id":"550e8400-e29b-41d4-a716-446655440000","name":"A","description":null,"createdAt":"2024-01-01T00:00:00.123Z","updatedAt":"2024-01-01T00:00:00Z"}]`},
		{"application/json; charset=utf-8", `[]`},
		{"application/vnd.hoko+json", `[{"name":"B"}]`},
		{"", `[{"id":"x"}]`},
		{"application/json", `[{"id":`},
		{"application/json", `{"items":[]}`},
		{"text/html", `<html>login</html>`},
		{"application/json", ``},
		{"application/json", "   \n"},
		{"application/json", `[{"createdAt":"not a time"}]`},
		{"application/json", `[{"description":5}]`},
		{"text/plain; charset=\"", `[]`},
		{"application/json", "[\"\xff\"]"},
	} {
		f.Add(seed.contentType, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		var out []Collection
		err := decodeSuccess(http.MethodGet, collectionKind.Path, http.StatusOK, contentType, body, &out)
		if err == nil {
			if !json.Valid(body) {
				t.Fatalf("accepted invalid JSON %q", body)
			}
			return
		}
		e, ok := err.(*Error)
		if !ok {
			t.Fatalf("error %T, want *Error", err)
		}
		checkError(t, e, http.StatusOK)
	})
}

func FuzzServerWaits(f *testing.F) {
	for _, v := range []string{"", "0", "1", "0.05", "60", "1700000000", "1700000000.5", "1e300", "-3", "NaN", "Inf", "abc", "99999999999999"} {
		f.Add(v)
	}
	now := time.Unix(1_700_000_000, 0)
	f.Fuzz(func(t *testing.T, v string) {
		if d := parseRetryAfterHeader(v); d < 0 {
			t.Fatalf("Retry-After %q gave %v", v, d)
		}
		h := http.Header{}
		h.Set("X-RateLimit-Reset", v)
		if d := resetWait(h, now); d < 0 {
			t.Fatalf("X-RateLimit-Reset %q gave %v", v, d)
		}
		h.Set("X-RateLimit-Limit", "10")
		h.Set("X-RateLimit-Remaining", "0")
		p := newPacer(time.Second)
		if interval, _ := p.observe(h, now); interval < 0 || interval > time.Second {
			t.Fatalf("X-RateLimit-Reset %q gave a pace of %v", v, interval)
		}
	})
}

func TestResetWait(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	for v, want := range map[string]time.Duration{
		"1700000002":   2 * time.Second,        // Unix seconds, as the mock sends
		"1700000000.5": 500 * time.Millisecond, // fractional Unix seconds
		"1699999990":   0,                      // already past
		"3":            3 * time.Second,        // seconds from now
		"0.25":         250 * time.Millisecond,
		"":             0,
		"soon":         0,
	} {
		h := http.Header{}
		h.Set("X-RateLimit-Reset", v)
		if got := resetWait(h, now); got != want {
			t.Errorf("X-RateLimit-Reset %q: %v, want %v", v, got, want)
		}
	}
}
