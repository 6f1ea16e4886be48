package hoko

import (
	"bytes"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestNew_LongRequestTimeoutIsHonoured checks that nothing in the default
// HTTP client cuts an attempt shorter than RequestTimeout. The client used
// to carry a fixed two-minute bound, so request_timeout = "5m" silently
// meant two minutes. (A test that waits out two minutes against a slow
// server would show the same, too slowly to run.)
func TestNew_LongRequestTimeoutIsHonoured(t *testing.T) {
	t.Parallel()
	for _, timeout := range []time.Duration{30 * time.Second, 2 * time.Minute, 5 * time.Minute, time.Hour} {
		c, err := New(Config{APIKey: "hoko_test_key", RequestTimeout: timeout})
		if err != nil {
			t.Fatal(err)
		}
		if c.requestTimeout != timeout {
			t.Errorf("RequestTimeout %v: the client bounds attempts by %v", timeout, c.requestTimeout)
		}
		if bound := c.http.Timeout; bound != 0 && bound < timeout {
			t.Errorf("RequestTimeout %v: the HTTP client cuts every attempt at %v", timeout, bound)
		}
	}
	c, err := New(Config{APIKey: "hoko_test_key"})
	if err != nil {
		t.Fatal(err)
	}
	if c.http.Timeout != defaultAttemptBound {
		t.Errorf("without a RequestTimeout the HTTP client's bound is %v, want %v", c.http.Timeout, defaultAttemptBound)
	}
}

// TestReadBody_ReadsWhatTheLimitAllowsWithOrWithoutALength checks that a
// body is read whole up to the limit, and cut one byte past it (so that
// the caller can tell it is too large), whether or not the server
// announced its length, and whether or not the announced length fits.
func TestReadBody_ReadsWhatTheLimitAllowsWithOrWithoutALength(t *testing.T) {
	t.Parallel()
	const body = "0123456789"
	for _, tc := range []struct {
		length int64
		limit  int
		want   string
	}{
		{length: 10, limit: 10, want: body},
		{length: -1, limit: 10, want: body},
		{length: 10, limit: 100, want: body},
		{length: 10, limit: 4, want: "01234"},
		{length: -1, limit: 4, want: "01234"},
		{length: 0, limit: 4, want: ""},
		// A length beyond what is taken on trust (never sent, here).
		{length: maxPreallocated + 1, limit: maxPreallocated * 2, want: body},
	} {
		text := body
		if tc.length == 0 {
			text = ""
		}
		resp := &http.Response{Body: io.NopCloser(strings.NewReader(text)), ContentLength: tc.length}
		got, err := readBody(resp, tc.limit)
		if err != nil || string(got) != tc.want {
			t.Errorf("length %d, limit %d: read %q, %v; want %q", tc.length, tc.limit, got, err, tc.want)
		}
	}
}

// TestReadBody_AnnouncedLengthIsTakenOnTrustOnlySoFar checks that a server
// that announces a huge body and sends ten bytes does not make the client
// allocate what it announced.
func TestReadBody_AnnouncedLengthIsTakenOnTrustOnlySoFar(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	resp := &http.Response{Body: io.NopCloser(strings.NewReader("0123456789")), ContentLength: 60 << 20}
	got, err := readBody(resp, 64<<20)
	runtime.ReadMemStats(&after)
	if err != nil || string(got) != "0123456789" {
		t.Fatalf("read %q, %v", got, err)
	}
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > maxPreallocated/2 {
		t.Errorf("reading 10 bytes announced as 60 MiB allocated %d bytes", allocated)
	}
}

// TestReadBody_AnnouncedLengthIsReadInOneBuffer pins why readBody exists:
// a page of thousands of objects, read by io.ReadAll, is allocated about
// twice over in a dozen growing buffers; with its length announced it
// takes one.
func TestReadBody_AnnouncedLengthIsReadInOneBuffer(t *testing.T) {
	page := bytes.Repeat([]byte("x"), 4<<20)
	read := func(length int64) float64 {
		return testing.AllocsPerRun(5, func() {
			resp := &http.Response{Body: io.NopCloser(bytes.NewReader(page)), ContentLength: length}
			if got, err := readBody(resp, 8<<20); err != nil || len(got) != len(page) {
				t.Fatalf("read %d bytes of %d: %v", len(got), len(page), err)
			}
		})
	}
	announced, unannounced := read(int64(len(page))), read(-1)
	if announced > 4 {
		t.Errorf("a body of announced length took %.0f allocations, want at most 4 (unannounced: %.0f)", announced, unannounced)
	}
	if unannounced <= announced {
		t.Errorf("io.ReadAll took %.0f allocations, no more than readBody's %.0f: the test no longer shows the difference", unannounced, announced)
	}
}
