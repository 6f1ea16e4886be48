package hokotest

import (
	"strings"
	"testing"
	"time"
)

func TestStore_ClockIsMonotonicAndMillisecondPrecise(t *testing.T) {
	t.Parallel()
	st := newStore()
	base := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	times := []time.Time{
		base.Add(1500 * time.Microsecond), // truncated to .001
		base.Add(-time.Hour),              // backwards: held at .001
		base.Add(2 * time.Millisecond),    // forwards again
		base.Add(2999 * time.Microsecond), // same millisecond
	}
	wants := []time.Time{
		base.Add(time.Millisecond),
		base.Add(time.Millisecond),
		base.Add(2 * time.Millisecond),
		base.Add(2 * time.Millisecond),
	}
	for i, tm := range times {
		st.clock = func() time.Time { return tm }
		if got := st.now(); !got.Equal(wants[i]) {
			t.Errorf("step %d: now() = %v, want %v", i, got, wants[i])
		}
	}
}

func TestStore_Bump(t *testing.T) {
	t.Parallel()
	prev := time.Date(2100, 1, 1, 0, 0, 0, int(5*time.Millisecond), time.UTC)
	cases := []struct {
		now, want time.Time
	}{
		{prev, prev.Add(time.Millisecond)},
		{prev.Add(-time.Second), prev.Add(time.Millisecond)},
		{prev.Add(time.Second), prev.Add(time.Second)},
	}
	for _, tc := range cases {
		if got := bump(prev, tc.now); !got.Equal(tc.want) {
			t.Errorf("bump(%v, %v) = %v, want %v", prev, tc.now, got, tc.want)
		}
	}
}

func TestStore_FormatTime(t *testing.T) {
	t.Parallel()
	cases := map[time.Time]string{
		time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC):                        "2024-01-01T00:00:00.000Z",
		time.Date(2024, 1, 1, 0, 0, 0, 120_000_000, time.UTC):              "2024-01-01T00:00:00.120Z",
		time.Date(2024, 1, 1, 3, 0, 0, 0, time.FixedZone("plus3", 3*3600)): "2024-01-01T00:00:00.000Z",
	}
	for in, want := range cases {
		if got := formatTime(in); got != want {
			t.Errorf("formatTime(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestStore_UUIDs(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 200 {
		id := newUUID()
		if !uuidV4.MatchString(id) || seen[id] {
			t.Fatalf("newUUID() = %q (seen before: %v)", id, seen[id])
		}
		seen[id] = true
		if norm, ok := normalizeUUID(id); !ok || norm != id {
			t.Fatalf("normalizeUUID(%q) = %q, %v", id, norm, ok)
		}
	}
	for _, bad := range []string{"", "x", "550e8400-e29b-41d4-a716-4466554400001", "550e8400_e29b-41d4-a716-446655440000", "{550e8400-e29b-41d4-a716-44665544000}"} {
		if _, ok := normalizeUUID(bad); ok {
			t.Errorf("normalizeUUID(%q) accepted it", bad)
		}
	}
}

func TestStore_SoftDeleteKeepsOrder(t *testing.T) {
	t.Parallel()
	st := newStore()
	tb := st.table(KindCollection)
	now := st.now()
	var rs []*record
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		rs = append(rs, st.insert(tb, []*string{strp(n), nil}, nil, now))
	}
	tb.remove([]*record{rs[1], rs[3]})
	if got := names(convert(tb.snapshot(), asCollection)); len(got) != 3 || got[0] != "a" || got[1] != "c" || got[2] != "e" {
		t.Fatalf("after deleting b and d: %v", got)
	}
	if got := names(convert(page(tb.ordered(), false, 1, 5), asCollection)); len(got) != 2 || got[0] != "c" || got[1] != "a" {
		t.Fatalf("page desc skip 1: %v", got)
	}
	if _, known := tb.byID[rs[1].id]; !known {
		t.Fatal("a soft-deleted collection is no longer known by id")
	}
}

func TestStore_PermanentDeleteForgetsTags(t *testing.T) {
	t.Parallel()
	st := newStore()
	tb := st.table(KindTag)
	r := st.insert(tb, []*string{strp("x"), strp("red")}, nil, st.now())
	tb.remove([]*record{r})
	if _, known := tb.byID[r.id]; known {
		t.Fatal("a deleted tag is still known by id; tag deletion is permanent")
	}
	if _, taken := tb.byUnique(tagName, "x"); taken {
		t.Fatal("a deleted tag still holds its name")
	}
}

func TestStore_ShortIDs(t *testing.T) {
	t.Parallel()
	st := newStore()
	seen := map[string]bool{}
	for range 500 {
		id := st.newShortID()
		if len(id) != 7 || seen[id] || strings.Trim(id, shortIDAlphabet) != "" {
			t.Fatalf("short id %q (seen before: %v)", id, seen[id])
		}
		seen[id] = true
	}
}
