package hoko

import (
	"sync"
	"sync/atomic"
	"time"
)

// Operations tells a client's write batchers how many of its caller's
// operations are running right now, so that a round of coalesced writes can
// go out the moment no other call is on its way, instead of waiting for one
// that may never come.
//
// The Terraform provider calls Begin when Terraform starts an operation in
// it (planning or applying a change, of any kind of object) and the returned
// function when it ends. An operation that has begun but has no call waiting
// in a batcher is on its way to one (it is planning, or building its item);
// a round waits for it. Once every operation inside the caller waits in a
// batcher, nothing more can come but what Terraform starts next, and a round
// goes at once when every slot the caller was seen to use is taken (a full
// house), or when the caller has been quiet for a few of its own beats (see
// roundWaits). One Operations may serve several clients one after another (a
// provider configured for each Terraform command); nil means the client
// only counts the calls made to it.
type Operations struct {
	mu sync.Mutex
	// inside counts the operations between Begin and their end.
	inside int
	// announced holds, oldest first, when each announced operation stops
	// counting if it has not begun by then (see Announce).
	announced []time.Time
	// waiting counts the calls waiting in a batcher of any client using
	// this Operations: queued, or in a request in flight.
	waiting int
	// peak is the most operations (or, without Begin, waiting calls)
	// seen at once: the slots the caller runs side by side (Terraform's
	// -parallelism). A quiet round lowers it to what it found.
	peak int
	// lowered is the estimate of slots before a lone call lowered it to
	// one (zero: it was not), restored as soon as two operations run at
	// once (see lower).
	lowered int
	// changed is closed, and replaced, whenever inside or waiting changes,
	// to wake gathering rounds.
	changed chan struct{}
	// rhythm measures the caller's beat (see rhythm); last is when a call
	// last joined a batcher or a round was last answered, lastJoin when a
	// call last joined.
	rhythm         rhythm
	last, lastJoin time.Time
	// held counts the rounds that waited at all before they went out.
	held atomic.Int64
}

// NewOperations returns an Operations with no operation inside.
func NewOperations() *Operations {
	return &Operations{changed: make(chan struct{}), rhythm: newRhythm()}
}

// Begin records that an operation has started and returns the function that
// records its end. The end function may be called more than once; only the
// first call counts.
func (o *Operations) Begin() (end func()) {
	o.mu.Lock()
	o.inside++
	o.notify()
	o.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			o.mu.Lock()
			o.inside--
			o.notify()
			o.mu.Unlock()
		})
	}
}

// BeginPrelude is Begin for a step Terraform takes right before it applies
// a change: in its apply walk it upgrades the stored state of each update
// and delete, and plans each create and update again, with a little work
// of its own before the apply. follows says whether the step follows an
// earlier one of the same operation (an update's plan follows its upgrade):
// it then takes over that step's announcement. A first step (an upgrade, or
// a create's plan) takes over nothing: its operation had no announcement,
// and taking another operation's would count two operations as one. The
// end function is told whether an apply will follow: if so, the operation
// stays counted, as an announcement. The next BeginAnnounced takes it over;
// one that no operation takes within announceTTL is dropped, so a step
// never followed by an apply (in Terraform's plan walk, or when an apply
// fails) cannot hold rounds back for long. Announcements carry no name:
// which one a step takes does not matter, only how many are live.
func (o *Operations) BeginPrelude(follows bool) (end func(announce bool)) {
	o.mu.Lock()
	if follows {
		o.takeAnnouncement()
	}
	o.inside++
	o.notify()
	o.mu.Unlock()
	var once sync.Once
	return func(announce bool) {
		once.Do(func() {
			o.mu.Lock()
			o.inside--
			if announce {
				o.announced = append(o.announced, time.Now().Add(announceTTL))
			}
			o.notify()
			o.mu.Unlock()
		})
	}
}

// takeAnnouncement drops the oldest live announcement: its operation has
// begun its next step. o.mu is held.
func (o *Operations) takeAnnouncement() {
	o.prune(time.Now())
	if len(o.announced) > 0 {
		o.announced = o.announced[1:]
	}
}

// BeginAnnounced is Begin for an operation that may have been announced
// (see BeginPrelude): it takes over the oldest announcement, if any.
func (o *Operations) BeginAnnounced() (end func()) {
	o.mu.Lock()
	o.takeAnnouncement()
	o.mu.Unlock()
	return o.Begin()
}

// Forget drops every announcement, the estimate of slots and the beat: the
// caller starts over (Terraform configures the provider again for a new walk,
// which plans anew and may run fewer operations side by side: a plan walk
// plans every resource of a chain, its apply walk applies them one by one).
// Terraform starts a provider process per walk, so this matters when one
// server serves several walks, as in the acceptance tests.
func (o *Operations) Forget() {
	o.mu.Lock()
	o.announced = nil
	o.peak = max(o.inside, o.waiting)
	o.lowered = 0
	o.rhythm, o.last, o.lastJoin = newRhythm(), time.Time{}, time.Time{}
	o.notify()
	o.mu.Unlock()
}

// prune drops the announcements that expired by now. o.mu is held.
func (o *Operations) prune(now time.Time) {
	i := 0
	for i < len(o.announced) && !o.announced[i].After(now) {
		i++
	}
	o.announced = o.announced[i:]
}

// HeldRounds returns how many rounds of coalesced writes have waited, for
// any reason, before they went out. A caller running one operation at a
// time (a chain of dependent resources) must see it stay at zero.
func (o *Operations) HeldRounds() int64 { return o.held.Load() }

// Timing of the quiet rule. A round that is not a full house, with no call
// on its way, goes once the caller has been quiet for quietBeats of its own
// beats (see rhythm). minQuiet keeps a beat measured as zero (calls made at
// the same instant) from meaning "send every call alone".
const (
	quietBeats  = 3
	minQuiet    = time.Millisecond
	announceTTL = 50 * time.Millisecond
)

// Bounds of every wait, so that a signal that lies (an operation that never
// calls) cannot hang a round. A round waits at most idleWait without a sign
// of life from the caller, and at most limitWait in all (see roundWaits).
// Both grow with the beat, since a caller slow between its calls is slow
// to fill a house too: gatherWait and gatherLimit are their least values,
// which hold for a caller as quick as Terraform at a few hundred
// resources, and maxGatherLimit is the most any round waits.
const (
	gatherWait     = 200 * time.Millisecond
	gatherLimit    = time.Second
	maxGatherLimit = 10 * time.Second
)

// roundWaits returns the waits of a round for a caller of this beat and
// pause (see rhythm) that fills slots: how long it must be quiet (a few
// beats, and a beat longer than the pauses it was seen to make), how long a round
// waits without a sign of life (longer than the quiet wait, so that the
// quiet rule decides while the caller keeps its rhythm), and how long in all
// (twice the time the caller takes to fill the slots at its beat).
func roundWaits(beat, pause time.Duration, slots int) (quiet, idle, limit time.Duration) {
	quiet = max(quietBeats*beat, minQuiet)
	if pause > 0 {
		quiet = max(quiet, pause+beat)
	}
	idle = max(gatherWait, quiet+beat)
	limit = min(max(gatherLimit, idle, 2*time.Duration(slots)*beat), maxGatherLimit)
	return quiet, idle, limit
}

// notify wakes every round waiting for a change. o.mu is held.
func (o *Operations) notify() {
	seen := max(o.inside+len(o.announced), o.waiting)
	if o.lowered > 0 && seen >= 2 {
		o.peak, o.lowered = max(o.peak, o.lowered), 0
	}
	o.peak = max(o.peak, seen)
	close(o.changed)
	o.changed = make(chan struct{})
}

// join records a call joining a batcher. o.mu is not held.
func (o *Operations) join() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.waiting++
	now := time.Now()
	if !o.last.IsZero() {
		o.rhythm.observe(now.Sub(o.last), now.Sub(o.lastJoin))
	}
	o.last, o.lastJoin = now, now
	o.notify()
}

// leave records that a call no longer waits: it got its result, or gave up.
func (o *Operations) leave() {
	o.mu.Lock()
	o.waiting--
	o.notify()
	o.mu.Unlock()
}

// answered records that a round has been answered: its callers are on their
// way back to Terraform, which will start new operations in their slots, so
// the quiet clock starts again.
func (o *Operations) answered() {
	o.mu.Lock()
	o.last = time.Now()
	o.mu.Unlock()
}

// activity is what a gathering round sees of the caller at one moment.
type activity struct {
	inside, waiting, peak int
	// beat and pause are the caller's (see rhythm); last, when it last
	// showed its rhythm (see Operations); expiresAt, when the oldest
	// announcement expires (zero: none).
	beat, pause     time.Duration
	last, expiresAt time.Time
	changed         <-chan struct{}
}

// snapshot returns the caller's activity now.
func (o *Operations) snapshot() activity {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.prune(time.Now())
	var expiresAt time.Time
	if len(o.announced) > 0 {
		expiresAt = o.announced[0]
	}
	return activity{
		expiresAt: expiresAt,
		inside:    o.inside + len(o.announced),
		waiting:   o.waiting,
		peak:      o.peak,
		beat:      o.rhythm.beat,
		pause:     o.rhythm.pause,
		last:      o.last,
		changed:   o.changed,
	}
}

// lower sets the estimate of slots to n after a round went with n calls
// before its house was full, when n is at most half of it and the round
// says Terraform has run out of work for its slots: a lone call (a chain
// after a busy spell) or a caller idle for a round's idle wait (the tail of an
// apply). Several calls that went when the caller fell quiet for a few
// beats more likely met a slow refill (a loaded machine pauses Terraform
// between operations); lowering then would make every later round go at
// that size, so the estimate stays and the next round waits for its house
// again.
//
// A lone call cannot tell a chain from a pause of Terraform's (at
// thousands of resources Terraform stops for a good part of a second every
// few dozen operations). So the estimate it lowers comes back as soon as
// two operations run at once, which a chain never has: without that, the
// estimate grew back one or two slots a round, and each pause cost half a
// dozen small requests (about 1.6 PUTs per 10 creates at 2,000 links).
func (o *Operations) lower(n int, endedBy string) {
	o.mu.Lock()
	if n <= o.peak/2 && (n <= 1 || endedBy != "quiet") {
		if n <= 1 {
			o.lowered = max(o.lowered, o.peak)
		}
		o.peak = max(n, 1)
	}
	o.mu.Unlock()
}
