package hokotest

import (
	"encoding/json"
	"net/http"
)

// deleteResponse is the wire shape of a successful DELETE.
type deleteResponse struct {
	DeletedIDs []string `json:"deletedIds"`
}

// handleDelete soft-deletes the collections whose ids the body lists. An id
// that is malformed, unknown, already deleted or listed twice fails the whole
// request and deletes nothing: the mock's decision in section 9 of the
// contract, which is stricter than a server that ignores gone ids, so that a
// client has to cope with the stricter behaviour.
func (s *Server) handleDelete(body []byte) (result, *apiError) {
	raws, e := decodeArray(body)
	if e != nil {
		return result{}, e
	}
	if e := checkCount(len(raws), s.writeCap()); e != nil {
		return result{}, e
	}
	ids := make([]string, len(raws))
	for i, raw := range raws {
		if kind := jsonKind(raw); kind != "string" {
			return result{}, badRequest("item %d must be a collection id string (got %s)", i, kind)
		}
		var raw string
		if err := json.Unmarshal(raws[i], &raw); err != nil {
			return result{}, badRequest("item %d is not a valid JSON string: %v", i, err)
		}
		id, ok := normalizeUUID(raw)
		if !ok {
			return result{}, badRequest("malformed collection id %s at item %d: it must be a UUID", quote(raw), i)
		}
		ids[i] = id
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	seen := make(map[string]int, len(ids))
	targets := make([]*entry, len(ids))
	for i, id := range ids {
		if j, dup := seen[id]; dup {
			return result{}, badRequest("collection id %s appears more than once (items %d and %d)", quote(id), j, i)
		}
		seen[id] = i
		e, ok := s.st.byID[id]
		if !ok {
			return result{}, badRequest("unknown collection id %s at item %d", quote(id), i)
		}
		if e.deleted {
			return result{}, badRequest("collection id %s at item %d is already deleted", quote(id), i)
		}
		targets[i] = e
	}
	s.st.softDelete(targets)
	return result{status: http.StatusOK, body: mustJSON(deleteResponse{DeletedIDs: ids})}, nil
}
