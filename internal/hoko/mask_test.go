package hoko_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// echoKey is the key the echo tests send. Its first 12 characters are
// already enough to be a leak, so tests look for those too.
const echoKey = "hoko_live_3ch03d_8f3a91c2d4e5b6a7"

// echoedHeaders writes the request's headers one per line, Authorization
// first, as a debugging proxy or a misconfigured server answers.
func echoedHeaders(r *http.Request) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Authorization: %s\n", r.Header.Get("Authorization"))
	names := make([]string, 0, len(r.Header))
	for name := range r.Header {
		if name != "Authorization" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(&b, "%s: %s\n", name, strings.Join(r.Header[name], ", "))
	}
	return b.String()
}

// recordingLog keeps every entry the client logs, at any level.
type recordingLog struct {
	mu      sync.Mutex
	entries []string
}

func (l *recordingLog) Debug(_ context.Context, msg string, fields map[string]any) {
	l.add(msg, fields)
}
func (l *recordingLog) Info(_ context.Context, msg string, fields map[string]any) { l.add(msg, fields) }

func (l *recordingLog) add(msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, fmt.Sprint(msg, fields))
}

func (l *recordingLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.entries, "\n")
}

// assertNoKey fails when text holds the key or its first 12 characters.
func assertNoKey(t *testing.T, what, text string) {
	t.Helper()
	if strings.Contains(text, echoKey[:12]) {
		t.Errorf("%s holds the key: %s", what, text)
	}
}

// TestSend_EchoedKeyIsMasked answers requests in every way that can carry
// the request's Authorization header back into an error: a Hoko error
// message, missing scopes, a text or HTML body quoted as an excerpt (cut off
// in the middle of the key, too), a success that is not JSON, a redirect, and
// an answer so malformed that net/http quotes it in a transport error. The
// error, its *hoko.Error fields and the client's log must show *** instead.
func TestSend_EchoedKeyIsMasked(t *testing.T) {
	t.Parallel()
	cases := map[string]func(w http.ResponseWriter, r *http.Request){
		"Hoko error message": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"error":{"en":"Invalid header Authorization: %s","ar":"x"}}`, r.Header.Get("Authorization"))
		},
		"missing scopes": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprintf(w, `{"error":{"en":"Forbidden","ar":"x"},"missingScopes":[%q]}`, r.Header.Get("Authorization"))
		},
		"text excerpt": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusBadGateway)
			_, _ = io.WriteString(w, "Bad gateway. Your request:\n"+echoedHeaders(r))
		},
		"excerpt cut off inside the key": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusInternalServerError)
			// The excerpt keeps 200 characters; 180 of padding and
			// "Bearer " put its cut 13 characters into the key.
			_, _ = io.WriteString(w, strings.Repeat("x", 179)+" "+r.Header.Get("Authorization")+" and more")
		},
		"JSON-escaped in a success that does not decode": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"echo":{"authorization":%q}}`, r.Header.Get("Authorization"))
		},
		"redirect": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", "https://login.example.com/?token="+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
			w.WriteHeader(http.StatusFound)
		},
	}
	for name, handler := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ts := httptest.NewServer(http.HandlerFunc(handler))
			t.Cleanup(ts.Close)
			assertEchoMasked(t, ts.URL)
		})
	}
	t.Run("malformed answer quoted by net/http", func(t *testing.T) {
		t.Parallel()
		assertEchoMasked(t, rawEchoServer(t))
	})
}

// assertEchoMasked lists collections from endpoint, which echoes the key,
// and checks that neither the error nor the log shows it.
func assertEchoMasked(t *testing.T, endpoint string) {
	t.Helper()
	log := &recordingLog{}
	c, err := hoko.New(hoko.Config{Endpoint: endpoint, APIKey: echoKey, Logger: log, MaxRetries: 0})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Collections().List(context.Background(), hoko.ListOptions{})
	if err == nil {
		t.Fatal("the echoing server's answer was accepted")
	}
	assertNoKey(t, "the error", err.Error())
	if !strings.Contains(err.Error(), "***") {
		t.Errorf("the error does not show where the key was masked, so the echo never reached it: %v", err)
	}
	var apiErr *hoko.Error
	if errors.As(err, &apiErr) {
		assertNoKey(t, "Message", apiErr.Message)
		assertNoKey(t, "Excerpt", apiErr.Excerpt)
		assertNoKey(t, "MissingScopes", strings.Join(apiErr.MissingScopes, ","))
	}
	if log.String() == "" {
		t.Fatal("the client logged nothing")
	}
	assertNoKey(t, "the log", log.String())
	t.Log(err)
}

// rawEchoServer accepts connections and answers each request with a status
// line and then its own header lines, Authorization first, without their
// colons: net/http then fails with "malformed MIME header line" quoting the
// Authorization line.
func rawEchoServer(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				r, err := http.ReadRequest(bufio.NewReader(conn))
				if err != nil {
					return
				}
				echo := strings.ReplaceAll(strings.ReplaceAll(echoedHeaders(r), ": ", " "), "\n", "\r\n")
				_, _ = io.WriteString(conn, "HTTP/1.1 400 Bad Request\r\n"+echo+"\r\n")
			}()
		}
	}()
	return "http://" + l.Addr().String()
}
