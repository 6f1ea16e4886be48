package hokotest

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	// ScopeRead is the key scope that GET /api/collections needs. The other
	// kinds' scopes are in kind.go.
	ScopeRead = "collectionsRead"
	// ScopeWrite is the key scope that POST, PUT and DELETE on
	// /api/collections need.
	ScopeWrite = "collectionsWrite"
)

const (
	// debugPrefix marks the mock's own endpoints, which are not part of the
	// API and are neither recorded nor authenticated.
	debugPrefix = "/_mock/"
	// hardLimit is the contract's hard cap on items per write and per take.
	hardLimit = 10000
	// maxBodyBytes bounds what the mock reads into memory. Hoko documents no
	// length limit for descriptions, so one description larger than a
	// client's page cap (64 MiB) must still be writable; a runaway client's
	// body is not.
	maxBodyBytes = 256 << 20
	// defaultName is the collection every new workspace starts with.
	defaultName = "Links"
)

// Server is an in-memory Hoko workspace behind the API of every kind. It
// implements http.Handler and is safe for concurrent use; every knob may be
// changed while it serves.
type Server struct {
	// mu guards the store, the keys and the knobs. One lock keeps writes
	// trivially all-or-nothing; the latency sleep happens outside it.
	mu       sync.Mutex
	st       *store
	keys     map[string]map[string]bool // key -> scopes
	revoked  map[string]bool
	latency  time.Duration
	limiter  *limiter
	faults   *faultState
	maxItems int
	quirks   Quirks

	// late counts writes that Quirks.CommitLate has yet to carry out.
	late sync.WaitGroup

	// rec is separate from mu so that recording a request never waits for a
	// large write to finish.
	rec recorder
}

// NewServer returns a workspace that already holds the default collection
// "Links", as a new Hoko workspace does, and nothing else: no tags,
// partners or links. It has no keys yet; see NewKey.
func NewServer() *Server {
	s := &Server{
		st:       newStore(),
		keys:     make(map[string]map[string]bool),
		revoked:  make(map[string]bool),
		maxItems: hardLimit,
	}
	s.rec.recordBodies = true
	s.seed(KindCollection, []*string{ptr(defaultName), nil}, nil)
	return s
}

// result is a successful response that has not been written yet, so that an
// injected after-write fault can still replace it.
type result struct {
	status int
	body   []byte
}

// ServeHTTP serves the API at /api/collections, /api/tags, /api/partners
// and /api/links, and the debug endpoints under /_mock/. The package
// documentation lists the order of the steps.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, debugPrefix) {
		s.serveDebug(w, r)
		return
	}

	body, readErr := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	s.rec.record(r, body)
	// The server's own clock, which SetClock may have moved.
	w.Header().Set("Date", s.dateNow().UTC().Format(http.TimeFormat))

	if !s.sleep(r) {
		// The client gave up while we were slow: nobody is left to answer,
		// and nothing has been applied.
		return
	}
	q := s.quirksNow()
	fail := func(e *apiError) { s.fail(w, r, q, e) }
	if !s.admit(w, fail) {
		return
	}
	sp, scope, ok := s.route(w, r, fail)
	if !ok {
		return
	}
	q = q.forKind(sp.kind)
	f := s.drawFaults()
	if s.injectBefore(w, f, fail) {
		return
	}
	if e := s.authorize(r, scope); e != nil {
		fail(e)
		return
	}
	if readErr != nil {
		fail(bodyReadError(readErr))
		return
	}
	if q.CommitLate > 0 && r.Method != http.MethodGet {
		s.commitLate(sp, r.Method, r.URL.Query(), body, q)
		fail(errorf(http.StatusServiceUnavailable, "service unavailable (injected: the request will still be carried out in %v)", q.CommitLate))
		return
	}
	res, e := s.handle(sp, r.Method, r.URL.Query(), body, q)
	if e != nil {
		fail(e)
		return
	}
	if s.injectAfter(w, f, fail) {
		return
	}
	writeJSON(w, res.status, res.body)
}

// commitLate carries a write out after Quirks.CommitLate, on a timer. The
// request itself is over by then, so everything it needs is passed in.
func (s *Server) commitLate(sp *kindSpec, method string, query url.Values, body []byte, q Quirks) {
	s.rec.countFault()
	s.late.Add(1)
	time.AfterFunc(q.CommitLate, func() {
		defer s.late.Done()
		// Nobody is waiting for the answer; an invalid write simply
		// changes nothing.
		_, _ = s.handle(sp, method, query, body, q)
	})
}

// fail answers an API request with an error, after the quirks that shape
// errors: a slow 400 waits first (and gives up silently with the client),
// and echoed headers are added to the body.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, q Quirks, e *apiError) {
	if e.status == http.StatusBadRequest && q.Slow400 > 0 {
		t := time.NewTimer(q.Slow400)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return
		}
	}
	if q.EchoHeaders {
		e.echo = r.Header.Clone()
	}
	if e.status == http.StatusTooManyRequests && q.No429WaitHint {
		e.noWaitHint = true
		w.Header().Del("X-RateLimit-Reset")
	}
	s.writeError(w, e)
}

// admit applies the rate limiter, sets the X-RateLimit-* headers when a limit
// is set, and answers 429 when the bucket is empty. It reports whether the
// request may go on.
func (s *Server) admit(w http.ResponseWriter, fail func(*apiError)) bool {
	s.mu.Lock()
	lim := s.limiter
	if lim == nil {
		s.mu.Unlock()
		return true
	}
	allowed, wait, ls := lim.take(time.Now())
	s.mu.Unlock()
	ls.set(w.Header())
	if !allowed {
		s.rec.countRateLimited()
		fail(&apiError{status: http.StatusTooManyRequests, en: "Rate limit exceeded", retryAfter: wait})
	}
	return allowed
}

// route answers 404 for any path but the kinds' ones and 405 for methods
// the API does not have. Otherwise it returns the kind and the scope the
// method needs.
func (s *Server) route(w http.ResponseWriter, r *http.Request, fail func(*apiError)) (sp *kindSpec, scope string, ok bool) {
	sp, ok = kindFromPath(r.URL.Path)
	if !ok {
		fail(errorf(http.StatusNotFound, "unknown endpoint %s %s: the API's paths are /api/collections, /api/tags, /api/partners and /api/links", r.Method, r.URL.Path))
		return nil, "", false
	}
	switch r.Method {
	case http.MethodGet:
		return sp, sp.readScope, true
	case http.MethodPost, http.MethodPut, http.MethodDelete:
		return sp, sp.writeScope, true
	}
	w.Header().Set("Allow", "GET, POST, PUT, DELETE")
	fail(errorf(http.StatusMethodNotAllowed, "method %s is not allowed on %s; use GET, POST, PUT or DELETE", r.Method, r.URL.Path))
	return nil, "", false
}

// injectBefore carries out a fault drawn to strike before anything is
// applied, and reports whether one did.
func (s *Server) injectBefore(w http.ResponseWriter, f faultDraw, fail func(*apiError)) bool {
	switch {
	case f.rateLimited:
		s.rec.countRateLimited()
		fail(&apiError{status: http.StatusTooManyRequests, en: "Rate limit exceeded (injected)", retryAfter: f.retryAfter})
	case f.failBefore:
		s.rec.countFault()
		fail(errorf(http.StatusInternalServerError, "internal server error (injected before the write)"))
	case f.dropBefore:
		s.rec.countFault()
		dropConnection(w)
	default:
		return false
	}
	return true
}

// injectAfter carries out a fault drawn to strike after a successful request:
// the change stays applied, only the answer is lost. It reports whether one
// did.
func (s *Server) injectAfter(w http.ResponseWriter, f faultDraw, fail func(*apiError)) bool {
	switch {
	case f.failAfter:
		s.rec.countFault()
		fail(errorf(http.StatusBadGateway, "bad gateway (injected after the request was applied)"))
	case f.dropAfter:
		s.rec.countFault()
		dropConnection(w)
	default:
		return false
	}
	return true
}

// handle dispatches an authorized request to its method's handler.
func (s *Server) handle(sp *kindSpec, method string, query url.Values, body []byte, q Quirks) (result, *apiError) {
	switch method {
	case http.MethodGet:
		return s.handleGet(sp, query, q)
	case http.MethodPost:
		return s.handlePost(sp, body, q)
	case http.MethodPut:
		return s.handlePut(sp, body, q)
	default: // route has already narrowed the methods down to DELETE
		return s.handleDelete(sp, body)
	}
}

// bodyReadError turns a failure to read the request body into a 400; the
// contract counts exceeded limits as bad requests.
func bodyReadError(err error) *apiError {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return badRequest("request body is larger than %d bytes", tooBig.Limit)
	}
	return badRequest("could not read the request body: %v", err)
}

// sleep waits for the configured latency and reports whether the client is
// still there. It runs outside the lock so a slow mock is still a concurrent
// one.
func (s *Server) sleep(r *http.Request) bool {
	s.mu.Lock()
	d := s.latency
	s.mu.Unlock()
	if d <= 0 {
		return r.Context().Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// writeError writes an error body with its status and extra headers.
func (s *Server) writeError(w http.ResponseWriter, e *apiError) {
	e.header(w.Header())
	writeJSON(w, e.status, e.body())
}

// writeJSON writes a JSON body. Every response, errors included, says
// application/json, because clients decide how to parse on that header.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	// A failed write means the client has gone; there is no one to tell.
	_, _ = w.Write(body)
}

// SetLatency adds d to every API request before it is handled. The wait ends
// early, without applying anything or answering, when the client cancels
// the request. Zero or negative disables it.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// SetMaxItemsPerWrite sets the plan's cap on items per POST, PUT and DELETE,
// for every kind.
// Values of 0 or less, and values above the contract's hard limit of 10,000,
// mean 10,000. It does not change the limit on take, which the contract fixes
// at 10,000.
func (s *Server) SetMaxItemsPerWrite(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n <= 0 || n > hardLimit {
		n = hardLimit
	}
	s.maxItems = n
}

// SetQuota sets the most live collections the workspace may hold; 0 or less
// means unlimited. A write that would go over it fails with 400. Collections
// already over the quota (for example after Seed) are left alone. SetQuotaFor
// sets the quota of any kind.
func (s *Server) SetQuota(n int) {
	s.SetQuotaFor(KindCollection, n)
}

// SetQuotaFor sets the most live objects of a kind the workspace may hold,
// as SetQuota does for collections; 0 or less means unlimited.
func (s *Server) SetQuotaFor(k Kind, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.table(k).quota = max(n, 0)
}

// SetRecordBodies turns recording of request bodies on or off. It is on by
// default; benchmarks that send large bodies turn it off to save memory.
// Requests are still recorded, with a nil Body.
func (s *Server) SetRecordBodies(on bool) {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	s.rec.recordBodies = on
}

// SetClock replaces the server's clock, which stamps createdAt and
// updatedAt and the Date header of every API answer; nil restores the wall
// clock. Time never runs backwards for the store: a clock set behind the
// latest stamp stamps that instant until it catches up. A test moves the
// clock forward to make the objects already there look old, as they would
// on a server where time has passed.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if now == nil {
		now = time.Now
	}
	s.st.clock = now
}

// dateNow returns the time the Date header of an answer shows.
func (s *Server) dateNow() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.clock()
}
