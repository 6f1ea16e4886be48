package hokotest

import (
	"encoding/json"
	"net/http"
)

// deleteResponse is the wire shape of a successful DELETE.
type deleteResponse struct {
	DeletedIDs []string `json:"deletedIds"`
}

// handleDelete deletes the objects whose ids the body lists: softly for
// collections, partners and links, for good for tags. An id that is
// malformed, unknown, already deleted or listed twice fails the whole
// request and deletes nothing: the mock's decision in sections 9 and 14 of
// the contract, which is stricter than a server that ignores gone ids, so
// that a client has to cope with the stricter behaviour.
func (s *Server) handleDelete(sp *kindSpec, body []byte) (result, *apiError) {
	raws, e := decodeArray(body)
	if e != nil {
		return result{}, e
	}
	if e := checkCount(len(raws), s.writeCap()); e != nil {
		return result{}, e
	}
	k := sp.singular
	ids := make([]string, len(raws))
	for i, raw := range raws {
		if kind := jsonKind(raw); kind != "string" {
			return result{}, badRequest("item %d must be a %s id string (got %s)", i, k, kind)
		}
		var raw string
		if err := json.Unmarshal(raws[i], &raw); err != nil {
			return result{}, badRequest("item %d is not a valid JSON string: %v", i, err)
		}
		id, ok := normalizeUUID(raw)
		if !ok {
			return result{}, badRequest("malformed %s id %s at item %d: it must be a UUID", k, quote(raw), i)
		}
		ids[i] = id
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.st.table(sp.kind)
	seen := make(map[string]int, len(ids))
	targets := make([]*record, len(ids))
	for i, id := range ids {
		if j, dup := seen[id]; dup {
			return result{}, badRequest("%s id %s appears more than once (items %d and %d)", k, quote(id), j, i)
		}
		seen[id] = i
		r, ok := t.byID[id]
		if !ok {
			return result{}, badRequest("unknown %s id %s at item %d", k, quote(id), i)
		}
		if r.deleted {
			return result{}, badRequest("%s id %s at item %d is already deleted", k, quote(id), i)
		}
		targets[i] = r
	}
	t.remove(targets)
	return result{status: http.StatusOK, body: mustJSON(deleteResponse{DeletedIDs: ids})}, nil
}
