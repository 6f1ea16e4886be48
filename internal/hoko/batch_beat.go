package hoko

import (
	"slices"
	"time"
)

// rhythm measures a caller's beat: the time between one of its calls
// joining a batcher (or a round being answered) and its next call joining.
// Every wait of a gathering round is a few beats, so the rounds keep their
// size when the caller slows down: Terraform's own time per operation grows
// with the size of the configuration, from a few milliseconds at ten
// resources to about 200 ms at 5,000.
//
// The beat is a high quantile of the last gaps rather than an average: a
// beat too short sends rounds before their house is full, which costs
// requests, and one long gap (a pause of the machine, Terraform's own work
// between two waves) must not stretch every later wait. It is the
// beatRank-th shortest (counting from zero) of the last beatSamples gaps:
// it follows a slower caller within beatSamples-beatRank calls, a quicker
// one once beatRank+1 of the last gaps agree, and ignores up to
// beatSamples-beatRank-1 long gaps. Gaps of maxGap or more are not a rhythm
// but an idle caller, and are not counted.
//
// It also remembers the caller's pauses: gaps longer than the quiet wait of
// the beat at the time (see roundWaits), which a round waiting for quiet
// would have taken for the end of the caller's work. A pause lasts from the
// last call that joined, not from the answer of a round sent in it: one
// such round, sent early, would otherwise hide most of the pause. Terraform makes them
// on a schedule: during an apply it writes the whole state every 20 seconds
// while every operation waits for it, which at 5,000 resources takes one to
// two seconds, and its collector stalls it now and then for a few beats.
// A round that goes in such a pause goes with the few calls that came
// before it, and the rest follow in a round of their own: 76 rounds of one
// to nine calls, and 17 lone calls after them, in an apply of 5,000 links
// that needed 500 rounds. The pause is the pauseRank-th shortest (from
// zero) of the last pauseSamples pauses, so that one long stall does not
// stretch every later wait but two alike do; pauses of maxPause or more
// are an idle caller.
type rhythm struct {
	gaps [beatSamples]time.Duration
	next int
	beat time.Duration

	pauses    [pauseSamples]time.Duration
	nextPause int
	pause     time.Duration
}

const (
	beatSamples = 16
	beatRank    = 13
	initialBeat = 10 * time.Millisecond
	maxGap      = time.Second

	pauseSamples = 4
	pauseRank    = 2
	maxPause     = 5 * time.Second
)

// newRhythm returns a rhythm that has seen nothing yet: every sample is
// initialBeat, so that a caller's first gaps move the beat only once a few
// of them agree.
func newRhythm() rhythm {
	var r rhythm
	for i := range r.gaps {
		r.gaps[i] = initialBeat
	}
	r.beat = initialBeat
	return r
}

// observe counts one gap, and sinceJoin, the time since the last call
// joined (at least gap), when the gap is a pause.
func (r *rhythm) observe(gap, sinceJoin time.Duration) {
	if gap < 0 {
		return
	}
	if gap > quietBeats*r.beat && sinceJoin < maxPause {
		r.pauses[r.nextPause] = max(gap, sinceJoin)
		r.nextPause = (r.nextPause + 1) % pauseSamples
		sorted := r.pauses
		slices.Sort(sorted[:])
		r.pause = sorted[pauseRank]
	}
	if gap >= maxGap {
		return
	}
	r.gaps[r.next] = gap
	r.next = (r.next + 1) % beatSamples
	sorted := r.gaps
	slices.Sort(sorted[:])
	r.beat = sorted[beatRank]
}
