package hokotest

import "unicode/utf8"

// maxNameRunes is the longest name the API accepts, in Unicode characters.
const maxNameRunes = 32

// writePlan is one validated write item, ready to apply.
type writePlan struct {
	target *entry // nil when the item creates a collection
	item   writeItem
}

// writeCap returns the current plan cap on items per write request.
func (s *Server) writeCap() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxItems
}

// parseWrite decodes a POST or PUT body: one JSON array of 1..cap objects
// with well-typed members.
func (s *Server) parseWrite(body []byte) ([]writeItem, *apiError) {
	raws, e := decodeArray(body)
	if e != nil {
		return nil, e
	}
	if e := checkCount(len(raws), s.writeCap()); e != nil {
		return nil, e
	}
	return parseItems(raws)
}

// checkName enforces the name's length, counted in Unicode characters rather
// than bytes so that names in Arabic or with emoji get the same 32.
func checkName(name string, index int) *apiError {
	if n := utf8.RuneCountInString(name); n < 1 || n > maxNameRunes {
		return badRequest("name must be 1 to %d characters (got %d) at item %d", maxNameRunes, n, index)
	}
	return nil
}

// validateWrite judges a batch against the store. The caller holds s.mu and
// applies the plans only if this returns no error, which is what makes a
// write all-or-nothing.
//
// Names are judged as if the items were applied one after another in input
// order, the way a database transaction with a unique index would: renaming
// A away from "x" and then creating "x" in the same request works, the
// reverse order does not, and no two items may end up with the same name.
func (s *Server) validateWrite(items []writeItem, allowIDs bool) ([]writePlan, *apiError) {
	st := s.st
	plans := make([]writePlan, len(items))
	seenIDs := make(map[string]int)    // id -> first item index
	claimed := make(map[string]int)    // name -> item index that set it
	renamed := make(map[*entry]string) // collections renamed earlier in the batch
	creates := 0
	for i, it := range items {
		p := writePlan{item: it}
		if it.id.present {
			target, e := lookupForWrite(st, it.id, i, allowIDs, seenIDs)
			if e != nil {
				return nil, e
			}
			p.target = target
			if it.name.present && it.name.null {
				return nil, badRequest("name cannot be null at item %d: a collection always has a name", i)
			}
		} else {
			if !it.name.present || it.name.null {
				return nil, badRequest("name is required to create a collection at item %d", i)
			}
			creates++
		}
		if it.name.present {
			name := it.name.value
			if e := checkName(name, i); e != nil {
				return nil, e
			}
			if j, ok := claimed[name]; ok {
				return nil, badRequest("collection name %s is used by more than one item (items %d and %d)", quote(name), j, i)
			}
			if holder, ok := st.byName[name]; ok && holder != p.target {
				if newName, moved := renamed[holder]; !moved || newName == name {
					return nil, badRequest("collection name %s is already taken at item %d", quote(name), i)
				}
			}
			claimed[name] = i
			if p.target != nil {
				renamed[p.target] = name
			}
		}
		plans[i] = p
	}
	if s.quota > 0 && creates > 0 && len(st.live)+creates > s.quota {
		return nil, badRequest("collection quota exceeded: the workspace may hold %d collections, holds %d, and this request creates %d",
			s.quota, len(st.live), creates)
	}
	return plans, nil
}

// lookupForWrite resolves the id of an update item to a live collection.
func lookupForWrite(st *store, id field, index int, allowIDs bool, seen map[string]int) (*entry, *apiError) {
	if !allowIDs {
		return nil, badRequest("id is not allowed at item %d: POST only creates collections; use PUT to update", index)
	}
	if id.null {
		return nil, badRequest("id must be a string (got null) at item %d; leave it out to create a collection", index)
	}
	norm, ok := normalizeUUID(id.value)
	if !ok {
		return nil, badRequest("malformed collection id %s at item %d: it must be a UUID", quote(id.value), index)
	}
	if j, dup := seen[norm]; dup {
		return nil, badRequest("collection id %s appears more than once (items %d and %d)", quote(norm), j, index)
	}
	seen[norm] = index
	e, ok := st.byID[norm]
	if !ok {
		return nil, badRequest("unknown collection id %s at item %d", quote(norm), index)
	}
	if e.deleted {
		return nil, badRequest("unknown collection id %s at item %d: it was deleted", quote(norm), index)
	}
	return e, nil
}

// applyWrite carries out validated plans in input order and returns one full
// collection per item. The caller holds s.mu. All items share one timestamp,
// as one database transaction would.
func (s *Server) applyWrite(plans []writePlan) []Collection {
	st := s.st
	now := st.now()
	out := make([]Collection, len(plans))
	for i, p := range plans {
		it := p.item
		if p.target == nil {
			var desc *string
			if it.description.present && !it.description.null {
				desc = &it.description.value
			}
			out[i] = st.create(it.name.value, desc, now).c.clone()
			continue
		}
		e := p.target
		if it.name.present {
			st.rename(e, it.name.value)
		}
		if it.description.present {
			if it.description.null {
				e.c.Description = nil
			} else {
				v := it.description.value
				e.c.Description = &v
			}
		}
		e.c.UpdatedAt = bump(e.c.UpdatedAt, now)
		out[i] = e.c.clone()
	}
	return out
}

// write validates and applies a batch under one hold of the lock, so no other
// request can change the store between the two.
func (s *Server) write(items []writeItem, allowIDs bool) ([]Collection, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	plans, e := s.validateWrite(items, allowIDs)
	if e != nil {
		return nil, e
	}
	return s.applyWrite(plans), nil
}
