package hokotest

import (
	"net/http"
	"net/url"
	"strconv"
)

// defaultTake is the page size when the client does not ask for one.
const defaultTake = 50

// handleGet lists collections or looks one up by id.
//
// Order is by createdAt, descending unless sort=asc. Collections created in
// the same millisecond are ordered by creation sequence (newest last when
// ascending, first when descending), so the order is total and paging with
// skip never shows an item twice or skips one while nothing is written.
func (s *Server) handleGet(r *http.Request) (result, *apiError) {
	q := r.URL.Query()
	take, e := intParam(q, "take", defaultTake, 1, hardLimit)
	if e != nil {
		return result{}, e
	}
	skip, e := intParam(q, "skip", 0, 0, -1)
	if e != nil {
		return result{}, e
	}
	asc := false
	if q.Has("sort") {
		switch v := q.Get("sort"); v {
		case "asc":
			asc = true
		case "desc":
		default:
			return result{}, badRequest("sort must be asc or desc (got %s)", quote(v))
		}
	}

	if q.Has("id") {
		raw := q.Get("id")
		id, ok := normalizeUUID(raw)
		if !ok {
			return result{}, badRequest("malformed collection id %s: it must be a UUID", quote(raw))
		}
		s.mu.Lock()
		e, found := s.st.liveByID(id)
		var page []Collection
		if found {
			page = []Collection{e.c.clone()}
		}
		s.mu.Unlock()
		// Unknown and soft-deleted ids look the same: an empty array, as the
		// contract decides for the mock.
		return result{status: http.StatusOK, body: encodeCollections(page)}, nil
	}

	s.mu.Lock()
	page := s.st.page(asc, skip, take)
	s.mu.Unlock()
	// Encoding happens outside the lock: a page of 10,000 should not hold up
	// writers while it is turned into JSON.
	return result{status: http.StatusOK, body: encodeCollections(page)}, nil
}

// intParam reads an optional integer query parameter in [lo, hi]; hi < 0 means
// no upper bound. A parameter that is present but empty is an error, not the
// default, because a client that sends "take=" has a bug worth seeing.
func intParam(q url.Values, name string, def, lo, hi int) (int, *apiError) {
	if !q.Has(name) {
		return def, nil
	}
	raw := q.Get(name)
	n, err := strconv.Atoi(raw)
	inRange := err == nil && n >= lo && (hi < 0 || n <= hi)
	if inRange {
		return n, nil
	}
	if hi < 0 {
		return 0, badRequest("%s must be an integer of at least %d (got %s)", name, lo, quote(raw))
	}
	return 0, badRequest("%s must be between %d and %d (got %s)", name, lo, hi, quote(raw))
}
