package hokotest

import (
	"crypto/rand"
	"slices"
	"time"
)

// record is one stored object of any kind, live or soft-deleted. Its string
// members live in vals, by the position of their fieldSpec; nil is unset,
// which the API sends as null.
//
// A record handed out of the store is a copy (see snapshot): the store
// replaces pointers and slices rather than writing through them, so a copy
// never changes under its holder.
type record struct {
	id        string
	vals      []*string
	utm       []*string // by position in utmKeys; nil when the kind has none
	shortID   string
	createdAt time.Time
	updatedAt time.Time
	seq       uint64 // creation sequence; breaks createdAt ties so order is total
	deleted   bool
}

// snapshot copies the record so that it can be read outside the lock.
func (r *record) snapshot() record {
	c := *r
	c.vals = slices.Clone(r.vals)
	c.utm = slices.Clone(r.utm)
	return c
}

// val returns a field's value, "" when unset.
func (r *record) val(i int) string {
	if p := r.vals[i]; p != nil {
		return *p
	}
	return ""
}

// ptr returns a pointer to a copy of s.
func ptr(s string) *string { return &s }

// cloneString copies an optional string.
func cloneString(p *string) *string {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// table holds the objects of one kind. It is not safe for concurrent use;
// the Server guards it with its mutex.
//
// live keeps the live objects in creation order, so a page of 10,000 is a
// slice of a slice rather than a sort; byID also remembers soft-deleted
// objects so errors can say "deleted" rather than "unknown"; unique indexes
// live objects by the value of each unique field, because a deleted object
// frees its name or external id.
type table struct {
	spec   *kindSpec
	live   []*record
	byID   map[string]*record
	unique map[int]map[string]*record // field position -> value -> record
	quota  int                        // most live objects; 0 is unlimited
}

// newTable returns an empty table for a kind.
func newTable(sp *kindSpec) *table {
	t := &table{spec: sp, byID: make(map[string]*record), unique: make(map[int]map[string]*record)}
	for i, f := range sp.fields {
		if f.unique {
			t.unique[i] = make(map[string]*record)
		}
	}
	return t
}

// store is the workspace: one table per kind and one clock for all of them.
type store struct {
	tables  map[Kind]*table
	shortID map[string]bool  // every short id handed out, so none repeats
	seq     uint64           // shared so that creation order is total across kinds
	last    time.Time        // the latest "now" handed out, to keep time monotonic
	clock   func() time.Time // replaced in tests to freeze or rewind time
}

// newStore returns an empty workspace that reads the wall clock.
func newStore() *store {
	st := &store{tables: make(map[Kind]*table), shortID: make(map[string]bool), clock: time.Now}
	for k, sp := range specs {
		st.tables[k] = newTable(sp)
	}
	return st
}

// table returns the table of a kind; for a Kind that is not one of the
// constants it panics with the kind's name rather than a nil pointer.
func (st *store) table(k Kind) *table {
	t, ok := st.tables[k]
	if !ok {
		k.spec()
	}
	return t
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

// insert adds a live object without any validation. vals must have one
// entry per field; the record takes ownership of it. Links get a short id.
func (st *store) insert(t *table, vals []*string, utm []*string, now time.Time) *record {
	st.seq++
	r := &record{id: newUUID(), vals: vals, createdAt: now, updatedAt: now, seq: st.seq}
	if t.spec.utm {
		if utm == nil {
			utm = make([]*string, len(utmKeys))
		}
		r.utm = utm
	}
	if t.spec.shortLinks {
		r.shortID = st.newShortID()
	}
	t.live = append(t.live, r)
	t.byID[r.id] = r
	for i, idx := range t.unique {
		if v := r.vals[i]; v != nil {
			idx[*v] = r
		}
	}
	return r
}

// shortIDAlphabet is what short ids are made of: letters and digits, as in
// the contract's example aB3dE9x.
const shortIDAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// shortIDLength is the length of a short id, as in the contract's example.
const shortIDLength = 7

// newShortID returns a random short id never handed out before in this
// workspace.
func (st *store) newShortID() string {
	for {
		var b [shortIDLength]byte
		// crypto/rand.Read never returns an error on supported platforms.
		_, _ = rand.Read(b[:])
		for i := range b {
			// 256 is not a multiple of 62, so a few letters are a little more
			// likely; a mock's short ids need not be uniform.
			b[i] = shortIDAlphabet[int(b[i])%len(shortIDAlphabet)]
		}
		if s := string(b[:]); !st.shortID[s] {
			st.shortID[s] = true
			return s
		}
	}
}

// setVal changes one field of a live object and keeps the unique index
// right. nil clears the field.
func (t *table) setVal(r *record, i int, v *string) {
	if idx, ok := t.unique[i]; ok {
		if old := r.vals[i]; old != nil && idx[*old] == r {
			delete(idx, *old)
		}
		if v != nil {
			idx[*v] = r
		}
	}
	vals := slices.Clone(r.vals)
	vals[i] = cloneString(v)
	r.vals = vals
}

// remove deletes objects: soft deletion marks them and keeps them known by
// id, permanent deletion forgets them. Either way they leave the live
// indexes. It takes a batch so the live slice is compacted once per request
// rather than once per id.
func (t *table) remove(rs []*record) {
	for _, r := range rs {
		r.deleted = true
		for i, idx := range t.unique {
			if v := r.vals[i]; v != nil && idx[*v] == r {
				delete(idx, *v)
			}
		}
		if !t.spec.softDelete {
			delete(t.byID, r.id)
		}
	}
	kept := t.live[:0]
	for _, r := range t.live {
		if !r.deleted {
			kept = append(kept, r)
		}
	}
	// Clear the tail so the garbage collector is not kept from anything.
	clear(t.live[len(kept):])
	t.live = kept
}

// liveByID returns the live object with that id, if any.
func (t *table) liveByID(id string) (*record, bool) {
	r, ok := t.byID[id]
	if !ok || r.deleted {
		return nil, false
	}
	return r, true
}

// byUnique returns the live object whose unique field i holds v.
func (t *table) byUnique(i int, v string) (*record, bool) {
	r, ok := t.unique[i][v]
	return r, ok
}

// ordered returns the live objects in ascending GET order: by creation, or
// by id for kinds sorted by id. The slice must not be changed; for kinds in
// creation order it is the live slice itself.
func (t *table) ordered() []*record {
	if !t.spec.orderByID {
		return t.live
	}
	out := slices.Clone(t.live)
	slices.SortFunc(out, func(a, b *record) int {
		switch {
		case a.id < b.id:
			return -1
		case a.id > b.id:
			return 1
		}
		return 0
	})
	return out
}

// page returns copies of up to take objects from rs after skipping skip,
// in rs's order when asc and from the other end otherwise.
func page(rs []*record, asc bool, skip, take int) []record {
	n := len(rs)
	if skip >= n {
		return []record{}
	}
	count := min(take, n-skip)
	out := make([]record, count)
	for i := range count {
		idx := skip + i
		if !asc {
			idx = n - 1 - skip - i
		}
		out[i] = rs[idx].snapshot()
	}
	return out
}

// snapshot copies every live object, oldest first.
func (t *table) snapshot() []record {
	out := make([]record, len(t.live))
	for i, r := range t.live {
		out[i] = r.snapshot()
	}
	return out
}
