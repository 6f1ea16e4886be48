package hokotest

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
)

// Request is one HTTP request as the mock received it.
type Request struct {
	// Method is the HTTP method, such as "PUT".
	Method string
	// Path is the URL path without the query.
	Path string
	// Query holds the parsed query parameters.
	Query url.Values
	// Header is a copy of the request headers.
	Header http.Header
	// Body is the raw request body, or nil when recording bodies is off.
	Body []byte
}

// Kind returns the kind whose path the request was sent to, and false for
// paths that serve no kind.
func (r Request) Kind() (Kind, bool) {
	sp, ok := kindFromPath(r.Path)
	if !ok {
		return "", false
	}
	return sp.kind, true
}

// clone returns a deep copy, so a test that edits what it was given cannot
// change the record other tests or later calls see.
func (r Request) clone() Request {
	r.Query = cloneValues(r.Query)
	r.Header = r.Header.Clone()
	if r.Body != nil {
		r.Body = append([]byte(nil), r.Body...)
	}
	return r
}

// cloneValues deep-copies query values.
func cloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// Stats counts what the mock did, for tests and for closing notes.
type Stats struct {
	// Requests counts every API request received, whatever became of it.
	// Requests to the /_mock/ debug endpoints are not counted.
	Requests int `json:"requests"`
	// ByMethod counts the same requests by HTTP method.
	ByMethod map[string]int `json:"byMethod"`
	// ByKind counts the requests to each kind's path by HTTP method, such
	// as ByKind[KindTag]["PUT"]; requests to other paths are not in it.
	ByKind map[Kind]map[string]int `json:"byKind"`
	// FaultsInjected counts injected 5xx responses and dropped connections.
	FaultsInjected int `json:"faultsInjected"`
	// RateLimited counts 429 responses, injected or from the rate limiter.
	RateLimited int `json:"rateLimited"`
}

// MethodCounts lists ByMethod in method order, e.g. "GET 2, PUT 14", for
// test logs, closing notes and benchmark reports; "" when nothing came.
func (s Stats) MethodCounts() string {
	methods := make([]string, 0, len(s.ByMethod))
	for m := range s.ByMethod {
		methods = append(methods, m)
	}
	sort.Strings(methods)
	parts := make([]string, len(methods))
	for i, m := range methods {
		parts[i] = fmt.Sprintf("%s %d", m, s.ByMethod[m])
	}
	return strings.Join(parts, ", ")
}

// MethodCountsFor is MethodCounts for the requests to one kind.
func (s Stats) MethodCountsFor(k Kind) string {
	return Stats{ByMethod: s.ByKind[k]}.MethodCounts()
}

// recorder keeps the request log and the counters under their own lock.
type recorder struct {
	mu           sync.Mutex
	recordBodies bool
	requests     []Request
	stats        Stats
}

// record appends a request to the log and counts it. It runs before faults
// and authentication, so a test can see what the client sent even when the
// mock refused it.
func (rc *recorder) record(r *http.Request, body []byte) {
	req := Request{
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  r.URL.Query(),
		Header: r.Header.Clone(),
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.recordBodies {
		// io.ReadAll gave us a slice nobody else holds, so no copy is needed.
		req.Body = body
	}
	rc.requests = append(rc.requests, req)
	rc.stats.Requests++
	if rc.stats.ByMethod == nil {
		rc.stats.ByMethod = make(map[string]int)
	}
	rc.stats.ByMethod[r.Method]++
	if k, ok := req.Kind(); ok {
		if rc.stats.ByKind == nil {
			rc.stats.ByKind = make(map[Kind]map[string]int)
		}
		if rc.stats.ByKind[k] == nil {
			rc.stats.ByKind[k] = make(map[string]int)
		}
		rc.stats.ByKind[k][r.Method]++
	}
}

// countFault counts one injected 5xx or dropped connection.
func (rc *recorder) countFault() {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.stats.FaultsInjected++
}

// countRateLimited counts one 429.
func (rc *recorder) countRateLimited() {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.stats.RateLimited++
}

// Requests returns a copy of every recorded API request, in arrival order.
// Requests to the /_mock/ debug endpoints are not recorded.
func (s *Server) Requests() []Request {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	out := make([]Request, len(s.rec.requests))
	for i, r := range s.rec.requests {
		out[i] = r.clone()
	}
	return out
}

// RequestsMatching returns a copy of the recorded requests with the given
// HTTP method, to any path, in arrival order. RequestsFor narrows it to one
// kind.
func (s *Server) RequestsMatching(method string) []Request {
	return s.requestsWhere(func(r Request) bool { return r.Method == method })
}

// RequestsFor returns a copy of the recorded requests to a kind's path with
// the given HTTP method ("" for any), in arrival order.
func (s *Server) RequestsFor(k Kind, method string) []Request {
	path := k.Path()
	return s.requestsWhere(func(r Request) bool {
		return r.Path == path && (method == "" || r.Method == method)
	})
}

// requestsWhere copies the recorded requests that pass keep.
func (s *Server) requestsWhere(keep func(Request) bool) []Request {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	var out []Request
	for _, r := range s.rec.requests {
		if keep(r) {
			out = append(out, r.clone())
		}
	}
	return out
}

// ResetRequests forgets every recorded request and resets Stats, so a test
// can set up state through the API and then look only at what follows.
func (s *Server) ResetRequests() {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	s.rec.requests = nil
	s.rec.stats = Stats{}
}

// Stats returns a copy of the counters. ByMethod and ByKind are never nil.
func (s *Server) Stats() Stats {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	st := s.rec.stats
	st.ByMethod = make(map[string]int, len(s.rec.stats.ByMethod))
	for k, v := range s.rec.stats.ByMethod {
		st.ByMethod[k] = v
	}
	st.ByKind = make(map[Kind]map[string]int, len(s.rec.stats.ByKind))
	for k, m := range s.rec.stats.ByKind {
		st.ByKind[k] = maps.Clone(m)
	}
	return st
}
