package hokotest

import (
	"time"
)

// Collection is the mock's stored view of one collection.
type Collection struct {
	// ID is the server-assigned UUID in lower case.
	ID string
	// Name is unique among the live collections of the workspace.
	Name string
	// Description is nil when unset, which the API sends as JSON null.
	Description *string
	// CreatedAt is set once, when the collection is created.
	CreatedAt time.Time
	// UpdatedAt changes on every write, by at least one millisecond.
	UpdatedAt time.Time
}

// clone returns a copy that shares no memory with the store, so callers can
// keep or change it without racing the server.
func (c Collection) clone() Collection {
	c.Description = cloneString(c.Description)
	return c
}

// cloneString copies an optional string.
func cloneString(p *string) *string {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// entry is one stored collection, live or soft-deleted.
type entry struct {
	c       Collection
	seq     uint64 // creation sequence; breaks createdAt ties so order is total
	deleted bool
}

// store holds the workspace's collections. It is not safe for concurrent use;
// the Server guards it with its mutex.
//
// live keeps the live collections in creation order, so a page of 10,000 is
// a slice of a slice rather than a sort; byID also remembers soft-deleted
// collections so errors can say "deleted" rather than "unknown"; byName holds
// live collections only, because a deleted collection frees its name.
type store struct {
	live   []*entry
	byID   map[string]*entry
	byName map[string]*entry
	seq    uint64
	last   time.Time        // the latest "now" handed out, to keep time monotonic
	clock  func() time.Time // replaced in tests to freeze or rewind time
}

// newStore returns an empty store that reads the wall clock.
func newStore() *store {
	return &store{
		byID:   make(map[string]*entry),
		byName: make(map[string]*entry),
		clock:  time.Now,
	}
}

// now returns the current time in UTC, truncated to milliseconds and never
// earlier than a time returned before. Truncation matters because the wire
// shows milliseconds only: a change below that would be invisible to
// clients. Monotonicity keeps creation order and createdAt order the same,
// so the live slice is also sorted by createdAt.
func (st *store) now() time.Time {
	t := st.clock().UTC().Truncate(time.Millisecond)
	if t.Before(st.last) {
		t = st.last
	}
	st.last = t
	return t
}

// bump returns the updatedAt for a write at time now: the contract promises
// that updatedAt changes on every write, so two writes within one millisecond
// must still differ.
func bump(prev, now time.Time) time.Time {
	if !now.After(prev) {
		return prev.Add(time.Millisecond)
	}
	return now
}

// create adds a live collection without any validation.
func (st *store) create(name string, description *string, now time.Time) *entry {
	st.seq++
	e := &entry{
		c: Collection{
			ID:          newUUID(),
			Name:        name,
			Description: cloneString(description),
			CreatedAt:   now,
			UpdatedAt:   now,
		},
		seq: st.seq,
	}
	st.live = append(st.live, e)
	st.byID[e.c.ID] = e
	st.byName[name] = e
	return e
}

// rename changes a live collection's name and keeps the name index right.
func (st *store) rename(e *entry, name string) {
	if st.byName[e.c.Name] == e {
		delete(st.byName, e.c.Name)
	}
	e.c.Name = name
	st.byName[name] = e
}

// softDelete marks collections deleted and drops them from the live indexes.
// It takes a batch so the live slice is compacted once per request rather
// than once per id.
func (st *store) softDelete(es []*entry) {
	for _, e := range es {
		e.deleted = true
		if st.byName[e.c.Name] == e {
			delete(st.byName, e.c.Name)
		}
	}
	kept := st.live[:0]
	for _, e := range st.live {
		if !e.deleted {
			kept = append(kept, e)
		}
	}
	// Clear the tail so the garbage collector is not kept from anything.
	clear(st.live[len(kept):])
	st.live = kept
}

// liveByID returns the live collection with that id, if any.
func (st *store) liveByID(id string) (*entry, bool) {
	e, ok := st.byID[id]
	if !ok || e.deleted {
		return nil, false
	}
	return e, true
}

// page returns up to take live collections after skipping skip, oldest first
// when asc and newest first otherwise. Because live is in creation order,
// descending is the same walk from the other end.
func (st *store) page(asc bool, skip, take int) []Collection {
	n := len(st.live)
	if skip >= n {
		return []Collection{}
	}
	count := min(take, n-skip)
	out := make([]Collection, count)
	for i := range count {
		idx := skip + i
		if !asc {
			idx = n - 1 - skip - i
		}
		out[i] = st.live[idx].c.clone()
	}
	return out
}

// snapshot copies every live collection, oldest first.
func (st *store) snapshot() []Collection {
	out := make([]Collection, len(st.live))
	for i, e := range st.live {
		out[i] = e.c.clone()
	}
	return out
}
