package hoko

import (
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
