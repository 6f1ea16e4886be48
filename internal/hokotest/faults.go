package hokotest

import (
	"math/rand/v2"
	"net/http"
	"time"
)

// Faults configures injected failures. Each rate is a probability from 0 to 1,
// drawn from a random source seeded with Seed, so a run with the same seed
// and the same order of requests fails the same way every time.
//
// Faults apply to requests that reach any kind's path with an API method,
// GET included. For every such request the mock draws five numbers, always
// in this order: RateLimited, FailBeforeWrite, DropBeforeWrite,
// FailAfterWrite, DropAfterWrite. Drawing all five every time means the fate
// of the n-th request depends only on the seed and n, not on what happened to
// earlier ones. The first check that strikes wins. The after-write faults
// only strike when the request succeeded; for GET they strike after the
// response was computed.
type Faults struct {
	// Seed seeds the random source; SetFaults restarts it.
	Seed int64
	// FailBeforeWrite is the chance of a 500 with an error body, before
	// anything is applied.
	FailBeforeWrite float64
	// FailAfterWrite is the chance of a 502 with an error body after the
	// write was applied: the response is "lost" but the change is not.
	FailAfterWrite float64
	// DropBeforeWrite is the chance that the connection is closed without a
	// response and without applying anything.
	DropBeforeWrite float64
	// DropAfterWrite is the chance that the write is applied and then the
	// connection is closed without a response.
	DropAfterWrite float64
	// RateLimited is the chance of a 429 with retryAfter set to RetryAfter,
	// before anything is applied.
	RateLimited float64
	// RetryAfter is the wait that injected 429s announce; zero means 50ms.
	RetryAfter time.Duration
}

// enabled reports whether any fault can strike.
func (f Faults) enabled() bool {
	return f.FailBeforeWrite > 0 || f.FailAfterWrite > 0 || f.DropBeforeWrite > 0 ||
		f.DropAfterWrite > 0 || f.RateLimited > 0
}

// defaultRetryAfter is short so that tests of retrying clients stay fast.
const defaultRetryAfter = 50 * time.Millisecond

// faultState is the configured faults with their random source.
type faultState struct {
	cfg Faults
	rnd *rand.Rand
}

// faultDraw is the fate of one request.
type faultDraw struct {
	rateLimited bool
	retryAfter  time.Duration
	failBefore  bool
	dropBefore  bool
	failAfter   bool
	dropAfter   bool
}

// SetFaults replaces the fault configuration and restarts the random source
// from f.Seed. The zero value disables fault injection.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !f.enabled() {
		s.faults = nil
		return
	}
	if f.RetryAfter <= 0 {
		f.RetryAfter = defaultRetryAfter
	}
	seed := uint64(f.Seed)
	s.faults = &faultState{cfg: f, rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// drawFaults decides the fate of one request under the lock, so that
// concurrent requests consume the random sequence one at a time.
func (s *Server) drawFaults() faultDraw {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs := s.faults
	if fs == nil {
		return faultDraw{}
	}
	var r [5]float64
	for i := range r {
		r[i] = fs.rnd.Float64()
	}
	c := fs.cfg
	d := faultDraw{retryAfter: c.RetryAfter}
	switch {
	case r[0] < c.RateLimited:
		d.rateLimited = true
	case r[1] < c.FailBeforeWrite:
		d.failBefore = true
	case r[2] < c.DropBeforeWrite:
		d.dropBefore = true
	case r[3] < c.FailAfterWrite:
		d.failAfter = true
	case r[4] < c.DropAfterWrite:
		d.dropAfter = true
	}
	return d
}

// dropConnection closes the connection without a response, as a crashed
// server or a lost network would. http.Hijacker gives us the raw
// connection on HTTP/1; where it is not available (HTTP/2) aborting the
// handler has the same effect for the client.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			// The point is to close; an error closing changes nothing.
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
