package hokotest

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
)

func TestPost_CreatesWith201InInputOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	got := f.do(t, "POST", "/api/collections", f.key, `[{"name":"z","description":"last letter"},{"name":"a"}]`).
		wantStatus(t, http.StatusCreated).objects(t)
	if want := []string{"z", "a"}; !slices.Equal(names(got), want) {
		t.Fatalf("names = %v, want %v", names(got), want)
	}
	if got[0].Description == nil || *got[0].Description != "last letter" || got[1].Description != nil {
		t.Fatalf("descriptions = %v, %v", got[0].Description, got[1].Description)
	}
	for _, o := range got {
		if _, ok := f.srv.Collection(o.ID); !ok {
			t.Errorf("%s was not stored", o.Name)
		}
	}
}

func TestPost_Refusals(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		body    func(links string) string
		message string
	}{
		{"an id is not allowed", func(l string) string { return fmt.Sprintf(`[{"name":"x"},{"id":%q,"name":"y"}]`, l) },
			"id is not allowed at item 1"},
		{"even a null id", func(string) string { return `[{"id":null,"name":"y"}]` }, "id is not allowed at item 0"},
		{"name required", func(string) string { return `[{}]` }, "name is required"},
		{"name taken", func(string) string { return `[{"name":"Links"}]` }, "already taken"},
		{"duplicate in batch", func(string) string { return `[{"name":"q"},{"name":"q"}]` }, "more than one item"},
		{"too long", func(string) string { return `[{"name":"123456789012345678901234567890123"}]` }, "(got 33)"},
		{"empty array", func(string) string { return `[]` }, "non-empty"},
		{"not an array", func(string) string { return `{"name":"x"}` }, "must be a JSON array"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			links, _ := f.srv.CollectionByName("Links")
			before := f.srv.Collections()
			f.do(t, "POST", "/api/collections", f.key, tc.body(links.ID)).wantError(t, http.StatusBadRequest, tc.message)
			assertUnchanged(t, f.srv, before)
		})
	}
}

func TestPost_CapAndQuota(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SetMaxItemsPerWrite(1)
	f.do(t, "POST", "/api/collections", f.key, `[{"name":"a"},{"name":"b"}]`).wantError(t, http.StatusBadRequest, "too many items")
	f.srv.SetMaxItemsPerWrite(0)
	f.srv.SetQuota(2)
	f.do(t, "POST", "/api/collections", f.key, `[{"name":"a"},{"name":"b"}]`).wantError(t, http.StatusBadRequest, "quota exceeded")
	f.do(t, "POST", "/api/collections", f.key, `[{"name":"a"}]`).wantStatus(t, http.StatusCreated)
}
