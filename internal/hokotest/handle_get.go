package hokotest

import (
	"net/http"
	"net/url"
	"strconv"
)

// defaultTake is the page size when the client does not ask for one.
const defaultTake = 50

// getQuery is a parsed GET query.
type getQuery struct {
	take, skip int
	asc        bool
	id         string // "" when absent
	hasID      bool
	filters    map[int]string // field position -> value that must match
}

// parseGetQuery checks take, skip, sort, id and the kind's filters.
// Unknown parameters are ignored, as unknown request members are.
func parseGetQuery(sp *kindSpec, q url.Values) (getQuery, *apiError) {
	var g getQuery
	var e *apiError
	if g.take, e = intParam(q, "take", defaultTake, 1, hardLimit); e != nil {
		return g, e
	}
	if g.skip, e = intParam(q, "skip", 0, 0, -1); e != nil {
		return g, e
	}
	if q.Has("sort") {
		switch v := q.Get("sort"); v {
		case "asc":
			g.asc = true
		case "desc":
		default:
			return g, badRequest("sort must be asc or desc (got %s)", quote(v))
		}
	}
	if q.Has("id") {
		raw := q.Get("id")
		id, ok := normalizeUUID(raw)
		if !ok {
			return g, badRequest("malformed %s id %s: it must be a UUID", sp.singular, quote(raw))
		}
		g.id, g.hasID = id, true
	}
	for _, name := range sp.filters {
		if !q.Has(name) {
			continue
		}
		fi := sp.fieldIndex(name)
		v := q.Get(name)
		if ref := sp.fields[fi].ref; ref != "" {
			norm, ok := normalizeUUID(v)
			if !ok {
				return g, badRequest("malformed %s %s: it must be a %s id (a UUID)", name, quote(v), ref.spec().singular)
			}
			v = norm
		}
		if g.filters == nil {
			g.filters = make(map[int]string)
		}
		g.filters[fi] = v
	}
	return g, nil
}

// matches reports whether a record passes every filter. An unset field
// matches no filter, not even an empty one.
func (g getQuery) matches(r *record) bool {
	for fi, v := range g.filters {
		if p := r.vals[fi]; p == nil || *p != v {
			return false
		}
	}
	return true
}

// handleGet lists objects or looks one up by id, with the kind's filters
// combined with AND.
//
// Order is by createdAt (by id for tags), descending unless sort=asc.
// Objects created in the same millisecond are ordered by creation sequence
// (newest last when ascending, first when descending), so the order is
// total and paging with skip never shows an item twice or skips one while
// nothing is written.
func (s *Server) handleGet(sp *kindSpec, query url.Values, q Quirks) (result, *apiError) {
	g, e := parseGetQuery(sp, query)
	if e != nil {
		return result{}, e
	}
	if q.IgnoreSkip {
		g.skip = 0
	}
	s.mu.Lock()
	t := s.st.table(sp.kind)
	var out []record
	switch {
	case g.hasID && q.GetByIDAnswersOther:
		out = s.otherThan(t, g.id)
	case g.hasID:
		// Unknown and deleted ids look the same: an empty array, as the
		// contract decides for the mock.
		out = []record{}
		if r, ok := t.liveByID(g.id); ok && g.matches(r) {
			out = append(out, r.snapshot())
		}
	case g.filters != nil:
		var sel []*record
		for _, r := range t.live {
			if g.matches(r) {
				sel = append(sel, r)
			}
		}
		out = page(sel, g.asc, g.skip, g.take)
	default:
		out = page(t.ordered(), g.asc, g.skip, g.take)
	}
	s.mu.Unlock()
	// Encoding happens outside the lock: a page of 10,000 should not hold up
	// writers while it is turned into JSON.
	return result{status: http.StatusOK, body: encodeRecords(sp, out, q.wire(), nil)}, nil
}

// otherThan is the answer of Quirks.GetByIDAnswersOther: the first live
// object that is not id, else a copy of id under a fresh id, else nothing.
// The caller holds s.mu.
func (s *Server) otherThan(t *table, id string) []record {
	for _, r := range t.live {
		if r.id != id {
			return []record{r.snapshot()}
		}
	}
	if r, ok := t.liveByID(id); ok {
		c := r.snapshot()
		c.id = newUUID()
		return []record{c}
	}
	return []record{}
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
