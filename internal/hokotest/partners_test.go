package hokotest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestPartners_ObjectShapeAndNulls(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	got := f.put(t, KindPartner, `[{"name":"Acme"},{"name":"Beta","email":"a@b.c","phone":"+1 555"}]`)
	want := []string{"createdAt", "email", "id", "name", "phone", "updatedAt"}
	for i, o := range got {
		keys := keysOf(o)
		slices.Sort(keys)
		if !slices.Equal(keys, want) {
			t.Errorf("partner %d has members %v, want %v", i, keys, want)
		}
		if !wireTime.MatchString(o.str(t, "createdAt")) {
			t.Errorf("createdAt %s is not RFC 3339 with milliseconds", o.raw("createdAt"))
		}
	}
	if got[0].raw("email") != "null" || got[0].raw("phone") != "null" {
		t.Errorf("unset email and phone = %s, %s, want null", got[0].raw("email"), got[0].raw("phone"))
	}
	if got[1].str(t, "email") != "a@b.c" || got[1].str(t, "phone") != "+1 555" {
		t.Errorf("partner = %v", got[1])
	}
}

func TestPartners_NamesAreNotUnique(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	got := f.put(t, KindPartner, `[{"name":"Same","email":"x@y.z"},{"name":"Same","email":"x@y.z"}]`)
	if got[0].str(t, "id") == got[1].str(t, "id") || f.srv.Count(KindPartner) != 2 {
		t.Fatalf("two identical partners were not both created: %v", got)
	}
	f.put(t, KindPartner, `[{"name":"Same"}]`)
	if n := f.srv.Count(KindPartner); n != 3 {
		t.Fatalf("count = %d, want 3 partners named Same", n)
	}
}

func TestPartners_Validation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.srv.SeedPartner("p", nil, nil)
	cases := []struct {
		name, body, want string
	}{
		{"missing name", `[{"email":"a@b"}]`, "name is required to create a partner"},
		{"empty name", `[{"name":""}]`, "name must be 1 to 100 characters (got 0)"},
		{"101 characters", fmt.Sprintf(`[{"name":%q}]`, strings.Repeat("x", 101)), "(got 101)"},
		{"null name", fmt.Sprintf(`[{"id":%q,"name":null}]`, p.ID), "name cannot be null"},
		{"no @", `[{"name":"x","email":"ab.c"}]`, `email "ab.c" must contain exactly one @`},
		{"two @", `[{"name":"x","email":"a@b@c"}]`, "exactly one @"},
		{"nothing before @", `[{"name":"x","email":"@b"}]`, "text on both sides"},
		{"nothing after @", `[{"name":"x","email":"a@"}]`, "text on both sides"},
		{"space", `[{"name":"x","email":"a b@c"}]`, "must not contain spaces"},
		{"tab", `[{"name":"x","email":"a@c\t"}]`, "must not contain spaces"},
		{"phone not a string", `[{"name":"x","phone":123}]`, "phone must be a string (got number)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f.do(t, "PUT", "/api/partners", f.all, tc.body).wantError(t, http.StatusBadRequest, tc.want)
		})
	}
	if n := f.srv.Count(KindPartner); n != 1 {
		t.Fatalf("refused writes created partners: %d", n)
	}
	f.put(t, KindPartner, fmt.Sprintf(`[{"name":%q,"email":"ü@例え.jp"}]`, strings.Repeat("x", 100)))
}

func TestPartners_NullClearsEmailAndPhone(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.srv.SeedPartner("p", strp("a@b.c"), strp("123"))
	got := f.put(t, KindPartner, fmt.Sprintf(`[{"id":%q,"phone":"456"}]`, p.ID))[0]
	if got.str(t, "email") != "a@b.c" || got.str(t, "phone") != "456" {
		t.Fatalf("phone change answered %v, want the email kept", got)
	}
	got = f.put(t, KindPartner, fmt.Sprintf(`[{"id":%q,"email":null,"phone":null}]`, p.ID))[0]
	if got.raw("email") != "null" || got.raw("phone") != "null" || got.str(t, "name") != "p" {
		t.Fatalf("clearing answered %v", got)
	}
	stored, _ := f.srv.Partner(p.ID)
	if stored.Email != nil || stored.Phone != nil {
		t.Fatalf("stored %+v, want email and phone cleared", stored)
	}
	// "" is not null: it is an address without an @, so it is refused
	// rather than read as a clear.
	f.do(t, "PUT", "/api/partners", f.all, fmt.Sprintf(`[{"id":%q,"email":""}]`, p.ID)).wantError(t, http.StatusBadRequest, "exactly one @")
}
