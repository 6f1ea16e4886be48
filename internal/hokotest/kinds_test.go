package hokotest

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// createItem returns a valid create item of a kind, distinct for each n.
func createItem(t *testing.T, f *fixture, k Kind, n int) string {
	t.Helper()
	switch k {
	case KindCollection:
		return fmt.Sprintf(`{"name":"c%d"}`, n)
	case KindTag:
		return fmt.Sprintf(`{"name":"t%d"}`, n)
	case KindPartner:
		return fmt.Sprintf(`{"name":"p%d"}`, n)
	default:
		links, ok := f.srv.CollectionByName("Links")
		if !ok {
			t.Fatal("the workspace lacks its Links collection")
		}
		return fmt.Sprintf(`{"url":"https://example.com/%d","collectionId":%q}`, n, links.ID)
	}
}

// createBody returns a PUT body that creates n objects of a kind.
func createBody(t *testing.T, f *fixture, k Kind, n int) string {
	t.Helper()
	items := make([]string, n)
	for i := range items {
		items[i] = createItem(t, f, k, i)
	}
	return "[" + strings.Join(items, ",") + "]"
}

// newKinds are the kinds of Part II of the contract.
var newKinds = []Kind{KindTag, KindPartner, KindLink}

func TestKinds_NewWorkspaceHoldsOnlyTheLinksCollection(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if got := f.get(t, KindCollection, ""); len(got) != 1 || got[0].str(t, "name") != "Links" {
		t.Fatalf("collections = %v, want Links only", got)
	}
	for _, k := range newKinds {
		if r := f.do(t, "GET", k.Path(), f.all, "").wantStatus(t, http.StatusOK); string(r.body) != "[]" {
			t.Errorf("GET %s = %s, want []", k.Path(), r.body)
		}
		if n := f.srv.Count(k); n != 0 {
			t.Errorf("Count(%s) = %d, want 0", k, n)
		}
	}
}

func TestKinds_ScopesPerKind(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	cases := []struct {
		kind        Kind
		read, write string
	}{
		{KindCollection, "collectionsRead", "collectionsWrite"},
		{KindTag, "tagsRead", "tagsWrite"},
		{KindPartner, "partnersRead", "partnersWrite"},
		{KindLink, "linksRead", "linksWrite"},
	}
	for _, tc := range cases {
		t.Run(string(tc.kind), func(t *testing.T) {
			if tc.kind.ReadScope() != tc.read || tc.kind.WriteScope() != tc.write {
				t.Fatalf("scopes = %s, %s, want %s, %s", tc.kind.ReadScope(), tc.kind.WriteScope(), tc.read, tc.write)
			}
			// Every other scope of every kind, but not this kind's.
			var others []string
			for _, sc := range AllScopes() {
				if sc != tc.read && sc != tc.write {
					others = append(others, sc)
				}
			}
			key := f.srv.NewKey(others...)
			for _, m := range []string{"GET", "POST", "PUT", "DELETE"} {
				want := tc.write
				if m == "GET" {
					want = tc.read
				}
				e := f.do(t, m, tc.kind.Path(), key, `[]`).wantError(t, http.StatusForbidden, want)
				if !slices.Equal(e.MissingScopes, []string{want}) {
					t.Errorf("%s: missingScopes = %v, want [%s]", m, e.MissingScopes, want)
				}
			}
			// The kind's own scopes are enough.
			own := f.srv.NewKey(tc.read, tc.write)
			f.do(t, "GET", tc.kind.Path(), own, "").wantStatus(t, http.StatusOK)
			f.do(t, "PUT", tc.kind.Path(), own, `[]`).wantError(t, http.StatusBadRequest, "non-empty")
		})
	}
}

func TestKinds_PartnerWritesNeedPartnersWriteNotLinksWrite(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	key := f.srv.NewKey(ScopePartnersRead, ScopeLinksWrite)
	e := f.do(t, "PUT", "/api/partners", key, `[{"name":"p"}]`).wantError(t, http.StatusForbidden, "partnersWrite")
	if !slices.Equal(e.MissingScopes, []string{"partnersWrite"}) {
		t.Fatalf("missingScopes = %v", e.MissingScopes)
	}
	if n := f.srv.Count(KindPartner); n != 0 {
		t.Fatalf("a refused write created %d partners", n)
	}
}

func TestKinds_UpsertReadDeleteCycle(t *testing.T) {
	t.Parallel()
	for _, k := range Kinds() {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			before := f.srv.Count(k)
			created := f.put(t, k, createBody(t, f, k, 3))
			if len(created) != 3 || f.srv.Count(k) != before+3 {
				t.Fatalf("created %d, count %d, want 3 more than %d", len(created), f.srv.Count(k), before)
			}
			id := created[1].str(t, "id")
			if !uuidV4.MatchString(id) {
				t.Fatalf("id %q is not a lower-case UUID v4", id)
			}
			got := f.get(t, k, "?id="+strings.ToUpper(id))
			if len(got) != 1 || got[0].str(t, "id") != id {
				t.Fatalf("GET ?id= = %v", got)
			}
			updated := f.put(t, k, fmt.Sprintf(`[{"id":%q}]`, id))
			if len(updated) != 1 || updated[0].str(t, "id") != id {
				t.Fatalf("an update with only the id answered %v", updated)
			}

			r := f.do(t, "DELETE", k.Path(), f.all, fmt.Sprintf(`[%q]`, id)).wantStatus(t, http.StatusOK)
			if want := fmt.Sprintf(`{"deletedIds":[%q]}`, id); string(r.body) != want {
				t.Fatalf("DELETE = %s, want %s", r.body, want)
			}
			if got := f.get(t, k, "?id="+id); len(got) != 0 {
				t.Fatalf("GET of a deleted id = %v, want []", got)
			}
			want := "already deleted"
			if k == KindTag {
				want = "unknown tag id" // deletion is permanent: the id is forgotten
			}
			f.do(t, "DELETE", k.Path(), f.all, fmt.Sprintf(`[%q]`, id)).wantError(t, http.StatusBadRequest, want)
			f.do(t, "PUT", k.Path(), f.all, fmt.Sprintf(`[{"id":%q}]`, id)).wantError(t, http.StatusBadRequest, "unknown")
			if f.srv.Count(k) != before+2 {
				t.Fatalf("count = %d, want %d", f.srv.Count(k), before+2)
			}
		})
	}
}

func TestKinds_LimitsApplyToEveryKind(t *testing.T) {
	t.Parallel()
	for _, k := range Kinds() {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			before := f.srv.Count(k)
			f.do(t, "PUT", k.Path(), f.all, `[]`).wantError(t, http.StatusBadRequest, "non-empty")
			f.do(t, "PUT", k.Path(), f.all, createBody(t, f, k, hardLimit+1)).wantError(t, http.StatusBadRequest, "too many items: 10001")

			f.srv.SetMaxItemsPerWrite(2)
			f.do(t, "PUT", k.Path(), f.all, createBody(t, f, k, 3)).wantError(t, http.StatusBadRequest, "at most 2")
			f.do(t, "DELETE", k.Path(), f.all, `["550e8400-e29b-41d4-a716-446655440000","550e8400-e29b-41d4-a716-446655440001","550e8400-e29b-41d4-a716-446655440002"]`).
				wantError(t, http.StatusBadRequest, "at most 2")
			f.srv.SetMaxItemsPerWrite(0)

			f.srv.SetQuotaFor(k, before+2)
			f.do(t, "PUT", k.Path(), f.all, createBody(t, f, k, 3)).wantError(t, http.StatusBadRequest, "quota exceeded")
			if f.srv.Count(k) != before {
				t.Fatalf("a write over the quota created objects: count %d, want %d", f.srv.Count(k), before)
			}
			f.put(t, k, createBody(t, f, k, 2))
			f.srv.SetQuotaFor(k, 0)
			f.put(t, k, fmt.Sprintf("[%s]", createItem(t, f, k, 99)))
		})
	}
}

func TestKinds_QuotaIsPerKind(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SetQuota(1) // collections only: the workspace holds Links
	f.do(t, "PUT", "/api/collections", f.all, `[{"name":"x"}]`).wantError(t, http.StatusBadRequest, "collection quota exceeded")
	f.put(t, KindTag, `[{"name":"fine"}]`)
}

func TestKinds_WritesAreAllOrNothing(t *testing.T) {
	t.Parallel()
	for _, k := range Kinds() {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			before := f.srv.Count(k)
			body := "[" + createItem(t, f, k, 1) + `,{"bogus":true}]`
			f.do(t, "PUT", k.Path(), f.all, body).wantError(t, http.StatusBadRequest, "at item 1")
			f.do(t, "PUT", k.Path(), f.all, "["+createItem(t, f, k, 2)+`,{"id":"550e8400-e29b-41d4-a716-446655440000"}]`).
				wantError(t, http.StatusBadRequest, "unknown")
			if f.srv.Count(k) != before {
				t.Fatalf("a refused batch wrote: count %d, want %d", f.srv.Count(k), before)
			}
		})
	}
}

func TestKinds_Order(t *testing.T) {
	t.Parallel()
	for _, k := range newKinds {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			created := ids(t, f.put(t, k, createBody(t, f, k, 12)))
			asc := slices.Clone(created)
			if k == KindTag {
				sort.Strings(asc) // tags are sorted by id, not by creation
			}
			desc := slices.Clone(asc)
			slices.Reverse(desc)
			if got := ids(t, f.get(t, k, "?sort=asc&take=100")); !slices.Equal(got, asc) {
				t.Errorf("asc = %v, want %v", got, asc)
			}
			if got := ids(t, f.get(t, k, "")); !slices.Equal(got, desc) {
				t.Errorf("default order = %v, want descending %v", got, desc)
			}
			var paged []string
			for skip := 0; ; skip += 5 {
				p := ids(t, f.get(t, k, fmt.Sprintf("?sort=asc&take=5&skip=%d", skip)))
				paged = append(paged, p...)
				if len(p) < 5 {
					break
				}
			}
			if !slices.Equal(paged, asc) {
				t.Errorf("paged = %v, want %v", paged, asc)
			}
			f.do(t, "GET", k.Path()+"?take=0", f.all, "").wantError(t, http.StatusBadRequest, "take")
			f.do(t, "GET", k.Path()+"?sort=up", f.all, "").wantError(t, http.StatusBadRequest, "sort")
			f.do(t, "GET", k.Path()+"?id=nope", f.all, "").wantError(t, http.StatusBadRequest, "malformed "+k.spec().singular+" id")
		})
	}
}

func TestKinds_PostCreatesOnly(t *testing.T) {
	t.Parallel()
	for _, k := range newKinds {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			r := f.do(t, "POST", k.Path(), f.all, createBody(t, f, k, 2)).wantStatus(t, http.StatusCreated)
			id := r.objs(t)[0].str(t, "id")
			f.do(t, "POST", k.Path(), f.all, fmt.Sprintf(`[{"id":%q}]`, id)).wantError(t, http.StatusBadRequest, "POST only creates "+string(k))
		})
	}
}

func TestKinds_KnobsApplyToEveryKind(t *testing.T) {
	t.Parallel()
	for _, k := range newKinds {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.srv.SetFaults(Faults{Seed: 1, FailBeforeWrite: 1})
			f.do(t, "PUT", k.Path(), f.all, createBody(t, f, k, 1)).wantStatus(t, http.StatusInternalServerError)
			if n := f.srv.Count(k); n != 0 {
				t.Fatalf("a fault before the write wrote %d objects", n)
			}
			f.srv.SetFaults(Faults{Seed: 1, FailAfterWrite: 1})
			f.do(t, "PUT", k.Path(), f.all, createBody(t, f, k, 1)).wantStatus(t, http.StatusBadGateway)
			if n := f.srv.Count(k); n != 1 {
				t.Fatalf("a fault after the write left %d objects, want the 1 written", n)
			}
			f.srv.SetFaults(Faults{})

			f.srv.SetRateLimit(0.5, 1)
			f.get(t, k, "")
			f.do(t, "GET", k.Path(), f.all, "").wantError(t, http.StatusTooManyRequests, "Rate limit exceeded")
			f.srv.SetRateLimit(0, 0)

			const latency = 30 * time.Millisecond
			f.srv.SetLatency(latency)
			start := time.Now()
			f.get(t, k, "")
			if d := time.Since(start); d < latency {
				t.Fatalf("GET took %v, want at least the latency %v", d, latency)
			}
			if st := f.srv.Stats(); st.FaultsInjected != 2 || st.RateLimited != 1 || st.ByKind[k]["GET"] != 3 || st.ByKind[k]["PUT"] != 2 {
				t.Fatalf("stats = %+v", st)
			}
		})
	}
}
