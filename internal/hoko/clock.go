package hoko

import (
	"net/http"
	"sync"
	"time"
)

// serverClock estimates how far the server's clock is from this machine's,
// from the Date header of its answers. Settling a lost create compares the
// createdAt of what a listing shows with the moment the create was sent, and
// those two instants come from different clocks.
type serverClock struct {
	mu sync.Mutex
	// offset is a lower bound of server time minus local time, from the
	// latest answer that carried a Date; known reports that one did.
	offset time.Duration
	known  bool
}

// clockSlack widens the window of a lost create by what the Date header and
// createdAt may have lost to rounding: Date has whole seconds, and a
// deployment may send createdAt without fractions.
const clockSlack = time.Second

// unknownClockSlack is the window's margin when no answer carried a Date:
// this machine's clock is then all there is, and it may be off.
const unknownClockSlack = time.Minute

// observe notes the Date of an answer to a request sent at start and answered
// by end (local time). The server stamped Date at some moment in between,
// rounded down to the second, so Date minus end is a lower bound of the
// offset.
func (sc *serverClock) observe(h http.Header, _, end time.Time) {
	date, err := http.ParseTime(h.Get("Date"))
	if err != nil {
		return
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.offset, sc.known = date.Sub(end), true
}

// since returns the earliest server time at which a request sent at local
// time sent can have been applied, less the rounding slack: an object
// created earlier than that existed before the request.
func (sc *serverClock) since(sent time.Time) time.Time {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if !sc.known {
		return sent.Add(-unknownClockSlack)
	}
	return sent.Add(sc.offset - clockSlack)
}
