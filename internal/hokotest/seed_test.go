package hokotest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestSeed_TagsPartnersLinks(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tg := f.srv.SeedTag("t", "")
	if tg.Color != "slate" || !uuidV4.MatchString(tg.ID) {
		t.Fatalf("SeedTag = %+v, want slate by default", tg)
	}
	if got, ok := f.srv.TagByName("t"); !ok || got != tg {
		t.Fatalf("TagByName = %+v, %v", got, ok)
	}
	tags := f.srv.SeedTags(3, "bulk")
	if len(tags) != 3 || tags[2].Name != "bulk-00003" || f.srv.Count(KindTag) != 4 {
		t.Fatalf("SeedTags = %+v", tags)
	}

	p := f.srv.SeedPartner("same", strp("a@b"), nil)
	q := f.srv.SeedPartner("same", strp("a@b"), nil)
	if p.ID == q.ID || *p.Email != "a@b" || p.Phone != nil {
		t.Fatalf("SeedPartner = %+v, %+v", p, q)
	}
	if ps := f.srv.SeedPartners(2, "pp"); len(ps) != 2 || ps[0].Name != "pp-00001" {
		t.Fatalf("SeedPartners = %+v", ps)
	}

	col := linksCollection(t, f)
	l := f.srv.SeedLink(Link{URL: "https://a.example", CollectionID: col, ExternalID: strp("x"), UTM: UTM{Campaign: strp("c")}, PartnerID: &p.ID})
	if !shortIDPattern.MatchString(l.ShortID) || l.CreatedAt.IsZero() || *l.UTM.Campaign != "c" || *l.PartnerID != p.ID {
		t.Fatalf("SeedLink = %+v", l)
	}
	if got, ok := f.srv.LinkByExternalID("x"); !ok || got.ID != l.ID {
		t.Fatalf("LinkByExternalID = %+v, %v", got, ok)
	}
	ls := f.srv.SeedLinks(3, col, "s")
	if len(ls) != 3 || ls[1].URL != "https://example.com/s-00002" || ls[1].CollectionID != col || ls[0].ShortID == ls[1].ShortID {
		t.Fatalf("SeedLinks = %+v", ls)
	}

	// Seeded objects are served by the API like any other.
	got := f.get(t, KindLink, "?externalId=x")
	if len(got) != 1 || got[0].str(t, "shortId") != l.ShortID || !strings.Contains(got[0].raw("utm"), `"campaign":"c"`) {
		t.Fatalf("GET of the seeded link = %v", got)
	}
	if n := len(f.srv.Links()); n != 4 {
		t.Fatalf("Links() = %d, want 4", n)
	}
}

func TestSeed_PanicsOnTakenUniqueValues(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SeedTag("t", "")
	f.srv.SeedLink(Link{URL: "https://a.example", CollectionID: linksCollection(t, f), ExternalID: strp("x")})
	cases := map[string]func(){
		"tag":            func() { f.srv.SeedTag("t", "red") },
		"tags":           func() { f.srv.SeedTags(1, "t") }, // t-00001 is seeded before the cases run
		"link":           func() { f.srv.SeedLink(Link{URL: "https://b.example", ExternalID: strp("x")}) },
		"collection":     func() { f.srv.Seed("Links", nil) },
		"unknown member": func() { f.srv.SetField(KindTag, "x", "colour", nil) },
		"unset a name":   func() { f.srv.SetField(KindPartner, "x", "name", nil) },
		"unset a colour": func() { f.srv.SetField(KindTag, "x", "color", nil) },
		"unknown kind":   func() { f.srv.Count(Kind("widgets")) },
	}
	f.srv.SeedTags(1, "t")
	for name, fn := range cases {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			fn()
		})
	}
}

func TestOutOfBand_SetFieldAndDeleteForEveryKind(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	col := linksCollection(t, f)
	tg := f.srv.SeedTag("t", "")
	other := f.srv.SeedTag("other", "")
	p := f.srv.SeedPartner("p", strp("a@b"), nil)
	l := f.srv.SeedLink(Link{URL: "https://a.example", CollectionID: col})

	if !f.srv.SetField(KindTag, strings.ToUpper(tg.ID), "color", strp("red")) || !f.srv.SetField(KindTag, tg.ID, "name", strp("renamed")) {
		t.Fatal("SetField on a live tag failed")
	}
	if f.srv.SetField(KindTag, tg.ID, "name", strp("other")) {
		t.Fatal("SetField gave a tag a name another tag holds")
	}
	if got := f.get(t, KindTag, "?id="+tg.ID)[0]; got.str(t, "name") != "renamed" || got.str(t, "color") != "red" {
		t.Fatalf("the API answers %v after the out-of-band change", got)
	}

	if !f.srv.SetField(KindPartner, p.ID, "email", nil) || !f.srv.SetField(KindPartner, p.ID, "phone", strp("1")) {
		t.Fatal("SetField on a live partner failed")
	}
	if got, _ := f.srv.Partner(p.ID); got.Email != nil || *got.Phone != "1" || !got.UpdatedAt.After(p.UpdatedAt) {
		t.Fatalf("partner = %+v, want email cleared, phone set and updatedAt moved on", got)
	}

	if !f.srv.SetField(KindLink, l.ID, "externalId", strp("x")) || !f.srv.SetUTM(l.ID, UTM{Source: strp("s")}) {
		t.Fatal("changing a live link failed")
	}
	got := f.get(t, KindLink, "?id="+l.ID)[0]
	if got.str(t, "externalId") != "x" || got.raw("utm") != `{"source":"s","medium":null,"campaign":null,"term":null,"content":null,"referral":null}` || got.str(t, "shortId") != l.ShortID {
		t.Fatalf("the API answers %v", got)
	}
	if !f.srv.SetUTM(l.ID, UTM{}) || f.get(t, KindLink, "?id="+l.ID)[0].raw("utm") != "null" {
		t.Fatal("SetUTM(UTM{}) did not clear the utm")
	}

	for _, c := range []struct {
		k         Kind
		id, field string
	}{{KindTag, other.ID, "name"}, {KindPartner, p.ID, "name"}, {KindLink, l.ID, "title"}} {
		if !f.srv.Delete(c.k, c.id) || f.srv.Delete(c.k, c.id) {
			t.Fatalf("Delete(%s) did not delete exactly once", c.k)
		}
		if f.srv.SetField(c.k, c.id, c.field, strp("x")) {
			t.Fatalf("SetField changed a deleted %s", c.k)
		}
		if got := f.get(t, c.k, "?id="+c.id); len(got) != 0 {
			t.Fatalf("GET of an out-of-band deleted %s = %v", c.k, got)
		}
	}
	// The API tells the soft from the permanent deletion apart.
	f.do(t, "DELETE", "/api/partners", f.all, fmt.Sprintf(`[%q]`, p.ID)).wantError(t, http.StatusBadRequest, "already deleted")
	f.do(t, "DELETE", "/api/tags", f.all, fmt.Sprintf(`[%q]`, other.ID)).wantError(t, http.StatusBadRequest, "unknown tag id")
	if f.srv.SetUTM(l.ID, UTM{}) {
		t.Fatal("SetUTM changed a deleted link")
	}
}

func TestRecorder_TellsKindsApart(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.get(t, KindTag, "")
	f.put(t, KindTag, `[{"name":"a"}]`)
	f.put(t, KindPartner, `[{"name":"a"}]`)
	f.get(t, KindCollection, "")
	f.do(t, "GET", "/api/nope", f.all, "")

	if got := f.srv.RequestsFor(KindTag, ""); len(got) != 2 || got[0].Method != "GET" || got[1].Method != "PUT" {
		t.Fatalf("RequestsFor(tags) = %+v", got)
	}
	if got := f.srv.RequestsFor(KindTag, "PUT"); len(got) != 1 || string(got[0].Body) != `[{"name":"a"}]` {
		t.Fatalf("RequestsFor(tags, PUT) = %+v", got)
	}
	if got := f.srv.RequestsFor(KindLink, ""); len(got) != 0 {
		t.Fatalf("RequestsFor(links) = %+v", got)
	}
	if got := f.srv.RequestsMatching("PUT"); len(got) != 2 {
		t.Fatalf("RequestsMatching(PUT) = %d requests, want both kinds", len(got))
	}
	var kinds []string
	for _, r := range f.srv.Requests() {
		k, ok := r.Kind()
		kinds = append(kinds, fmt.Sprintf("%s:%v", k, ok))
	}
	if want := []string{"tags:true", "tags:true", "partners:true", "collections:true", ":false"}; !slices.Equal(kinds, want) {
		t.Fatalf("Request.Kind() = %v, want %v", kinds, want)
	}
	st := f.srv.Stats()
	if st.Requests != 5 || st.ByMethod["GET"] != 3 || st.ByKind[KindTag]["PUT"] != 1 || st.ByKind[KindPartner]["PUT"] != 1 || len(st.ByKind) != 3 {
		t.Fatalf("stats = %+v", st)
	}
	if got := st.MethodCountsFor(KindTag); got != "GET 1, PUT 1" {
		t.Fatalf("MethodCountsFor(tags) = %q", got)
	}
	if got := st.MethodCountsFor(KindLink); got != "" {
		t.Fatalf("MethodCountsFor(links) = %q", got)
	}
	st.ByKind[KindTag]["PUT"] = 99
	if f.srv.Stats().ByKind[KindTag]["PUT"] != 1 {
		t.Fatal("editing the returned map changed the counters")
	}
}

func TestDebug_EndpointPerKind(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.SeedTag("t", "")
	f.srv.SeedPartner("p", nil, nil)
	f.srv.SeedLinks(2, linksCollection(t, f), "l")
	for k, want := range map[Kind]int{KindCollection: 1, KindTag: 1, KindPartner: 1, KindLink: 2} {
		if got := f.do(t, "GET", "/_mock/"+string(k), "", "").wantStatus(t, http.StatusOK).objs(t); len(got) != want {
			t.Errorf("/_mock/%s = %d objects, want %d", k, len(got), want)
		}
	}
	f.do(t, "GET", "/_mock/widgets", "", "").wantError(t, http.StatusNotFound, "/_mock/tags")
	if n := len(f.srv.Requests()); n != 0 {
		t.Fatalf("debug requests were recorded: %d", n)
	}
	r := f.do(t, "GET", "/_mock/stats", "", "").wantStatus(t, http.StatusOK)
	if !strings.Contains(string(r.body), `"byKind":{}`) {
		t.Fatalf("stats = %s, want an empty byKind", r.body)
	}
}

func TestKinds_PathsAndScopes(t *testing.T) {
	t.Parallel()
	if got := KindLink.Path(); got != "/api/links" {
		t.Fatalf("Path = %q", got)
	}
	if got := len(AllScopes()); got != 8 {
		t.Fatalf("AllScopes = %v", AllScopes())
	}
	if got := Kinds(); !slices.Equal(got, []Kind{KindCollection, KindTag, KindPartner, KindLink}) {
		t.Fatalf("Kinds = %v", got)
	}
}
