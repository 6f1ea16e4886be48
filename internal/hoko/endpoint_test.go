package hoko_test

import (
	"strings"
	"testing"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

func TestParseEndpoint(t *testing.T) {
	t.Parallel()
	cases := []struct {
		raw     string
		wantErr string // empty: accepted
	}{
		{raw: "https://hoko.to"},
		{raw: "https://hoko.to/"},
		{raw: "https://api.example.com:8443/base"},
		{raw: "http://localhost:8080"},
		{raw: "http://127.0.0.1:1234"},
		{raw: "http://127.10.0.3"},
		{raw: "http://[::1]:9000"},
		{raw: "http://hoko.to", wantErr: "clear text"},
		{raw: "http://10.0.0.1", wantErr: "clear text"},
		{raw: "http://localhost.example.com", wantErr: "clear text"},
		{raw: "ftp://hoko.to", wantErr: "must start with https://"},
		{raw: "hoko.to", wantErr: "no host"},
		{raw: "https://user:pw@hoko.to", wantErr: "without credentials"},
		{raw: "https://hoko.to/?x=1", wantErr: "without credentials"},
		{raw: "://bad", wantErr: "not a valid URL"},
	}
	for _, tc := range cases {
		t.Run(tc.raw, func(t *testing.T) {
			t.Parallel()
			u, err := hoko.ParseEndpoint(tc.raw)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if strings.HasSuffix(u.Path, "/") {
					t.Errorf("path %q keeps a trailing slash", u.Path)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestNew_RequiresKey(t *testing.T) {
	t.Parallel()
	if _, err := hoko.New(hoko.Config{Endpoint: "https://hoko.to"}); err == nil {
		t.Fatal("New without a key succeeded")
	}
	if _, err := hoko.New(hoko.Config{Endpoint: "http://example.com", APIKey: "k"}); err == nil {
		t.Fatal("New with a plain-http remote endpoint succeeded")
	}
}

// TestParseEndpoint_RedactsSecrets refuses endpoints that carry a secret in
// their user information, query or fragment, and checks that the error, which
// the provider shows in a diagnostic and Terraform writes to its log, quotes
// the endpoint with the secret replaced.
func TestParseEndpoint_RedactsSecrets(t *testing.T) {
	t.Parallel()
	const secret = "hoko_live_5ecret"
	for _, raw := range []string{
		"https://user:" + secret + "@hoko.to",
		"https://" + secret + "@hoko.to/base",
		"http://" + secret + ":@127.0.0.1:8080",
		"http://user:" + secret + "@hoko.to", // plain http to a remote host, too
		"https://hoko.to/?key=" + secret,
		"https://hoko.to?" + secret,
		"https://hoko.to/#" + secret,
		"user:" + secret + "@hoko.to",              // no scheme: parses as an opaque URL
		secret + "@hoko.to/base",                   // no scheme, no colon: parses as a path
		"https://user:" + secret + "/x@hoko.to",    // does not parse
		"https://user:" + secret + "@hoko.to:port", // does not parse
		"https://hoko.to/%zz?key=" + secret,        // does not parse
	} {
		t.Run(raw, func(t *testing.T) {
			t.Parallel()
			_, err := hoko.ParseEndpoint(raw)
			if err == nil {
				t.Fatal("accepted")
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "5ecret") {
				t.Fatalf("error quotes the secret: %v", err)
			}
			if !strings.Contains(err.Error(), "REDACTED") && !strings.Contains(raw, ":"+secret) {
				t.Errorf("error does not show where the secret was: %v", err)
			}
			t.Log(err)
		})
	}
}

func TestRedactEndpoint_KeepsWhatIsNotSecret(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		"https://hoko.to":                       "https://hoko.to",
		" https://a:b@hoko.to:8443/base?k=v#f ": "https://REDACTED@hoko.to:8443/base?REDACTED#REDACTED",
		"http://127.0.0.1:1/?":                  "http://127.0.0.1:1/?REDACTED",
		"a:b@hoko.to/x":                         "REDACTED@hoko.to/x",
		"https://a:b/c@hoko.to/p?q":             "https://REDACTED@hoko.to/p?REDACTED",
	} {
		if got := hoko.RedactEndpoint(raw); got != want {
			t.Errorf("RedactEndpoint(%q) = %q, want %q", raw, got, want)
		}
	}
}

// TestNew_RefusesKeysThatCannotBeSent refuses, at once and without quoting
// it, a key net/http would refuse to put in a header: before, such a key was
// "sent" eleven times over half a minute, each attempt failing like a lost
// connection.
func TestNew_RefusesKeysThatCannotBeSent(t *testing.T) {
	t.Parallel()
	for key, want := range map[string]string{
		"hoko_live_abc\n":     "line break at character 14",
		"hoko_live_abc\r\n":   "line break at character 14",
		"hoko live abc":       "white space at character 5",
		"hoko_live_\x00abc":   "control or invalid character at character 11",
		"hoko_live_\xffabc":   "control or invalid character at character 11",
		"\thoko_live_abcdefg": "white space at character 1",
	} {
		_, err := hoko.New(hoko.Config{Endpoint: "https://hoko.to", APIKey: key})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("New with key %q: err = %v, want one containing %q", key, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "abc") {
			t.Errorf("the error quotes the key: %v", err)
		}
	}
	if _, err := hoko.New(hoko.Config{Endpoint: "https://hoko.to", APIKey: "hoko_live_abc"}); err != nil {
		t.Errorf("a plain key was refused: %v", err)
	}
}
