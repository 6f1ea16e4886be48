package hokotest

import (
	"slices"
	"time"
)

// Quirks makes the mock break the contract the way real deployments,
// proxies and caches do (issue 13), or pick another of the representations
// the contract tells clients to tolerate (section 14). The zero value is a
// server that keeps the contract and answers in the mock's own
// representation; every knob is off by default. Quirks apply to every kind
// unless Kinds names some.
type Quirks struct {
	// Kinds limits the quirks to requests to these kinds; empty means every
	// kind. Answers given before the kind is known (a 429 of the rate
	// limiter, a 404 for an unknown path) follow the quirks whatever Kinds
	// says.
	Kinds []Kind
	// ReversePutOrder answers PUT with its items in reverse input order.
	ReversePutOrder bool
	// PutID changes the id of one item of every PUT answer, the item at
	// PutIDItem (an index in input order; out of range means none).
	PutID PutIDQuirk
	// PutIDItem is the input position whose answer PutID changes.
	PutIDItem int
	// IgnoreSkip makes GET ignore skip, as a broken cache does: every page
	// is the first one, so a client that pages until a short page never
	// stops.
	IgnoreSkip bool
	// EchoHeaders puts the request headers, Authorization included, into
	// every error body of an API request: into the English message and into
	// a requestHeaders member. It is how a proxy leaks a key.
	EchoHeaders bool
	// CommitLate answers every POST, PUT and DELETE that passes
	// authentication with 503 at once, and carries the request out this
	// long afterwards, as a server that times out but commits anyway. The
	// late request is validated when it is carried out; an invalid one
	// changes nothing. See WaitLateCommits.
	CommitLate time.Duration
	// GetByIDAnswersOther answers GET ?id=X with another live object of the
	// kind (or, when there is none, a copy of X under a fresh id) instead of
	// X. It answers [] only when the kind holds nothing at all.
	GetByIDAnswersOther bool
	// Slow400 waits this long before sending any 400 answer, so a client's
	// request timeout can expire on a request the server refused. The wait
	// ends early when the client gives up.
	Slow400 time.Duration
	// No429WaitHint sends every 429 (of the rate limiter or injected)
	// without a wait hint: no retryAfter, no Retry-After and no
	// X-RateLimit-Reset, which the contract allows.
	No429WaitHint bool
	// UnsetUTM is how a link's utm with no key set is written.
	UnsetUTM UTMForm
	// OmitShortLinks leaves shortId, shortUrl and qrCodeUrl out of links,
	// since their names are unverified (section 14).
	OmitShortLinks bool
	// OmitUnset leaves unset optional members out of objects instead of
	// sending null (descriptions, emails, phones, link fields, utm keys).
	OmitUnset bool
}

// PutIDQuirk is how Quirks.PutID writes an answer item's id.
type PutIDQuirk int

const (
	// PutIDAsSent writes the object's real id (the contract).
	PutIDAsSent PutIDQuirk = iota
	// PutIDOther writes a fresh random UUID that names no object.
	PutIDOther
	// PutIDMissing leaves the id member out.
	PutIDMissing
	// PutIDEmpty writes "id": "".
	PutIDEmpty
)

// UTMForm is how a link's utm is written when no key is set.
type UTMForm int

const (
	// UTMNull writes "utm": null, the mock's decision (section 14).
	UTMNull UTMForm = iota
	// UTMEmptyObject writes "utm": {}.
	UTMEmptyObject
	// UTMAbsent leaves the utm member out.
	UTMAbsent
	// UTMObjectOfNulls writes all six keys as null.
	UTMObjectOfNulls
)

// SetQuirks replaces the quirks; the zero value turns them all off.
// Requests already waiting for a late commit still commit.
func (s *Server) SetQuirks(q Quirks) {
	q.Kinds = slices.Clone(q.Kinds)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.quirks = q
}

// forKind returns the quirks that apply to a request to kind k.
func (q Quirks) forKind(k Kind) Quirks {
	if len(q.Kinds) == 0 || slices.Contains(q.Kinds, k) {
		return q
	}
	return Quirks{}
}

// quirksNow returns the current quirks.
func (s *Server) quirksNow() Quirks {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.quirks
}

// wire returns the representation knobs of the quirks.
func (q Quirks) wire() wireOpts {
	return wireOpts{omitUnset: q.OmitUnset, omitShortLinks: q.OmitShortLinks, unsetUTM: q.UnsetUTM}
}

// putIDs returns how each of n PUT answer items writes its id, or nil when
// every id is as sent.
func (q Quirks) putIDs(n int) []idForm {
	if q.PutID == PutIDAsSent || q.PutIDItem < 0 || q.PutIDItem >= n {
		return nil
	}
	ids := make([]idForm, n)
	ids[q.PutIDItem] = q.PutID
	return ids
}

// WaitLateCommits blocks until every write delayed by Quirks.CommitLate has
// been carried out, so a test can assert on what the late commit did
// without sleeping. Call it once the requests whose commits it should wait
// for have been answered; a write that arrives while it waits may or may
// not be waited for.
func (s *Server) WaitLateCommits() {
	s.late.Wait()
}
