package hokotest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestOutOfBand_SeedAndLookups(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	desc := strp("described")
	c := srv.Seed("seeded", desc)
	*desc = "changed by the caller"
	if *c.Description != "described" {
		t.Fatal("Seed kept the caller's pointer")
	}
	if !uuidV4.MatchString(c.ID) || c.CreatedAt.IsZero() || !c.CreatedAt.Equal(c.UpdatedAt) {
		t.Fatalf("seeded %+v", c)
	}
	got, ok := srv.Collection(c.ID)
	if !ok || got.Name != "seeded" || *got.Description != "described" {
		t.Fatalf("Collection(id) = %+v, %v", got, ok)
	}
	*got.Description = "edited copy"
	if again, _ := srv.Collection(c.ID); *again.Description != "described" {
		t.Fatal("editing a returned collection changed the store")
	}
	if got, ok := srv.CollectionByName("seeded"); !ok || got.ID != c.ID {
		t.Fatalf("CollectionByName = %+v, %v", got, ok)
	}
	if _, ok := srv.Collection("550e8400-e29b-41d4-a716-446655440000"); ok {
		t.Fatal("found an unknown id")
	}
	if _, ok := srv.CollectionByName("Seeded"); ok {
		t.Fatal("names must match exactly")
	}
	if got := names(srv.Collections()); !slices.Equal(got, []string{"Links", "seeded"}) {
		t.Fatalf("Collections() = %v, want oldest first", got)
	}
}

func TestOutOfBand_SeedNIsFastAndNamed(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	got := srv.SeedN(3, "demo")
	if want := []string{"demo-00001", "demo-00002", "demo-00003"}; !slices.Equal(names(got), want) {
		t.Fatalf("SeedN names = %v, want %v", names(got), want)
	}
	if n := len(srv.Collections()); n != 4 {
		t.Fatalf("holds %d, want 4", n)
	}
}

func TestOutOfBand_SeedPanicsOnATakenName(t *testing.T) {
	t.Parallel()
	for name, seed := range map[string]func(*Server){
		"Seed":  func(s *Server) { s.Seed("Links", nil) },
		"SeedN": func(s *Server) { s.SeedN(2, "x"); s.SeedN(1, "x") },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				// A panic with a non-string value fails the check, not the test binary.
				if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "already taken") {
					t.Fatalf("recovered %v, want a panic about the taken name", r)
				}
			}()
			seed(NewServer())
		})
	}
}

func TestOutOfBand_ChangesAreSeenThroughTheAPI(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.srv.Seed("before", strp("d"))
	other := f.srv.Seed("other", nil)

	if !f.srv.Rename(c.ID, "after") {
		t.Fatal("Rename failed")
	}
	if f.srv.Rename(c.ID, "other") {
		t.Fatal("Rename to a taken name succeeded")
	}
	if !f.srv.Rename(c.ID, "after") {
		t.Fatal("Rename to its own name failed")
	}
	if !f.srv.SetDescription(c.ID, nil) {
		t.Fatal("SetDescription failed")
	}
	got := f.do(t, "GET", "/api/collections?id="+c.ID, f.key, "").wantStatus(t, http.StatusOK).objects(t)[0]
	if got.Name != "after" || got.Description != nil || got.UpdatedAt <= got.CreatedAt {
		t.Fatalf("after out-of-band edits: %+v, want renamed, cleared and updatedAt moved on", got)
	}
	// Out-of-band access is not API traffic.
	if n := len(f.srv.Requests()); n != 1 {
		t.Fatalf("%d requests recorded, want only the GET", n)
	}

	if !f.srv.SoftDelete(other.ID) {
		t.Fatal("SoftDelete failed")
	}
	for name, ok := range map[string]bool{
		"SoftDelete twice":         f.srv.SoftDelete(other.ID),
		"Rename deleted":           f.srv.Rename(other.ID, "x"),
		"SetDescription deleted":   f.srv.SetDescription(other.ID, strp("x")),
		"Rename unknown":           f.srv.Rename("550e8400-e29b-41d4-a716-446655440000", "x"),
		"SetDescription malformed": f.srv.SetDescription("nope", nil),
	} {
		if ok {
			t.Errorf("%s reported success", name)
		}
	}
	if _, ok := f.srv.Collection(other.ID); ok {
		t.Fatal("a deleted collection is still returned")
	}
	if _, ok := f.srv.CollectionByName("other"); ok {
		t.Fatal("a deleted collection is still found by name")
	}
	// Its name is free again.
	f.do(t, "PUT", "/api/collections", f.key, `[{"name":"other"}]`).wantStatus(t, http.StatusOK)
}
