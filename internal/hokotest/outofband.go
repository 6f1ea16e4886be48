package hokotest

import (
	"fmt"
)

// The methods in this file reach into the workspace out of band, the way a
// person using Hoko's web app would while Terraform is not looking. They do
// not count as requests, need no key and ignore faults, latency, the rate
// limit, the plan cap and the quota.

// Collections returns every live collection, oldest first.
func (s *Server) Collections() []Collection {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.snapshot()
}

// Collection returns the live collection with that id. Soft-deleted
// collections are not returned, just as the API hides them.
func (s *Server) Collection(id string) (Collection, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if norm, ok := normalizeUUID(id); ok {
		id = norm
	}
	e, ok := s.st.liveByID(id)
	if !ok {
		return Collection{}, false
	}
	return e.c.clone(), true
}

// CollectionByName returns the live collection with exactly that name.
func (s *Server) CollectionByName(name string) (Collection, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.st.byName[name]
	if !ok {
		return Collection{}, false
	}
	return e.c.clone(), true
}

// Seed creates a collection out of band and returns it. The name is not
// checked for length, so a test can plant data the API would refuse and see
// how a client copes, but it must not be taken by a live collection: the
// workspace could never reach that state, and Seed panics instead, since a
// test that does this has a bug.
func (s *Server) Seed(name string, description *string) Collection {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustBeFree(name)
	return s.st.create(name, description, s.st.now()).c.clone()
}

// SeedN creates n collections out of band in one step, named prefix-00001,
// prefix-00002 and so on, without descriptions, and returns them oldest
// first. It is meant for large workspaces in paging tests and benchmarks.
// Like Seed it panics if one of the names is already taken.
func (s *Server) SeedN(n int, prefix string) []Collection {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%s-%05d", prefix, i+1)
		s.mustBeFree(names[i])
	}
	now := s.st.now()
	out := make([]Collection, n)
	for i, name := range names {
		out[i] = s.st.create(name, nil, now).c.clone()
	}
	return out
}

// mustBeFree panics when a live collection holds the name. The caller holds
// s.mu.
func (s *Server) mustBeFree(name string) {
	if _, taken := s.st.byName[name]; taken {
		panic(fmt.Sprintf("hokotest: collection name %q is already taken", name))
	}
}

// Rename renames a live collection out of band and moves its updatedAt on,
// as any write does. It reports false, changing nothing, when the id is not
// live or another live collection holds the name. The length is not checked.
func (s *Server) Rename(id, name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.lookupOutOfBand(id)
	if !ok {
		return false
	}
	if holder, taken := s.st.byName[name]; taken && holder != e {
		return false
	}
	s.st.rename(e, name)
	e.c.UpdatedAt = bump(e.c.UpdatedAt, s.st.now())
	return true
}

// SetDescription sets (or, with nil, clears) a live collection's description
// out of band and moves its updatedAt on. It reports false when the id is not
// live.
func (s *Server) SetDescription(id string, description *string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.lookupOutOfBand(id)
	if !ok {
		return false
	}
	e.c.Description = cloneString(description)
	e.c.UpdatedAt = bump(e.c.UpdatedAt, s.st.now())
	return true
}

// SoftDelete deletes a live collection out of band, as someone deleting it in
// the web app would. It reports false when the id is not live.
func (s *Server) SoftDelete(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.lookupOutOfBand(id)
	if !ok {
		return false
	}
	s.st.softDelete([]*entry{e})
	return true
}

// lookupOutOfBand finds a live collection by id, tolerating upper-case hex
// as the API does. The caller holds s.mu.
func (s *Server) lookupOutOfBand(id string) (*entry, bool) {
	if norm, ok := normalizeUUID(id); ok {
		id = norm
	}
	return s.st.liveByID(id)
}
