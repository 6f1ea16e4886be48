package hokotest

import (
	"net/http"
	"slices"
)

// handlePost creates objects only; an item with an id is refused because
// POST is not an upsert. The answer is 201 with the created objects in
// input order.
func (s *Server) handlePost(sp *kindSpec, body []byte, q Quirks) (result, *apiError) {
	items, e := s.parseWrite(sp, body)
	if e != nil {
		return result{}, e
	}
	out, e := s.write(sp, items, false)
	if e != nil {
		return result{}, e
	}
	return result{status: http.StatusCreated, body: encodeRecords(sp, out, q.wire(), nil)}, nil
}

// handlePut upserts: items without an id create, items with one update only
// the members they carry, and JSON null clears a nullable member. The whole
// batch is validated before anything is applied. The answer is 200 with one
// full object per item, in input order unless Quirks say otherwise.
func (s *Server) handlePut(sp *kindSpec, body []byte, q Quirks) (result, *apiError) {
	items, e := s.parseWrite(sp, body)
	if e != nil {
		return result{}, e
	}
	out, e := s.write(sp, items, true)
	if e != nil {
		return result{}, e
	}
	ids := q.putIDs(len(out))
	if q.ReversePutOrder {
		slices.Reverse(out)
		slices.Reverse(ids)
	}
	return result{status: http.StatusOK, body: encodeRecords(sp, out, q.wire(), ids)}, nil
}
