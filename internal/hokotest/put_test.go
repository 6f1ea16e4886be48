package hokotest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPut_Creates(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	got := f.do(t, "PUT", "/api/collections", f.key,
		`[{"name":"Alpha","description":"first"},{"name":"Beta"},{"name":"Gamma","description":null}]`).
		wantStatus(t, http.StatusOK).objects(t)
	if want := []string{"Alpha", "Beta", "Gamma"}; !slices.Equal(names(got), want) {
		t.Fatalf("response names = %v, want %v in input order", names(got), want)
	}
	if got[0].Description == nil || *got[0].Description != "first" || got[1].Description != nil || got[2].Description != nil {
		t.Fatalf("descriptions = %v %v %v, want \"first\", null, null", got[0].Description, got[1].Description, got[2].Description)
	}
	for _, o := range got {
		c, ok := f.srv.Collection(o.ID)
		if !ok || c.Name != o.Name {
			t.Errorf("collection %s (%s) was not stored", o.ID, o.Name)
		}
		if o.CreatedAt != o.UpdatedAt {
			t.Errorf("new collection has createdAt %s and updatedAt %s, want equal", o.CreatedAt, o.UpdatedAt)
		}
	}
	if n := len(f.srv.Collections()); n != 4 {
		t.Fatalf("workspace holds %d collections, want Links plus 3", n)
	}
}

func TestPut_UpdatesOnlyPresentFields(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.srv.Seed("orig", strp("keep me"))

	got := f.do(t, "PUT", "/api/collections", f.key, fmt.Sprintf(`[{"id":%q,"name":"renamed"}]`, c.ID)).
		wantStatus(t, http.StatusOK).objects(t)[0]
	if got.ID != c.ID || got.Name != "renamed" || got.Description == nil || *got.Description != "keep me" {
		t.Fatalf("after rename: %+v, want the description kept", got)
	}

	got = f.do(t, "PUT", "/api/collections", f.key, fmt.Sprintf(`[{"id":%q,"description":"new text"}]`, c.ID)).
		wantStatus(t, http.StatusOK).objects(t)[0]
	if got.Name != "renamed" || got.Description == nil || *got.Description != "new text" {
		t.Fatalf("after description change: %+v, want the name kept", got)
	}

	stored, _ := f.srv.Collection(c.ID)
	if stored.Name != "renamed" || *stored.Description != "new text" {
		t.Fatalf("stored = %+v", stored)
	}
	if _, ok := f.srv.CollectionByName("orig"); ok {
		t.Fatal("the old name still finds the collection")
	}
}

func TestPut_DescriptionNullClearsAndEmptyStays(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.srv.Seed("x", strp("something"))

	r := f.do(t, "PUT", "/api/collections", f.key, fmt.Sprintf(`[{"id":%q,"description":null}]`, c.ID)).wantStatus(t, http.StatusOK)
	if !strings.Contains(string(r.body), `"description":null`) {
		t.Fatalf("cleared description not sent as null: %s", r.body)
	}
	if stored, _ := f.srv.Collection(c.ID); stored.Description != nil {
		t.Fatalf("stored description = %q, want nil", *stored.Description)
	}

	r = f.do(t, "PUT", "/api/collections", f.key, fmt.Sprintf(`[{"id":%q,"description":""}]`, c.ID)).wantStatus(t, http.StatusOK)
	if !strings.Contains(string(r.body), `"description":""`) {
		t.Fatalf("empty description not kept as \"\": %s", r.body)
	}
	if stored, _ := f.srv.Collection(c.ID); stored.Description == nil || *stored.Description != "" {
		t.Fatalf("stored description = %v, want \"\"", stored.Description)
	}
}

func TestPut_ResponseInInputOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.srv.Seed("a", nil)
	b := f.srv.Seed("b", nil)
	body := fmt.Sprintf(`[{"name":"new1"},{"id":%q,"name":"b2"},{"name":"new2"},{"id":%q}]`, b.ID, a.ID)
	got := f.do(t, "PUT", "/api/collections", f.key, body).wantStatus(t, http.StatusOK).objects(t)
	if want := []string{"new1", "b2", "new2", "a"}; !slices.Equal(names(got), want) {
		t.Fatalf("names = %v, want %v", names(got), want)
	}
	if got[1].ID != b.ID || got[3].ID != a.ID {
		t.Fatalf("update items answered with ids %s and %s, want %s and %s", got[1].ID, got[3].ID, b.ID, a.ID)
	}
}

func TestPut_UpdatedAtMovesAndCreatedAtStays(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// Freeze the clock (in the future, since the store never lets time run
	// backwards): every write must still move updatedAt on, by 1ms.
	frozen := time.Date(2100, 3, 4, 5, 6, 7, 891_234_567, time.UTC)
	f.srv.mu.Lock()
	f.srv.st.clock = func() time.Time { return frozen }
	f.srv.mu.Unlock()

	created := f.do(t, "PUT", "/api/collections", f.key, `[{"name":"t"}]`).wantStatus(t, http.StatusOK).objects(t)[0]
	if created.CreatedAt != "2100-03-04T05:06:07.891Z" {
		t.Fatalf("createdAt = %s, want the frozen time truncated to milliseconds", created.CreatedAt)
	}
	prev := created.UpdatedAt
	wants := []string{"2100-03-04T05:06:07.892Z", "2100-03-04T05:06:07.893Z"}
	for i, want := range wants {
		got := f.do(t, "PUT", "/api/collections", f.key, fmt.Sprintf(`[{"id":%q,"description":"v%d"}]`, created.ID, i)).
			wantStatus(t, http.StatusOK).objects(t)[0]
		if got.CreatedAt != created.CreatedAt {
			t.Fatalf("createdAt moved from %s to %s", created.CreatedAt, got.CreatedAt)
		}
		if got.UpdatedAt == prev || got.UpdatedAt != want {
			t.Fatalf("write %d: updatedAt = %s (was %s), want %s", i, got.UpdatedAt, prev, want)
		}
		prev = got.UpdatedAt
	}

	// Once the clock moves past the bumped time, the clock wins again.
	f.srv.mu.Lock()
	f.srv.st.clock = func() time.Time { return frozen.Add(time.Second) }
	f.srv.mu.Unlock()
	got := f.do(t, "PUT", "/api/collections", f.key, fmt.Sprintf(`[{"id":%q}]`, created.ID)).wantStatus(t, http.StatusOK).objects(t)[0]
	if got.UpdatedAt != "2100-03-04T05:06:08.891Z" {
		t.Fatalf("updatedAt = %s, want the clock's time", got.UpdatedAt)
	}
}

func TestPut_NamesThatAreAccepted(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		body func(links Collection) string
	}{
		{"32 ASCII characters", func(Collection) string { return `[{"name":"` + strings.Repeat("a", 32) + `"}]` }},
		{"32 two-byte characters", func(Collection) string { return `[{"name":"` + strings.Repeat("é", 32) + `"}]` }},
		{"32 Arabic characters", func(Collection) string { return `[{"name":"` + strings.Repeat("ب", 32) + `"}]` }},
		{"32 emoji", func(Collection) string { return `[{"name":"` + strings.Repeat("🔗", 32) + `"}]` }},
		{"one character", func(Collection) string { return `[{"name":"x"}]` }},
		{"names differ only in case", func(Collection) string { return `[{"name":"links"},{"name":"LINKS"}]` }},
		{"rename to its own name", func(l Collection) string { return fmt.Sprintf(`[{"id":%q,"name":"Links"}]`, l.ID) }},
		{"rename away, then reuse the name", func(l Collection) string {
			return fmt.Sprintf(`[{"id":%q,"name":"Old Links"},{"name":"Links"}]`, l.ID)
		}},
		{"unknown fields are ignored", func(Collection) string { return `[{"name":"x","color":"red","extra":{"a":[1]}}]` }},
		{"upper-case id", func(l Collection) string { return fmt.Sprintf(`[{"id":%q}]`, strings.ToUpper(l.ID)) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			links, _ := f.srv.CollectionByName("Links")
			f.do(t, "PUT", "/api/collections", f.key, tc.body(links)).wantStatus(t, http.StatusOK)
		})
	}
}

// TestPut_RefusedBatchesWriteNothing covers every way a PUT can be refused,
// and checks each time that nothing at all was written.
func TestPut_RefusedBatchesWriteNothing(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		setup   func(s *Server)
		body    func(putIDs) string
		message string
	}{
		{name: "body is an object", body: lit(`{"name":"x"}`), message: "must be a JSON array (got object)"},
		{name: "body is null", body: lit(`null`), message: "must be a JSON array (got null)"},
		{name: "body is empty", body: lit(``), message: "request body is empty"},
		{name: "body is not JSON", body: lit(`[{"name":`), message: "not valid JSON"},
		{name: "data after the array", body: lit(`[{"name":"x"}] [{"name":"y"}]`), message: "data after the JSON array"},
		{name: "empty array", body: lit(`[]`), message: "non-empty JSON array"},
		{name: "item is not an object", body: lit(`[{"name":"x"},"y"]`), message: "item 1 must be a JSON object (got string)"},
		{name: "create without name", body: lit(`[{"description":"d"}]`), message: "name is required to create a collection at item 0"},
		{name: "create with null name", body: lit(`[{"name":null}]`), message: "name is required"},
		{name: "empty name", body: lit(`[{"name":""}]`), message: "name must be 1 to 32 characters (got 0) at item 0"},
		{name: "33 characters", body: lit(`[{"name":"` + strings.Repeat("a", 33) + `"}]`), message: "name must be 1 to 32 characters (got 33)"},
		{name: "33 multibyte characters", body: lit(`[{"name":"` + strings.Repeat("ب", 33) + `"}]`), message: "(got 33)"},
		{name: "40 characters at item 3", body: lit(`[{"name":"a"},{"name":"b"},{"name":"c"},{"name":"` + strings.Repeat("x", 40) + `"}]`),
			message: "name must be 1 to 32 characters (got 40) at item 3"},
		{name: "name is a number", body: lit(`[{"name":5}]`), message: "name must be a string (got number) at item 0"},
		{name: "description is a boolean", body: lit(`[{"name":"x","description":true}]`), message: "description must be a string (got boolean)"},
		{name: "id is a number", body: lit(`[{"id":5,"name":"x"}]`), message: "id must be a string (got number)"},
		{name: "id is null", body: lit(`[{"id":null,"name":"x"}]`), message: "id must be a string (got null)"},
		{name: "name taken", body: lit(`[{"name":"Links"}]`), message: `collection name "Links" is already taken at item 0`},
		{name: "name taken by another on rename", body: func(i putIDs) string { return fmt.Sprintf(`[{"id":%q,"name":"Links"}]`, i.other) },
			message: `collection name "Links" is already taken`},
		{name: "duplicate name in batch", body: lit(`[{"name":"dup"},{"name":"ok"},{"name":"dup"}]`),
			message: `collection name "dup" is used by more than one item (items 0 and 2)`},
		{name: "create a name, then rename away from it", body: func(i putIDs) string {
			return fmt.Sprintf(`[{"name":"Links"},{"id":%q,"name":"Old Links"}]`, i.links)
		}, message: `"Links" is already taken at item 0`},
		{name: "name null on update", body: func(i putIDs) string { return fmt.Sprintf(`[{"id":%q,"name":null}]`, i.links) },
			message: "name cannot be null at item 0"},
		{name: "unknown id", body: lit(`[{"id":"550e8400-e29b-41d4-a716-446655440000","name":"x"}]`),
			message: `unknown collection id "550e8400-e29b-41d4-a716-446655440000" at item 0`},
		{name: "deleted id", body: func(i putIDs) string { return fmt.Sprintf(`[{"id":%q,"name":"x"}]`, i.deleted) },
			message: "was deleted"},
		{name: "malformed id", body: lit(`[{"id":"123","name":"x"}]`), message: `malformed collection id "123" at item 0`},
		{name: "same id twice", body: func(i putIDs) string { return fmt.Sprintf(`[{"id":%q},{"name":"n"},{"id":%q}]`, i.other, i.other) },
			message: "appears more than once (items 0 and 2)"},
		{name: "one bad item after good ones", body: func(i putIDs) string {
			return fmt.Sprintf(`[{"name":"good1"},{"id":%q,"name":"good2","description":null},{"name":""}]`, i.other)
		}, message: "at item 2"},
		{name: "over the plan cap", setup: func(s *Server) { s.SetMaxItemsPerWrite(2) },
			body: lit(`[{"name":"a"},{"name":"b"},{"name":"c"}]`), message: "too many items: 3 (at most 2 per request)"},
		{name: "over the hard cap", body: lit(bigBody(10001)), message: "too many items: 10001 (at most 10000 per request)"},
		{name: "over the quota", setup: func(s *Server) { s.SetQuota(3) },
			body: lit(`[{"name":"a"},{"name":"b"}]`), message: "quota exceeded"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			links, _ := f.srv.CollectionByName("Links")
			other := f.srv.Seed("other", strp("untouched"))
			deleted := f.srv.Seed("deleted", nil)
			f.srv.SoftDelete(deleted.ID)
			if tc.setup != nil {
				tc.setup(f.srv)
			}
			before := f.srv.Collections()
			f.do(t, "PUT", "/api/collections", f.key, tc.body(putIDs{links.ID, other.ID, deleted.ID})).
				wantError(t, http.StatusBadRequest, tc.message)
			assertUnchanged(t, f.srv, before)
		})
	}
}

// putIDs are the ids a refused-batch case may refer to.
type putIDs struct{ links, other, deleted string }

// lit wraps a fixed body for the table above.
func lit(s string) func(putIDs) string { return func(putIDs) string { return s } }

// bigBody is a create batch of n items with distinct names.
func bigBody(n int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"n%d"}`, i)
	}
	b.WriteByte(']')
	return b.String()
}

func TestPut_CapAndQuotaBoundaries(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SetMaxItemsPerWrite(3)
	f.do(t, "PUT", "/api/collections", f.key, `[{"name":"a"},{"name":"b"},{"name":"c"}]`).wantStatus(t, http.StatusOK)

	// Links + 3 = 4; a quota of 5 allows exactly one more create.
	f.srv.SetQuota(5)
	f.do(t, "PUT", "/api/collections", f.key, `[{"name":"d"}]`).wantStatus(t, http.StatusOK)
	f.do(t, "PUT", "/api/collections", f.key, `[{"name":"e"}]`).wantError(t, http.StatusBadRequest, "quota exceeded")
	// Updates never count against the quota.
	links, _ := f.srv.CollectionByName("Links")
	f.do(t, "PUT", "/api/collections", f.key, fmt.Sprintf(`[{"id":%q,"description":"x"}]`, links.ID)).wantStatus(t, http.StatusOK)
	// Deleting frees room.
	f.srv.SoftDelete(links.ID)
	f.do(t, "PUT", "/api/collections", f.key, `[{"name":"e"}]`).wantStatus(t, http.StatusOK)

	// Back to the hard cap of 10,000.
	f.srv.SetMaxItemsPerWrite(0)
	f.srv.SetQuota(0)
	f.do(t, "PUT", "/api/collections", f.key, bigBody(10000)).wantStatus(t, http.StatusOK)
	if n := len(f.srv.Collections()); n != 10005 {
		t.Fatalf("holds %d collections, want 10005", n)
	}
}

func TestPut_DeletedNameCanBeReused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.srv.Seed("reuse", nil)
	f.srv.SoftDelete(c.ID)
	got := f.do(t, "PUT", "/api/collections", f.key, `[{"name":"reuse"}]`).wantStatus(t, http.StatusOK).objects(t)[0]
	if got.ID == c.ID {
		t.Fatal("a new collection reused the deleted collection's id")
	}
}

func TestPut_NameMovesWithinOneBatch(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.srv.Seed("x", nil)
	b := f.srv.Seed("z", nil)
	// Items apply in order: a frees "x", then b takes it, then a new
	// collection takes b's old name.
	body := fmt.Sprintf(`[{"id":%q,"name":"y"},{"id":%q,"name":"x"},{"name":"z"}]`, a.ID, b.ID)
	got := f.do(t, "PUT", "/api/collections", f.key, body).wantStatus(t, http.StatusOK).objects(t)
	if want := []string{"y", "x", "z"}; !slices.Equal(names(got), want) {
		t.Fatalf("names = %v, want %v", names(got), want)
	}
	for name, wantID := range map[string]string{"y": a.ID, "x": b.ID, "z": got[2].ID} {
		if c, ok := f.srv.CollectionByName(name); !ok || c.ID != wantID {
			t.Errorf("CollectionByName(%q) = %s, %v, want %s", name, c.ID, ok, wantID)
		}
	}
}
