package hokotest

import "net/http"

// handlePost creates collections only; an item with an id is refused because
// POST is not an upsert. The answer is 201 with the created collections in
// input order.
func (s *Server) handlePost(body []byte) (result, *apiError) {
	items, e := s.parseWrite(body)
	if e != nil {
		return result{}, e
	}
	out, e := s.write(items, false)
	if e != nil {
		return result{}, e
	}
	return result{status: http.StatusCreated, body: encodeCollections(out)}, nil
}
