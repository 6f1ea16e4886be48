package hokotest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestDelete_SoftDeletes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.srv.Seed("a", nil)
	b := f.srv.Seed("b", nil)
	keep := f.srv.Seed("keep", nil)

	r := f.do(t, "DELETE", "/api/collections", f.key, fmt.Sprintf(`[%q,%q]`, b.ID, strings.ToUpper(a.ID))).wantStatus(t, http.StatusOK)
	var got struct {
		DeletedIDs []string `json:"deletedIds"`
	}
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatalf("body %s: %v", r.body, err)
	}
	if want := []string{b.ID, a.ID}; !slices.Equal(got.DeletedIDs, want) {
		t.Fatalf("deletedIds = %v, want %v in input order", got.DeletedIDs, want)
	}

	for _, c := range []Collection{a, b} {
		if _, ok := f.srv.Collection(c.ID); ok {
			t.Errorf("%s is still live", c.Name)
		}
		if body := f.do(t, "GET", "/api/collections?id="+c.ID, f.key, "").wantStatus(t, http.StatusOK).body; string(body) != "[]" {
			t.Errorf("GET ?id=%s = %s, want []", c.ID, body)
		}
	}
	list := names(f.do(t, "GET", "/api/collections?sort=asc", f.key, "").wantStatus(t, http.StatusOK).objects(t))
	if want := []string{"Links", keep.Name}; !slices.Equal(list, want) {
		t.Fatalf("list = %v, want %v", list, want)
	}
	// A deleted collection cannot be updated through the API.
	f.do(t, "PUT", "/api/collections", f.key, fmt.Sprintf(`[{"id":%q,"name":"back"}]`, a.ID)).wantError(t, http.StatusBadRequest, "deleted")
}

func TestDelete_RefusalsDeleteNothing(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		setup   func(*Server)
		body    func(live, gone string) string
		message string
	}{
		{name: "unknown id", body: func(l, _ string) string { return fmt.Sprintf(`[%q,"550e8400-e29b-41d4-a716-446655440000"]`, l) },
			message: `unknown collection id "550e8400-e29b-41d4-a716-446655440000" at item 1`},
		{name: "already deleted", body: func(l, g string) string { return fmt.Sprintf(`[%q,%q]`, l, g) },
			message: "at item 1 is already deleted"},
		{name: "duplicated id", body: func(l, _ string) string { return fmt.Sprintf(`[%q,%q]`, l, l) },
			message: "appears more than once (items 0 and 1)"},
		{name: "duplicated id in another case", body: func(l, _ string) string { return fmt.Sprintf(`[%q,%q]`, l, strings.ToUpper(l)) },
			message: "appears more than once"},
		{name: "malformed id", body: func(l, _ string) string { return fmt.Sprintf(`[%q,"nope"]`, l) },
			message: `malformed collection id "nope" at item 1`},
		{name: "object instead of id", body: func(l, _ string) string { return fmt.Sprintf(`[{"id":%q}]`, l) },
			message: "item 0 must be a collection id string (got object)"},
		{name: "empty array", body: func(string, string) string { return `[]` }, message: "non-empty"},
		{name: "not an array", body: func(l, _ string) string { return fmt.Sprintf(`%q`, l) }, message: "must be a JSON array (got string)"},
		{name: "empty body", body: func(string, string) string { return `` }, message: "empty"},
		{name: "over the plan cap", setup: func(s *Server) { s.SetMaxItemsPerWrite(1) },
			body: func(l, _ string) string { return fmt.Sprintf(`[%q,"550e8400-e29b-41d4-a716-446655440000"]`, l) }, message: "too many items"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			live := f.srv.Seed("live", nil)
			gone := f.srv.Seed("gone", nil)
			f.srv.SoftDelete(gone.ID)
			if tc.setup != nil {
				tc.setup(f.srv)
			}
			before := f.srv.Collections()
			f.do(t, "DELETE", "/api/collections", f.key, tc.body(live.ID, gone.ID)).wantError(t, http.StatusBadRequest, tc.message)
			assertUnchanged(t, f.srv, before)
		})
	}
}

func TestDelete_FreesTheName(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.srv.Seed("again", nil)
	f.do(t, "DELETE", "/api/collections", f.key, fmt.Sprintf(`[%q]`, c.ID)).wantStatus(t, http.StatusOK)
	f.do(t, "POST", "/api/collections", f.key, `[{"name":"again"}]`).wantStatus(t, http.StatusCreated)
	// Deleting it twice is refused.
	f.do(t, "DELETE", "/api/collections", f.key, fmt.Sprintf(`[%q]`, c.ID)).wantError(t, http.StatusBadRequest, "already deleted")
}
