package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// started is a hokomock running in the test's process.
type started struct {
	endpoint, key, readOnlyKey string
	lines                      <-chan string // everything printed after the HOKO_* lines
	stop                       func() error  // cancels and waits for run to return
}

// start runs hokomock with args and waits for its HOKO_* lines, which are
// printed only once it listens.
func start(t *testing.T, args ...string) *started {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, args, pw)
		pw.CloseWithError(io.EOF)
		done <- err
	}()
	lines := make(chan string, 16)
	sc := bufio.NewScanner(pr)
	s := &started{lines: lines}
	for s.endpoint == "" || s.key == "" || (s.readOnlyKey == "" && wantsReadOnly(args)) {
		if !sc.Scan() {
			cancel()
			t.Fatalf("hokomock stopped before printing its settings: %v", <-done)
		}
		k, v, _ := strings.Cut(sc.Text(), "=")
		switch k {
		case "HOKO_ENDPOINT":
			s.endpoint = v
		case "HOKO_API_KEY":
			s.key = v
		case "HOKO_READ_ONLY_API_KEY":
			s.readOnlyKey = v
		default:
			t.Fatalf("unexpected line %q", sc.Text())
		}
	}
	go func() {
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var stopped bool
	s.stop = func() error {
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			return errors.New("run did not return after cancel")
		}
	}
	t.Cleanup(func() {
		if !stopped {
			_ = s.stop()
		}
	})
	return s
}

func wantsReadOnly(args []string) bool {
	for _, a := range args {
		if strings.HasPrefix(a, "-read-only-key") {
			return true
		}
	}
	return false
}

// call sends one request to the running mock.
func (s *started) call(t *testing.T, method, path, key, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, s.endpoint+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw
}

func TestRun_ServesUntilCancelled(t *testing.T) {
	t.Parallel()
	envFile := filepath.Join(t.TempDir(), "hoko.env")
	// A stale file from an earlier run must not survive start-up.
	if err := os.WriteFile(envFile, []byte("HOKO_ENDPOINT=http://stale\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := start(t, "-key", "fixed-key", "-read-only-key=ro-key", "-seed-collections", "3", "-env-file", envFile)

	if !strings.HasPrefix(s.endpoint, "http://127.0.0.1:") || s.key != "fixed-key" || s.readOnlyKey != "ro-key" {
		t.Fatalf("printed endpoint %q, key %q, read-only key %q", s.endpoint, s.key, s.readOnlyKey)
	}
	env, err := os.ReadFile(envFile)
	if err != nil {
		t.Fatal(err)
	}
	wantEnv := "HOKO_ENDPOINT=" + s.endpoint + "\nHOKO_API_KEY=fixed-key\nHOKO_READ_ONLY_API_KEY=ro-key\n"
	if string(env) != wantEnv {
		t.Fatalf("env file = %q, want %q", env, wantEnv)
	}

	status, body := s.call(t, "GET", "/api/collections?sort=asc", s.key, "")
	var got []struct{ Name string }
	if err := json.Unmarshal(body, &got); status != 200 || err != nil || len(got) != 4 || got[0].Name != "Links" || got[3].Name != "seed-00003" {
		t.Fatalf("GET = %d %s", status, body)
	}
	if status, body := s.call(t, "PUT", "/api/collections", s.readOnlyKey, `[{"name":"x"}]`); status != 403 {
		t.Fatalf("PUT with the read-only key = %d %s, want 403", status, body)
	}
	if status, body := s.call(t, "PUT", "/api/collections", s.key, `[{"name":"x"}]`); status != 200 {
		t.Fatalf("PUT = %d %s", status, body)
	}

	if err := s.stop(); err != nil {
		t.Fatalf("run returned %v after cancel, want nil", err)
	}
	var rest []string
	for l := range s.lines {
		rest = append(rest, l)
	}
	if len(rest) != 1 || !strings.HasPrefix(rest[0], "# hokomock: served 3 requests (GET 1, PUT 2)") {
		t.Fatalf("closing output = %q", rest)
	}
	if _, err := os.Stat(envFile); !os.IsNotExist(err) {
		t.Fatalf("env file still there after shutdown: %v", err)
	}
}

func TestRun_RandomKeysAndFaultFlags(t *testing.T) {
	t.Parallel()
	s := start(t, "-read-only-key", "-fail-after", "1", "-rate", "1000", "-burst", "50")
	if s.key == "" || s.readOnlyKey == "" || s.key == s.readOnlyKey {
		t.Fatalf("keys %q and %q, want two different random keys", s.key, s.readOnlyKey)
	}
	// FailAfterWrite=1: the write happens but the answer is a 502.
	if status, body := s.call(t, "PUT", "/api/collections", s.key, `[{"name":"lost answer"}]`); status != 502 {
		t.Fatalf("PUT = %d %s, want 502", status, body)
	}
	status, body := s.call(t, "GET", "/_mock/collections", "", "")
	if status != 200 || !strings.Contains(string(body), `"lost answer"`) {
		t.Fatalf("/_mock/collections = %d %s, want the written collection", status, body)
	}
	status, body = s.call(t, "GET", "/_mock/stats", "", "")
	if status != 200 || !strings.Contains(string(body), `"faultsInjected":1`) {
		t.Fatalf("/_mock/stats = %d %s", status, body)
	}
}

func TestRun_RefusesBadCommandLines(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-listen", "0.0.0.0:0"}, "not a loopback address"},
		{[]string{"-listen", ":0"}, "not a loopback address"},
		{[]string{"-listen", "[::]:0"}, "not a loopback address"},
		{[]string{"-listen", "192.168.1.10:8080"}, "not a loopback address"},
		{[]string{"-listen", "example.com:80"}, "not a loopback address"},
		{[]string{"-listen", "127.0.0.1"}, "not host:port"},
		{[]string{"-fail-before", "1.5"}, "-fail-before must be a probability"},
		{[]string{"-drop-after", "-0.1"}, "-drop-after must be a probability"},
		{[]string{"-rate", "-1"}, "-rate must not be negative"},
		{[]string{"-seed-collections", "-1"}, "-seed-collections must not be negative"},
		{[]string{"-key", "has space"}, "may only hold"},
		{[]string{"-key", "k", "-read-only-key=k"}, "must differ"},
		{[]string{"-read-only-key", "ro"}, `unexpected argument "ro"`},
		{[]string{"-no-such-flag"}, "flag provided but not defined"},
		{[]string{"-put-id", "wrong"}, "must be one of as-sent, other, missing, empty"},
		{[]string{"-unset-utm", "{}"}, "must be one of null, empty, absent, nulls"},
		{[]string{"-seed-tags", "-1"}, "-seed-tags must not be negative"},
		{[]string{"-seed-partners", "-1"}, "-seed-partners must not be negative"},
		{[]string{"-seed-links", "-2"}, "-seed-links must not be negative"},
		{[]string{"-commit-late", "-1s"}, "-commit-late must not be negative"},
		{[]string{"-slow-400", "-1s"}, "-slow-400 must not be negative"},
		{[]string{"-quirk-kinds", "tags,widgets"}, `unknown kind "widgets"`},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			err := run(context.Background(), tc.args, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("run(%q) = %v, want an error containing %q", tc.args, err, tc.want)
			}
		})
	}
}

func TestRun_AcceptsLoopbackAddresses(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"127.0.0.1:0", "localhost:0", "[::1]:0", "127.0.0.2:0"} {
		if err := checkLoopback(addr); err != nil {
			t.Errorf("checkLoopback(%q) = %v", addr, err)
		}
	}
}

func TestRun_Help(t *testing.T) {
	t.Parallel()
	if err := run(context.Background(), []string{"-h"}, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("run(-h) = %v, want flag.ErrHelp", err)
	}
	u := usage()
	for _, name := range []string{"-listen", "-key", "-read-only-key", "-latency", "-rate", "-burst", "-seed-collections",
		"-fail-before", "-fail-after", "-drop-before", "-drop-after", "-rate-limited", "-seed", "-env-file",
		"-seed-tags", "-seed-partners", "-seed-links", "-reverse-put", "-put-id", "-put-id-item", "-ignore-skip", "-echo-headers",
		"-commit-late", "-get-by-id-other", "-slow-400", "-unset-utm", "-omit-short-links", "-omit-unset", "-quirk-kinds", "-no-429-wait-hint"} {
		if !strings.Contains(u, "  "+name+" ") && !strings.Contains(u, "  "+name+"\n") {
			t.Errorf("usage lacks %s:\n%s", name, u)
		}
	}
}

func TestRun_EveryKindSeededAndServed(t *testing.T) {
	t.Parallel()
	s := start(t, "-read-only-key", "-seed-tags", "2", "-seed-partners", "3", "-seed-links", "4")
	for path, want := range map[string]int{"/api/collections": 1, "/api/tags": 2, "/api/partners": 3, "/api/links": 4} {
		status, body := s.call(t, "GET", path+"?sort=asc", s.readOnlyKey, "")
		var got []map[string]any
		if err := json.Unmarshal(body, &got); status != 200 || err != nil || len(got) != want {
			t.Fatalf("GET %s with the read-only key = %d %s, want %d objects", path, status, body, want)
		}
		if path == "/api/links" && got[0]["url"] != "https://example.com/seed-00001" {
			t.Errorf("first seeded link = %v", got[0])
		}
		if path == "/api/tags" && got[0]["color"] != "slate" {
			t.Errorf("seeded tag = %v", got[0])
		}
	}
	for _, path := range []string{"/api/tags", "/api/partners"} {
		if status, body := s.call(t, "PUT", path, s.readOnlyKey, `[{"name":"x"}]`); status != 403 {
			t.Fatalf("PUT %s with the read-only key = %d %s, want 403", path, status, body)
		}
		if status, body := s.call(t, "PUT", path, s.key, `[{"name":"x"}]`); status != 200 {
			t.Fatalf("PUT %s = %d %s, want 200: the key carries every scope", path, status, body)
		}
	}
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	note := <-s.lines
	for _, want := range []string{"served 8 requests", "collections: GET 1", "tags: GET 1, PUT 2", "links: GET 1"} {
		if !strings.Contains(note, want) {
			t.Errorf("closing note %q lacks %q", note, want)
		}
	}
}

func TestRun_QuirkFlags(t *testing.T) {
	t.Parallel()
	s := start(t, "-reverse-put", "-put-id", "empty", "-put-id-item", "0", "-unset-utm", "absent", "-omit-short-links",
		"-echo-headers", "-seed-links", "1", "-quirk-kinds", "tags, links")
	status, body := s.call(t, "PUT", "/api/tags", s.key, `[{"name":"a"},{"name":"b"}]`)
	var tags []map[string]any
	if err := json.Unmarshal(body, &tags); status != 200 || err != nil || len(tags) != 2 {
		t.Fatalf("PUT = %d %s", status, body)
	}
	// Reversed, and the answer to input item 0 (now last) has "id": "".
	if tags[0]["name"] != "b" || tags[1]["name"] != "a" || tags[1]["id"] != "" || tags[0]["id"] == "" {
		t.Fatalf("answer = %v, want b then a with an empty id", tags)
	}
	_, body = s.call(t, "GET", "/api/links", s.key, "")
	if strings.Contains(string(body), `"utm"`) || strings.Contains(string(body), "shortId") {
		t.Fatalf("link = %s, want neither utm nor the short link members", body)
	}
	if _, body := s.call(t, "GET", "/api/tags?take=0", s.key, ""); !strings.Contains(string(body), s.key) {
		t.Fatalf("error body %s does not echo the key", body)
	}
	// -quirk-kinds leaves collections alone.
	_, body = s.call(t, "PUT", "/api/collections", s.key, `[{"name":"a"},{"name":"b"}]`)
	if !strings.HasPrefix(string(body), `[{"id":"`) || strings.Index(string(body), `"a"`) > strings.Index(string(body), `"b"`) {
		t.Fatalf("collections answered %s, want input order with ids", body)
	}
}

func TestRun_CommitLateAndSlow400Flags(t *testing.T) {
	t.Parallel()
	s := start(t, "-commit-late", "10ms", "-slow-400", "50ms", "-ignore-skip", "-omit-unset")
	if status, body := s.call(t, "PUT", "/api/partners", s.key, `[{"name":"late"}]`); status != 503 {
		t.Fatalf("PUT = %d %s, want 503", status, body)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, body := s.call(t, "GET", "/_mock/partners", "", "")
		if strings.Contains(string(body), `"late"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the late write never arrived: %s", body)
		}
		time.Sleep(5 * time.Millisecond)
	}
	start := time.Now()
	if status, _ := s.call(t, "GET", "/api/partners?take=0", s.key, ""); status != 400 || time.Since(start) < 50*time.Millisecond {
		t.Fatalf("400 = %d after %v, want a slow 400", status, time.Since(start))
	}
	_, body := s.call(t, "GET", "/api/partners?skip=5", s.key, "")
	if !strings.Contains(string(body), `"late"`) || strings.Contains(string(body), `"email"`) {
		t.Fatalf("GET ?skip=5 = %s, want the first page with unset members left out", body)
	}
}
