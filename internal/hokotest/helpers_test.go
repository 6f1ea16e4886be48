package hokotest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

// fixture is a mock behind a real HTTP server, with one key per scope set.
// Tests talk to it over HTTP with hand-written JSON so they pin the wire
// format rather than a Go type.
type fixture struct {
	srv       *Server
	ts        *httptest.Server
	key       string // both collection scopes
	all       string // every scope of every kind
	readOnly  string
	writeOnly string
}

// newFixture starts a fresh mock for one test.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	srv := NewServer()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &fixture{
		srv:       srv,
		ts:        ts,
		key:       srv.NewKey(ScopeRead, ScopeWrite),
		all:       srv.NewKey(AllScopes()...),
		readOnly:  srv.NewKey(ScopeRead),
		writeOnly: srv.NewKey(ScopeWrite),
	}
}

// response is what a test looks at after a request.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends one request with "Authorization: Bearer key" (none when key is
// empty) and reads the whole response.
func (f *fixture) do(t *testing.T, method, target, key, body string) response {
	t.Helper()
	auth := ""
	if key != "" {
		auth = "Bearer " + key
	}
	return f.doAuth(t, method, target, auth, body)
}

// doAuth is do with a raw Authorization header value.
func (f *fixture) doAuth(t *testing.T, method, target, auth, body string) response {
	t.Helper()
	r, err := f.request(method, target, auth, body)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// request sends one request and reads the whole response. It returns errors
// rather than failing the test so goroutines other than the test's can use it.
func (f *fixture) request(method, target, auth, body string) (response, error) {
	req, err := http.NewRequest(method, f.ts.URL+target, strings.NewReader(body))
	if err != nil {
		return response{}, err
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := f.ts.Client().Do(req)
	if err != nil {
		return response{}, fmt.Errorf("%s %s: %w", method, target, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{}, fmt.Errorf("%s %s: reading body: %w", method, target, err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: raw}, nil
}

// wantStatus fails the test when the status differs, showing the body.
func (r response) wantStatus(t *testing.T, want int) response {
	t.Helper()
	if r.status != want {
		t.Fatalf("status = %d, want %d; body: %s", r.status, want, r.body)
	}
	return r
}

// wireObject is a collection as a test reads it off the wire.
type wireObject struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
	CreatedAt   string  `json:"createdAt"`
	UpdatedAt   string  `json:"updatedAt"`
}

// objects decodes a JSON array of collections.
func (r response) objects(t *testing.T) []wireObject {
	t.Helper()
	var out []wireObject
	if err := json.Unmarshal(r.body, &out); err != nil {
		t.Fatalf("body is not an array of collections: %v\n%s", err, r.body)
	}
	return out
}

// wireError is an error body as a test reads it off the wire.
type wireError struct {
	Error struct {
		En string `json:"en"`
		Ar string `json:"ar"`
	} `json:"error"`
	MissingScopes []string `json:"missingScopes"`
	RetryAfter    *float64 `json:"retryAfter"`
}

// apiErr decodes an error body and checks that both languages are present.
func (r response) apiErr(t *testing.T) wireError {
	t.Helper()
	var out wireError
	if err := json.Unmarshal(r.body, &out); err != nil {
		t.Fatalf("body is not an error body: %v\n%s", err, r.body)
	}
	if out.Error.En == "" || out.Error.Ar == "" {
		t.Fatalf("error body lacks a message in both languages: %s", r.body)
	}
	return out
}

// wantError checks status and that the English message contains want.
func (r response) wantError(t *testing.T, status int, want string) wireError {
	t.Helper()
	r.wantStatus(t, status)
	e := r.apiErr(t)
	if !strings.Contains(e.Error.En, want) {
		t.Fatalf("error = %q, want it to contain %q", e.Error.En, want)
	}
	return e
}

// names lists the names of collections in order.
func names[T wireObject | Collection](cs []T) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		switch c := any(c).(type) {
		case wireObject:
			out[i] = c.Name
		case Collection:
			out[i] = c.Name
		}
	}
	return out
}

// assertUnchanged fails when the live collections differ from before, which
// is how tests prove a refused write wrote nothing.
func assertUnchanged(t *testing.T, srv *Server, before []Collection) {
	t.Helper()
	if after := srv.Collections(); !reflect.DeepEqual(before, after) {
		t.Fatalf("collections changed by a refused request:\nbefore %+v\nafter  %+v", before, after)
	}
}

// strp returns a pointer to s.
func strp(s string) *string { return &s }

// obj is any object as a test reads it off the wire, member by member.
type obj map[string]json.RawMessage

// objs decodes a JSON array of objects of any kind.
func (r response) objs(t *testing.T) []obj {
	t.Helper()
	var out []obj
	if err := json.Unmarshal(r.body, &out); err != nil {
		t.Fatalf("body is not an array of objects: %v\n%s", err, r.body)
	}
	return out
}

// str returns a string member, failing the test when it is not a string.
func (o obj) str(t *testing.T, k string) string {
	t.Helper()
	var s string
	if err := json.Unmarshal(o[k], &s); err != nil {
		t.Fatalf("member %q = %s, want a string (object %v)", k, o[k], o)
	}
	return s
}

// raw returns a member's JSON text, "" when absent.
func (o obj) raw(k string) string { return string(o[k]) }

// put sends a PUT to a kind with the all-scopes key and expects 200.
func (f *fixture) put(t *testing.T, k Kind, body string) []obj {
	t.Helper()
	return f.do(t, "PUT", k.Path(), f.all, body).wantStatus(t, http.StatusOK).objs(t)
}

// get sends a GET to a kind's path with a query and expects 200.
func (f *fixture) get(t *testing.T, k Kind, query string) []obj {
	t.Helper()
	return f.do(t, "GET", k.Path()+query, f.all, "").wantStatus(t, http.StatusOK).objs(t)
}

// ids lists the id members of objects in order.
func ids(t *testing.T, os []obj) []string {
	t.Helper()
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = o.str(t, "id")
	}
	return out
}
