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
