package hokotest

import (
	"fmt"
)

// The methods in this file reach into the workspace out of band, the way a
// person using Hoko's web app would while Terraform is not looking. They do
// not count as requests, need no key and ignore faults, quirks, latency, the
// rate limit, the plan cap and the quota. Values are not validated, so a
// test can plant data the API would refuse and see how a client copes; only
// states the workspace could never reach (two live objects sharing a unique
// name or external id) are refused.
//
// Collections, tags, partners and links each have typed readers and seeding
// helpers; SetField, SetUTM and Delete change an object of any kind.

// Collections returns every live collection, oldest first.
func (s *Server) Collections() []Collection {
	return convert(s.all(KindCollection), asCollection)
}

// Collection returns the live collection with that id. Soft-deleted
// collections are not returned, just as the API hides them.
func (s *Server) Collection(id string) (Collection, bool) {
	return one(s, KindCollection, id, asCollection)
}

// CollectionByName returns the live collection with exactly that name.
func (s *Server) CollectionByName(name string) (Collection, bool) {
	return byUnique(s, KindCollection, colName, name, asCollection)
}

// Seed creates a collection out of band and returns it. The name is not
// checked for length, so a test can plant data the API would refuse and see
// how a client copes, but it must not be taken by a live collection: the
// workspace could never reach that state, and Seed panics instead, since a
// test that does this has a bug.
func (s *Server) Seed(name string, description *string) Collection {
	return asCollection(s.seed(KindCollection, []*string{&name, description}, nil))
}

// SeedN creates n collections out of band in one step, named prefix-00001,
// prefix-00002 and so on, without descriptions, and returns them oldest
// first. It is meant for large workspaces in paging tests and benchmarks.
// Like Seed it panics if one of the names is already taken.
func (s *Server) SeedN(n int, prefix string) []Collection {
	return convert(s.seedN(KindCollection, n, func(name string) []*string { return []*string{&name, nil} }, prefix), asCollection)
}

// Rename renames a live collection out of band and moves its updatedAt on,
// as any write does. It reports false, changing nothing, when the id is not
// live or another live collection holds the name. The length is not checked.
func (s *Server) Rename(id, name string) bool {
	return s.SetField(KindCollection, id, "name", &name)
}

// SetDescription sets (or, with nil, clears) a live collection's description
// out of band and moves its updatedAt on. It reports false when the id is not
// live.
func (s *Server) SetDescription(id string, description *string) bool {
	return s.SetField(KindCollection, id, "description", description)
}

// SoftDelete deletes a live collection out of band, as someone deleting it in
// the web app would. It reports false when the id is not live.
func (s *Server) SoftDelete(id string) bool {
	return s.Delete(KindCollection, id)
}

// Count returns how many live objects of a kind the workspace holds.
func (s *Server) Count(k Kind) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.st.table(k).live)
}

// SetField sets (or, with nil, clears) one member of a live object of any
// kind out of band, by its JSON name ("name", "color", "email", "url",
// "externalId"...), and moves its updatedAt on. It reports false, changing
// nothing, when the id is not live or the value of a unique member is held
// by another live object. It panics when the kind has no such member or the
// member cannot be unset (a name, a tag colour, a link's url or
// collectionId), since only a test with a bug asks for that.
func (s *Server) SetField(k Kind, id, field string, value *string) bool {
	sp := k.spec()
	fi := sp.fieldIndex(field)
	if fi < 0 {
		panic(fmt.Sprintf("hokotest: %s have no member %q", k, field))
	}
	if value == nil && !sp.fields[fi].nullable() {
		panic(fmt.Sprintf("hokotest: %s member %q cannot be unset", sp.singular, field))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.st.table(k)
	r, ok := lookupOutOfBand(t, id)
	if !ok {
		return false
	}
	if value != nil {
		if holder, taken := t.byUnique(fi, *value); taken && holder != r {
			return false
		}
	}
	t.setVal(r, fi, value)
	r.updatedAt = bump(r.updatedAt, s.st.now())
	return true
}

// SetUTM replaces every utm key of a live link out of band (the zero UTM
// clears them all) and moves its updatedAt on. It reports false when the
// id is not a live link.
func (s *Server) SetUTM(id string, utm UTM) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := lookupOutOfBand(s.st.table(KindLink), id)
	if !ok {
		return false
	}
	r.utm = utmSlice(utm)
	r.updatedAt = bump(r.updatedAt, s.st.now())
	return true
}

// Delete deletes a live object of any kind out of band: softly for
// collections, partners and links, for good for tags, as the API would. It
// reports false when the id is not live.
func (s *Server) Delete(k Kind, id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.st.table(k)
	r, ok := lookupOutOfBand(t, id)
	if !ok {
		return false
	}
	t.remove([]*record{r})
	return true
}

// all copies every live object of a kind, oldest first.
func (s *Server) all(k Kind) []record {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.table(k).snapshot()
}

// one returns a copy of the live object of a kind with that id.
func one[T any](s *Server, k Kind, id string, as func(record) T) (T, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := lookupOutOfBand(s.st.table(k), id)
	if !ok {
		var zero T
		return zero, false
	}
	return as(r.snapshot()), true
}

// byUnique returns a copy of the live object whose unique member fi holds
// value.
func byUnique[T any](s *Server, k Kind, fi int, value string, as func(record) T) (T, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.st.table(k).byUnique(fi, value)
	if !ok {
		var zero T
		return zero, false
	}
	return as(r.snapshot()), true
}

// seed inserts one object out of band, after the checks every seed makes:
// defaults for members left unset and free unique values.
func (s *Server) seed(k Kind, vals []*string, utm []*string) record {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.st.table(k)
	vals = s.seedVals(t, vals)
	return s.st.insert(t, vals, utm, s.st.now()).snapshot()
}

// seedN inserts n objects named prefix-00001 and so on in one step, all
// with the same timestamp, and returns them oldest first.
func (s *Server) seedN(k Kind, n int, valsFor func(name string) []*string, prefix string) []record {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.st.table(k)
	all := make([][]*string, n)
	claimed := make(map[string]bool)
	for i := range all {
		all[i] = s.seedVals(t, valsFor(fmt.Sprintf("%s-%05d", prefix, i+1)))
		for fi := range t.unique {
			if v := all[i][fi]; v != nil {
				if claimed[*v] {
					panic(fmt.Sprintf("hokotest: %s %s %q is seeded twice", t.spec.singular, t.spec.fields[fi].name, *v))
				}
				claimed[*v] = true
			}
		}
	}
	now := s.st.now()
	out := make([]record, n)
	for i, vals := range all {
		out[i] = s.st.insert(t, vals, nil, now).snapshot()
	}
	return out
}

// seedVals copies seeded values, fills in defaults and panics when a unique
// value is taken. The caller holds s.mu.
func (s *Server) seedVals(t *table, vals []*string) []*string {
	out := make([]*string, len(t.spec.fields))
	for i, f := range t.spec.fields {
		out[i] = cloneString(vals[i])
		if f.def != "" && (out[i] == nil || *out[i] == "") {
			out[i] = cloneString(&f.def)
		}
		if f.unique && out[i] != nil {
			if _, taken := t.byUnique(i, *out[i]); taken {
				panic(fmt.Sprintf("hokotest: %s %s %q is already taken", t.spec.singular, f.name, *out[i]))
			}
		}
	}
	return out
}

// lookupOutOfBand finds a live object by id, tolerating upper-case hex as
// the API does. The caller holds s.mu.
func lookupOutOfBand(t *table, id string) (*record, bool) {
	if norm, ok := normalizeUUID(id); ok {
		id = norm
	}
	return t.liveByID(id)
}

// utmSlice converts a UTM to the store's form.
func utmSlice(u UTM) []*string {
	out := make([]*string, len(utmKeys))
	for i, p := range u.ptrs() {
		out[i] = cloneString(*p)
	}
	return out
}
