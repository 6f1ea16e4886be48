package hoko

import (
	"strings"
	"testing"
)

// TestKeyMask_Forms masks the key as it is, as JSON and Go quoting escape
// it, and where an excerpt cut it off; short starts and other text are kept.
func TestKeyMask_Forms(t *testing.T) {
	t.Parallel()
	m := newKeyMask(`k3y/with<odd>"chars`)
	for in, want := range map[string]string{
		`Bearer k3y/with<odd>"chars`:                    `Bearer ***`,
		`{"a":"Bearer k3y/with\u003codd\u003e\"chars"}`: `{"a":"Bearer ***"}`,
		`{"a":"Bearer k3y\/with<odd>\"chars"}`:          `{"a":"Bearer ***"}`,
		`quoted "k3y/with<odd>\"chars"`:                 `quoted "***"`,
		`cut at Bearer k3y/wi...`:                       `cut at Bearer ***...`,
		`k3y/... k3y...`:                                `***... k3y...`,
		`nothing to hide...`:                            `nothing to hide...`,
	} {
		if got := m.text(in); got != want {
			t.Errorf("text(%s) = %s, want %s", in, got, want)
		}
	}
	if got := newKeyMask("abc").text("abc"); got != "abc" {
		t.Errorf("a 3-character key was masked: %q", got)
	}
	if got := newKeyMask(strings.Repeat("z", 8)).text(strings.Repeat("z", 9)); got != "***z" {
		t.Errorf("text = %q, want ***z", got)
	}
}
