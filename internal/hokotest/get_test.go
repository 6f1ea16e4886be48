package hokotest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// seededFixture is a fixture holding Links plus c-00001..c-00120, all created
// in one millisecond, so ordering relies on the creation-sequence tie-break.
func seededFixture(t *testing.T) (*fixture, []string) {
	t.Helper()
	f := newFixture(t)
	f.srv.SeedN(120, "c")
	asc := names(f.srv.Collections())
	return f, asc
}

func reversed(s []string) []string {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}

func TestGet_Paging(t *testing.T) {
	t.Parallel()
	f, asc := seededFixture(t)
	desc := reversed(asc)
	cases := []struct {
		query string
		want  []string
	}{
		{"", desc[:50]}, // default take 50, newest first
		{"?sort=desc", desc[:50]},
		{"?sort=asc", asc[:50]},
		{"?take=1", desc[:1]},
		{"?take=10&skip=5", desc[5:15]},
		{"?take=10&skip=5&sort=asc", asc[5:15]},
		{"?take=10&skip=115&sort=asc", asc[115:]}, // the end is a short page
		{"?take=50&skip=100", desc[100:]},
		{"?skip=121", []string{}},
		{"?skip=999999", []string{}},
		{"?take=10000", desc},
		{"?take=3&unknown=ignored", desc[:3]},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			got := names(f.do(t, "GET", "/api/collections"+tc.query, f.key, "").wantStatus(t, http.StatusOK).objects(t))
			if !slices.Equal(got, tc.want) {
				t.Errorf("GET %s = %v, want %v", tc.query, got, tc.want)
			}
		})
	}
}

func TestGet_EmptyPageIsEmptyArray(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.do(t, "GET", "/api/collections?skip=5", f.key, "").wantStatus(t, http.StatusOK)
	if string(r.body) != "[]" {
		t.Fatalf("body = %s, want []", r.body)
	}
}

func TestGet_WalkingPagesSeesEveryCollectionOnce(t *testing.T) {
	t.Parallel()
	f, asc := seededFixture(t)
	for _, sort := range []string{"asc", "desc"} {
		var seen []string
		for skip := 0; ; skip += 7 {
			page := f.do(t, "GET", fmt.Sprintf("/api/collections?take=7&skip=%d&sort=%s", skip, sort), f.key, "").
				wantStatus(t, http.StatusOK).objects(t)
			seen = append(seen, names(page)...)
			if len(page) < 7 {
				break
			}
		}
		want := asc
		if sort == "desc" {
			want = reversed(asc)
		}
		if !slices.Equal(seen, want) {
			t.Errorf("sort=%s: walked %d names, want %d in order", sort, len(seen), len(want))
		}
	}
}

func TestGet_BadParameters(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	cases := []struct {
		query, message string
	}{
		{"take=0", "take must be between 1 and 10000"},
		{"take=10001", "take must be between 1 and 10000"},
		{"take=-1", "take must be between 1 and 10000"},
		{"take=abc", "take must be between 1 and 10000"},
		{"take=1.5", "take must be between 1 and 10000"},
		{"take=", "take must be between 1 and 10000"},
		{"skip=-1", "skip must be an integer of at least 0"},
		{"skip=x", "skip must be an integer of at least 0"},
		{"skip=99999999999999999999999", "skip must be an integer of at least 0"},
		{"sort=up", "sort must be asc or desc"},
		{"sort=ASC", "sort must be asc or desc"},
		{"sort=", "sort must be asc or desc"},
		{"id=not-a-uuid", "malformed collection id"},
		{"id=", "malformed collection id"},
		{"id=550e8400e29b41d4a716446655440000", "malformed collection id"},
		{"id=550e8400-e29b-41d4-a716-44665544000g", "malformed collection id"},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			f.do(t, "GET", "/api/collections?"+tc.query, f.key, "").wantError(t, http.StatusBadRequest, tc.message)
		})
	}
}

func TestGet_ByID(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.srv.Seed("target", strp("d"))
	gone := f.srv.Seed("gone", nil)
	f.srv.SoftDelete(gone.ID)

	got := f.do(t, "GET", "/api/collections?id="+c.ID, f.key, "").wantStatus(t, http.StatusOK).objects(t)
	if len(got) != 1 || got[0].ID != c.ID || got[0].Name != "target" || got[0].Description == nil || *got[0].Description != "d" {
		t.Fatalf("GET ?id = %+v, want the one collection", got)
	}
	// The id is matched without regard to case, as a UUID column would.
	got = f.do(t, "GET", "/api/collections?id="+strings.ToUpper(c.ID), f.key, "").wantStatus(t, http.StatusOK).objects(t)
	if len(got) != 1 || got[0].ID != c.ID {
		t.Fatalf("GET ?id in upper case = %+v, want the collection with its lower-case id", got)
	}
	for name, id := range map[string]string{
		"unknown": "550e8400-e29b-41d4-a716-446655440000",
		"deleted": gone.ID,
	} {
		r := f.do(t, "GET", "/api/collections?id="+id, f.key, "").wantStatus(t, http.StatusOK)
		if string(r.body) != "[]" {
			t.Errorf("%s id: body = %s, want []", name, r.body)
		}
	}
}

func TestGet_ListingTenThousand(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SeedN(10500, "bulk")
	first := f.do(t, "GET", "/api/collections?take=10000&sort=asc", f.key, "").wantStatus(t, http.StatusOK).objects(t)
	rest := f.do(t, "GET", "/api/collections?take=10000&skip=10000&sort=asc", f.key, "").wantStatus(t, http.StatusOK).objects(t)
	if len(first) != 10000 || len(rest) != 501 {
		t.Fatalf("pages of %d and %d, want 10000 and 501", len(first), len(rest))
	}
	if first[0].Name != "Links" || rest[len(rest)-1].Name != "bulk-10500" {
		t.Fatalf("pages run from %q to %q, want Links to bulk-10500", first[0].Name, rest[len(rest)-1].Name)
	}
}
