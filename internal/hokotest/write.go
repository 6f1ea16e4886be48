package hokotest

import (
	"slices"
	"unicode/utf8"
)

// writePlan is one validated write item, ready to apply.
type writePlan struct {
	target *record // nil when the item creates an object
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
func (s *Server) parseWrite(sp *kindSpec, body []byte) ([]writeItem, *apiError) {
	raws, e := decodeArray(body)
	if e != nil {
		return nil, e
	}
	if e := checkCount(len(raws), s.writeCap()); e != nil {
		return nil, e
	}
	return parseItems(sp, raws)
}

// uniqueClaims tracks, per unique field, the values a batch sets so far, so
// that a batch is judged as if its items were applied one after another.
type uniqueClaims struct {
	claimed map[int]map[string]int      // field -> value -> item index that set it
	moved   map[int]map[*record]*string // field -> object changed earlier -> its new value (nil: cleared)
}

// newUniqueClaims returns empty claims for a table's unique fields.
func newUniqueClaims(t *table) uniqueClaims {
	u := uniqueClaims{claimed: make(map[int]map[string]int), moved: make(map[int]map[*record]*string)}
	for i := range t.unique {
		u.claimed[i] = make(map[string]int)
		u.moved[i] = make(map[*record]*string)
	}
	return u
}

// validateWrite judges a batch against the store. The caller holds s.mu and
// applies the plans only if this returns no error, which is what makes a
// write all-or-nothing.
//
// Unique values (collection and tag names, link external ids) are judged as
// if the items were applied one after another in input order, the way a
// database transaction with a unique index would: renaming A away from "x"
// and then creating "x" in the same request works, the reverse order does
// not, and no two items may end up with the same value.
func (s *Server) validateWrite(t *table, items []writeItem, allowIDs bool) ([]writePlan, *apiError) {
	sp := t.spec
	plans := make([]writePlan, len(items))
	seenIDs := make(map[string]int) // id -> first item index
	claims := newUniqueClaims(t)
	creates := 0
	for i, it := range items {
		p := writePlan{item: it}
		if it.id.present {
			target, e := lookupForWrite(t, it.id, i, allowIDs, seenIDs)
			if e != nil {
				return nil, e
			}
			p.target = target
		} else {
			for fi, f := range sp.fields {
				if f.required && (!it.vals[fi].present || it.vals[fi].null) {
					return nil, badRequest("%s is required to create a %s at item %d", f.name, sp.singular, i)
				}
			}
			creates++
		}
		for fi, f := range sp.fields {
			v := &it.vals[fi]
			if !v.present {
				continue
			}
			if e := s.checkValue(sp, f, v, i); e != nil {
				return nil, e
			}
			if f.unique {
				if e := claims.claim(t, fi, p.target, v, i); e != nil {
					return nil, e
				}
			}
		}
		plans[i] = p
	}
	if t.quota > 0 && creates > 0 && len(t.live)+creates > t.quota {
		return nil, badRequest("%s quota exceeded: the workspace may hold %d %s, holds %d, and this request creates %d",
			sp.singular, t.quota, sp.kind, len(t.live), creates)
	}
	return plans, nil
}

// checkValue judges one present member on its own: null where it may not
// be, length, format, and references to other kinds. A reference is
// rewritten to the id's canonical lower-case form. The caller holds s.mu.
func (s *Server) checkValue(sp *kindSpec, f fieldSpec, v *field, i int) *apiError {
	if v.null {
		switch {
		case f.required:
			return badRequest("%s cannot be null at item %d: a %s always has one", f.name, i, sp.singular)
		case f.def != "":
			return badRequest("%s cannot be null at item %d; leave it out for the default, %s", f.name, i, f.def)
		}
		return nil
	}
	if f.maxRunes > 0 {
		if n := utf8.RuneCountInString(v.value); n < f.minRunes || n > f.maxRunes {
			return badRequest("%s must be %d to %d characters (got %d) at item %d", f.name, f.minRunes, f.maxRunes, n, i)
		}
	}
	if f.check != nil {
		if problem := f.check(v.value); problem != "" {
			return badRequest("%s %s %s at item %d", f.name, quote(v.value), problem, i)
		}
	}
	if f.ref != "" {
		other := f.ref.spec()
		norm, ok := normalizeUUID(v.value)
		if !ok {
			return badRequest("malformed %s %s at item %d: it must be a %s id (a UUID)", f.name, quote(v.value), i, other.singular)
		}
		if _, live := s.st.table(f.ref).liveByID(norm); !live {
			return badRequest("%s %s at item %d is not a live %s of this workspace", f.name, quote(norm), i, other.singular)
		}
		v.value = norm
	}
	return nil
}

// claim checks one unique member of item i and records it.
func (u uniqueClaims) claim(t *table, fi int, target *record, v *field, i int) *apiError {
	sp := t.spec
	name := sp.fields[fi].name
	if v.null {
		if target != nil {
			u.moved[fi][target] = nil
		}
		return nil
	}
	value := v.value
	if j, ok := u.claimed[fi][value]; ok {
		return badRequest("%s %s %s is used by more than one item (items %d and %d)", sp.singular, name, quote(value), j, i)
	}
	if holder, ok := t.byUnique(fi, value); ok && holder != target {
		newValue, moved := u.moved[fi][holder]
		if !moved || (newValue != nil && *newValue == value) {
			return badRequest("%s %s %s is already taken at item %d", sp.singular, name, quote(value), i)
		}
	}
	u.claimed[fi][value] = i
	if target != nil {
		u.moved[fi][target] = &value
	}
	return nil
}

// lookupForWrite resolves the id of an update item to a live object.
func lookupForWrite(t *table, id field, index int, allowIDs bool, seen map[string]int) (*record, *apiError) {
	k := t.spec.singular
	if !allowIDs {
		return nil, badRequest("id is not allowed at item %d: POST only creates %s; use PUT to update", index, t.spec.kind)
	}
	if id.null {
		return nil, badRequest("id must be a string (got null) at item %d; leave it out to create a %s", index, k)
	}
	norm, ok := normalizeUUID(id.value)
	if !ok {
		return nil, badRequest("malformed %s id %s at item %d: it must be a UUID", k, quote(id.value), index)
	}
	if j, dup := seen[norm]; dup {
		return nil, badRequest("%s id %s appears more than once (items %d and %d)", k, quote(norm), j, index)
	}
	seen[norm] = index
	r, ok := t.byID[norm]
	if !ok {
		return nil, badRequest("unknown %s id %s at item %d", k, quote(norm), index)
	}
	if r.deleted {
		return nil, badRequest("unknown %s id %s at item %d: it was deleted", k, quote(norm), index)
	}
	return r, nil
}

// applyWrite carries out validated plans in input order and returns a copy
// of each written object. The caller holds s.mu. All items share one
// timestamp, as one database transaction would.
func (s *Server) applyWrite(t *table, plans []writePlan) []record {
	st := s.st
	now := st.now()
	out := make([]record, len(plans))
	for i, p := range plans {
		it := p.item
		if p.target == nil {
			vals := make([]*string, len(t.spec.fields))
			for fi, f := range t.spec.fields {
				switch v := it.vals[fi]; {
				case v.present:
					vals[fi] = v.ptr()
				case f.def != "":
					vals[fi] = cloneString(&f.def)
				}
			}
			out[i] = st.insert(t, vals, mergeUTM(nil, it.utm), now).snapshot()
			continue
		}
		r := p.target
		for fi, v := range it.vals {
			if v.present {
				t.setVal(r, fi, v.ptr())
			}
		}
		if it.utm.present {
			r.utm = mergeUTM(r.utm, it.utm)
		}
		r.updatedAt = bump(r.updatedAt, now)
		out[i] = r.snapshot()
	}
	return out
}

// mergeUTM returns the utm keys after a patch, key by key (section 13):
// null clears every key, a key sent as null clears that key, a key left out
// keeps its value. It never writes into old, which copies may share.
func mergeUTM(old []*string, p utmPatch) []*string {
	out := make([]*string, len(utmKeys))
	if old != nil && !p.null {
		copy(out, old)
	}
	if p.present && !p.null {
		for i, k := range p.keys {
			if k.present {
				out[i] = k.ptr()
			}
		}
	}
	return slices.Clip(out)
}

// write validates and applies a batch under one hold of the lock, so no other
// request can change the store between the two.
func (s *Server) write(sp *kindSpec, items []writeItem, allowIDs bool) ([]record, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.st.table(sp.kind)
	plans, e := s.validateWrite(t, items, allowIDs)
	if e != nil {
		return nil, e
	}
	return s.applyWrite(t, plans), nil
}
