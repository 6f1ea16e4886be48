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
		r.observe(800 * time.Millisecond)
	}
	if r.beat != initialBeat {
		t.Errorf("beat after %d long gaps = %v, want still %v", beatSamples-beatRank-1, r.beat, initialBeat)
	}
	// Idle spells are no rhythm at all.
	for range beatSamples {
		r.observe(maxGap)
	}
	if r.beat != initialBeat {
		t.Errorf("beat after idle spells = %v, want still %v", r.beat, initialBeat)
	}
	// A caller that slows down to 180 ms between calls (Terraform at
	// 5,000 resources) is followed within a few of its calls.
	r = newRhythm()
	calls := 0
	for r.beat != 180*time.Millisecond {
		r.observe(180 * time.Millisecond)
		if calls++; calls > beatSamples-beatRank {
			t.Fatalf("beat = %v after %d gaps of 180 ms, want 180 ms by then", r.beat, calls)
		}
	}
	// It speeds up again more slowly, once most recent gaps agree: a
	// beat too short sends rounds before their house is full.
	for range beatRank {
		r.observe(5 * time.Millisecond)
	}
	if r.beat != 180*time.Millisecond {
		t.Errorf("beat after %d gaps of 5 ms = %v, want still 180 ms", beatRank, r.beat)
	}
	r.observe(5 * time.Millisecond)
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
		quiet, idle, limit := roundWaits(tc.beat, tc.slots)
		if quiet != tc.quiet || idle != tc.idle || limit != tc.limit {
			t.Errorf("roundWaits(%v, %d) = %v, %v, %v; want %v, %v, %v", tc.beat, tc.slots, quiet, idle, limit, tc.quiet, tc.idle, tc.limit)
		}
	}
}
