package hokotest

import "net/http"

// handlePut upserts: items without an id create, items with one update only
// the members they carry, and JSON null clears the description. The whole
// batch is validated before anything is applied. The answer is 200 with one
// full collection per item, in input order.
func (s *Server) handlePut(body []byte) (result, *apiError) {
	items, e := s.parseWrite(body)
	if e != nil {
		return result{}, e
	}
	out, e := s.write(items, true)
	if e != nil {
		return result{}, e
	}
	return result{status: http.StatusOK, body: encodeCollections(out)}, nil
}
