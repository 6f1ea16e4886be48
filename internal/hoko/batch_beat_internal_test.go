package hoko

import (
	"testing"
	"time"
)

func TestRhythm_FollowsASlowerCallerAndIgnoresAFewLongGaps(t *testing.T) {
	r := newRhythm()
	// A few long gaps (a pause of the machine, Terraform's work between
	// two waves) leave the beat alone.
	for range beatSamples - beatRank - 1 {
		r.observe(800*time.Millisecond, 800*time.Millisecond)
	}
	if r.beat != initialBeat {
		t.Errorf("beat after %d long gaps = %v, want still %v", beatSamples-beatRank-1, r.beat, initialBeat)
	}
	// Idle spells are no rhythm at all.
	for range beatSamples {
		r.observe(maxGap, maxGap)
	}
	if r.beat != initialBeat {
		t.Errorf("beat after idle spells = %v, want still %v", r.beat, initialBeat)
	}
	// A caller that slows down to 180 ms between calls (Terraform at
	// 5,000 resources) is followed within a few of its calls.
	r = newRhythm()
	calls := 0
	for r.beat != 180*time.Millisecond {
		r.observe(180*time.Millisecond, 180*time.Millisecond)
		if calls++; calls > beatSamples-beatRank {
			t.Fatalf("beat = %v after %d gaps of 180 ms, want 180 ms by then", r.beat, calls)
		}
	}
	// It speeds up again more slowly, once most recent gaps agree: a
	// beat too short sends rounds before their house is full.
	for range beatRank {
		r.observe(5*time.Millisecond, 5*time.Millisecond)
	}
	if r.beat != 180*time.Millisecond {
		t.Errorf("beat after %d gaps of 5 ms = %v, want still 180 ms", beatRank, r.beat)
	}
	r.observe(5*time.Millisecond, 5*time.Millisecond)
	if r.beat != 5*time.Millisecond {
		t.Errorf("beat after %d gaps of 5 ms = %v, want 5 ms", beatRank+1, r.beat)
	}
}

func TestRoundWaits_ScaleWithTheBeatWithinTheirBounds(t *testing.T) {
	for _, tc := range []struct {
		beat               time.Duration
		slots              int
		quiet, idle, limit time.Duration
	}{
		// A quick caller (Terraform at a few hundred resources) waits
		// what the fixed bounds always gave it.
		{initialBeat, 10, 30 * time.Millisecond, gatherWait, gatherLimit},
		{0, 10, minQuiet, gatherWait, gatherLimit},
		// A slow one waits in proportion: the quiet rule decides before
		// the idle bound, and a house of ten has time to fill.
		{180 * time.Millisecond, 10, 540 * time.Millisecond, 720 * time.Millisecond, 3600 * time.Millisecond},
		// No round waits more than maxGatherLimit in all.
		{900 * time.Millisecond, 100, 2700 * time.Millisecond, 3600 * time.Millisecond, maxGatherLimit},
	} {
		quiet, idle, limit := roundWaits(tc.beat, 0, tc.slots)
		if quiet != tc.quiet || idle != tc.idle || limit != tc.limit {
			t.Errorf("roundWaits(%v, %d) = %v, %v, %v; want %v, %v, %v", tc.beat, tc.slots, quiet, idle, limit, tc.quiet, tc.idle, tc.limit)
		}
	}
}

func TestRhythm_RemembersPausesThatRecur(t *testing.T) {
	r := newRhythm()
	for range beatSamples {
		r.observe(50*time.Millisecond, 50*time.Millisecond)
	}
	// One stall of the caller (its collector) is not yet a habit: the
	// quiet wait stays three beats. (The first gaps, longer than three
	// beats of the initial one, counted as pauses of 50 ms.)
	r.observe(900*time.Millisecond, 900*time.Millisecond)
	if quiet, _, _ := roundWaits(r.beat, r.pause, 10); quiet != 150*time.Millisecond {
		t.Errorf("quiet wait after one stall = %v, want three beats, 150ms", quiet)
	}
	// Two alike are: Terraform writing its state every 20 seconds.
	r.observe(1500*time.Millisecond, 1500*time.Millisecond)
	if r.pause != 900*time.Millisecond {
		t.Errorf("pause after two stalls = %v, want the shorter, 900ms", r.pause)
	}
	if r.beat != 50*time.Millisecond {
		t.Errorf("beat after two stalls = %v, want still 50ms", r.beat)
	}
	// The quiet wait outlasts the pause by a beat (a call the pause held
	// back comes when it ends); the idle bound stays beyond it.
	quiet, idle, _ := roundWaits(r.beat, r.pause, 10)
	if quiet != 950*time.Millisecond || idle != time.Second {
		t.Errorf("roundWaits = quiet %v, idle %v; want 950ms and 1s", quiet, idle)
	}
	// Gaps within the quiet wait are rhythm, not pauses; an idle caller
	// (maxPause or more) is neither.
	r.observe(3*r.beat, 3*r.beat)
	r.observe(maxPause, maxPause)
	if r.pause != 900*time.Millisecond {
		t.Errorf("pause after a gap of three beats and an idle spell = %v, want still 900ms", r.pause)
	}
	// A round sent early in a pause hides most of it from the gap, which
	// runs from the round's answer; the pause runs from the last call.
	r.observe(maxGap, 1400*time.Millisecond)
	r.observe(maxGap, 1400*time.Millisecond)
	if r.pause != 1400*time.Millisecond {
		t.Errorf("pause after two pauses of 1.4 s cut short by a round = %v, want 1.4s", r.pause)
	}
	// The pause follows the caller's latest pauses: once all but one of
	// the last pauseSamples agree, the longer ones before them no
	// longer count.
	for range pauseSamples - 1 {
		r.observe(1200*time.Millisecond, 1200*time.Millisecond)
	}
	if r.pause != 1200*time.Millisecond {
		t.Errorf("pause after %d of 1.2 s = %v, want 1.2s", pauseSamples-1, r.pause)
	}
}
