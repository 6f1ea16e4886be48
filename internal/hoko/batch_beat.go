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
type rhythm struct {
	gaps [beatSamples]time.Duration
	next int
	beat time.Duration
}

const (
	beatSamples = 16
	beatRank    = 13
	initialBeat = 10 * time.Millisecond
	maxGap      = time.Second
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

// observe counts one gap.
func (r *rhythm) observe(gap time.Duration) {
	if gap < 0 || gap >= maxGap {
		return
	}
	r.gaps[r.next] = gap
	r.next = (r.next + 1) % beatSamples
	sorted := r.gaps
	slices.Sort(sorted[:])
	r.beat = sorted[beatRank]
}
