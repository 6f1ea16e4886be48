package hokotest

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// shortIDPattern is the shape of the mock's short ids.
var shortIDPattern = regexp.MustCompile(`^[A-Za-z0-9]{7}$`)

// linksCollection returns the id of the workspace's Links collection.
func linksCollection(t *testing.T, f *fixture) string {
	t.Helper()
	c, ok := f.srv.CollectionByName("Links")
	if !ok {
		t.Fatal("no Links collection")
	}
	return c.ID
}

func TestLinks_CreateWithEveryMember(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	col := linksCollection(t, f)
	p := f.srv.SeedPartner("p", nil, nil)
	body := fmt.Sprintf(`[{"url":"https://example.com/spring","collectionId":%q,"title":"Spring","description":"Hero",
		"image":"https://example.com/p.png","utm":{"source":"news","medium":"email"},"externalId":"crm-1",
		"tenantId":"acme","partnerId":%q}]`, col, strings.ToUpper(p.ID))
	o := f.put(t, KindLink, body)[0]
	keys := keysOf(o)
	slices.Sort(keys)
	want := []string{"collectionId", "createdAt", "description", "externalId", "id", "image", "partnerId", "qrCodeUrl",
		"shortId", "shortUrl", "tenantId", "title", "updatedAt", "url", "utm"}
	if !slices.Equal(keys, want) {
		t.Fatalf("members = %v, want %v", keys, want)
	}
	for k, v := range map[string]string{"url": "https://example.com/spring", "collectionId": col, "title": "Spring",
		"description": "Hero", "image": "https://example.com/p.png", "externalId": "crm-1", "tenantId": "acme", "partnerId": p.ID} {
		if got := o.str(t, k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if got := o.raw("utm"); got != `{"source":"news","medium":"email","campaign":null,"term":null,"content":null,"referral":null}` {
		t.Errorf("utm = %s, want every key with the unset ones null", got)
	}
	sid := o.str(t, "shortId")
	if !shortIDPattern.MatchString(sid) || o.str(t, "shortUrl") != "https://hoko.to/"+sid || o.str(t, "qrCodeUrl") != "https://hoko.to/"+sid+"?qr=1" {
		t.Errorf("short link members = %s, %s, %s", o.raw("shortId"), o.raw("shortUrl"), o.raw("qrCodeUrl"))
	}
	l, ok := f.srv.Link(o.str(t, "id"))
	if !ok || l.ShortID != sid || l.ShortURL() != o.str(t, "shortUrl") || l.QRCodeURL() != o.str(t, "qrCodeUrl") || *l.UTM.Medium != "email" || l.UTM.Term != nil {
		t.Fatalf("stored %+v", l)
	}
}

func TestLinks_UnsetMembersAreNull(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	o := f.put(t, KindLink, fmt.Sprintf(`[{"url":"http://a.example","collectionId":%q}]`, linksCollection(t, f)))[0]
	for _, k := range []string{"title", "description", "image", "utm", "externalId", "tenantId", "partnerId"} {
		if got := o.raw(k); got != "null" {
			t.Errorf("unset %s = %q, want null", k, got)
		}
	}
}

func TestLinks_ShortIDNeverChanges(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := f.srv.Seed("other", nil)
	o := f.put(t, KindLink, fmt.Sprintf(`[{"url":"https://a.example","collectionId":%q}]`, linksCollection(t, f)))[0]
	id, sid := o.str(t, "id"), o.str(t, "shortId")
	for _, change := range []string{`"url":"https://b.example"`, fmt.Sprintf(`"collectionId":%q`, other.ID), `"title":"t","utm":{"source":"s"}`} {
		got := f.put(t, KindLink, fmt.Sprintf(`[{"id":%q,%s}]`, id, change))[0]
		if got.str(t, "shortId") != sid || got.str(t, "shortUrl") != "https://hoko.to/"+sid {
			t.Fatalf("after %s: shortId %s, want %s kept", change, got.raw("shortId"), sid)
		}
	}
	if l, _ := f.srv.Link(id); l.CollectionID != other.ID || l.URL != "https://b.example" {
		t.Fatalf("the link did not move in place: %+v", l)
	}
	second := f.put(t, KindLink, fmt.Sprintf(`[{"url":"https://a.example","collectionId":%q}]`, other.ID))[0]
	if second.str(t, "shortId") == sid {
		t.Fatal("two links share a short id")
	}
}

func TestLinks_URLValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	col := linksCollection(t, f)
	long := "https://example.com/" + strings.Repeat("a", maxURLRunes-len("https://example.com/"))
	cases := []struct {
		url, want string
	}{
		{"ftp://example.com", "must be an absolute http or https URL"},
		{"example.com/path", "must be an absolute http or https URL"},
		{"/relative", "must be an absolute http or https URL"},
		{"https://", "must have a host"},
		{"http:///path", "must have a host"},
		{"https://exa mple.com", "is not a valid URL"},
		{long + "a", "at most 2048 characters"},
		{"", "must be an absolute"},
	}
	for _, tc := range cases {
		for _, member := range []string{"url", "image"} {
			t.Run(member+" "+tc.url, func(t *testing.T) {
				body := fmt.Sprintf(`[{"url":"https://ok.example","collectionId":%q,%q:%q}]`, col, member, tc.url)
				f.do(t, "PUT", "/api/links", f.all, body).wantError(t, http.StatusBadRequest, member+" ")
				f.do(t, "PUT", "/api/links", f.all, body).wantError(t, http.StatusBadRequest, tc.want)
			})
		}
	}
	if n := f.srv.Count(KindLink); n != 0 {
		t.Fatalf("refused links were created: %d", n)
	}
	for _, ok := range []string{long, "HTTPS://Example.COM", "http://127.0.0.1:8080/x?y=1#z"} {
		f.put(t, KindLink, fmt.Sprintf(`[{"url":%q,"image":%q,"collectionId":%q}]`, ok, ok, col))
	}
}

func TestLinks_References(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	col := linksCollection(t, f)
	gone := f.srv.Seed("gone", nil)
	f.srv.SoftDelete(gone.ID)
	partner := f.srv.SeedPartner("p", nil, nil)
	oldPartner := f.srv.SeedPartner("old", nil, nil)
	f.srv.Delete(KindPartner, oldPartner.ID)
	link := f.srv.SeedLink(Link{URL: "https://a.example", CollectionID: col})
	unknown := "550e8400-e29b-41d4-a716-446655440000"
	cases := []struct {
		name, body, want string
	}{
		{"no collection", `[{"url":"https://a.example"}]`, "collectionId is required to create a link"},
		{"no url", fmt.Sprintf(`[{"collectionId":%q}]`, col), "url is required to create a link"},
		{"malformed collection", `[{"url":"https://a.example","collectionId":"c1"}]`, "malformed collectionId \"c1\" at item 0: it must be a collection id"},
		{"unknown collection", fmt.Sprintf(`[{"url":"https://a.example","collectionId":%q}]`, unknown), "is not a live collection"},
		{"deleted collection", fmt.Sprintf(`[{"url":"https://a.example","collectionId":%q}]`, gone.ID), "is not a live collection"},
		{"unknown partner", fmt.Sprintf(`[{"url":"https://a.example","collectionId":%q,"partnerId":%q}]`, col, unknown), "is not a live partner"},
		{"deleted partner", fmt.Sprintf(`[{"id":%q,"partnerId":%q}]`, link.ID, oldPartner.ID), "is not a live partner"},
		{"collection null", fmt.Sprintf(`[{"id":%q,"collectionId":null}]`, link.ID), "collectionId cannot be null"},
		{"url null", fmt.Sprintf(`[{"id":%q,"url":null}]`, link.ID), "url cannot be null"},
		{"move to a deleted collection", fmt.Sprintf(`[{"id":%q,"collectionId":%q}]`, link.ID, gone.ID), "is not a live collection"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f.do(t, "PUT", "/api/links", f.all, tc.body).wantError(t, http.StatusBadRequest, tc.want)
		})
	}
	got := f.put(t, KindLink, fmt.Sprintf(`[{"id":%q,"partnerId":%q}]`, link.ID, partner.ID))[0]
	if got.str(t, "partnerId") != partner.ID {
		t.Fatalf("partnerId = %s", got.raw("partnerId"))
	}
	got = f.put(t, KindLink, fmt.Sprintf(`[{"id":%q,"partnerId":null}]`, link.ID))[0]
	if got.raw("partnerId") != "null" {
		t.Fatalf("null did not detach the partner: %s", got.raw("partnerId"))
	}

	// Deleting a collection or a partner leaves its links pointing at it.
	f.put(t, KindLink, fmt.Sprintf(`[{"id":%q,"partnerId":%q}]`, link.ID, partner.ID))
	f.srv.SoftDelete(col)
	f.srv.Delete(KindPartner, partner.ID)
	if l, _ := f.srv.Link(link.ID); l.CollectionID != col || l.PartnerID == nil || *l.PartnerID != partner.ID {
		t.Fatalf("deleting the collection and the partner changed the link: %+v", l)
	}
	// Updating other members of such a link still works: only what is sent is judged.
	f.put(t, KindLink, fmt.Sprintf(`[{"id":%q,"title":"still here"}]`, link.ID))
}

func TestLinks_NullClearsOptionalMembers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.srv.SeedPartner("p", nil, nil)
	l := f.srv.SeedLink(Link{URL: "https://a.example", CollectionID: linksCollection(t, f), Title: strp("t"), Description: strp("d"),
		Image: strp("https://i.example"), ExternalID: strp("x"), TenantID: strp("tn"), PartnerID: &p.ID})
	members := []string{"title", "description", "image", "externalId", "tenantId", "partnerId"}
	for _, m := range members {
		got := f.put(t, KindLink, fmt.Sprintf(`[{"id":%q,%q:null}]`, l.ID, m))[0]
		if got.raw(m) != "null" {
			t.Fatalf("%s after null = %s", m, got.raw(m))
		}
	}
	stored, _ := f.srv.Link(l.ID)
	if stored.Title != nil || stored.Description != nil || stored.Image != nil || stored.ExternalID != nil || stored.TenantID != nil || stored.PartnerID != nil {
		t.Fatalf("stored %+v, want every optional member cleared", stored)
	}
	got := f.put(t, KindLink, fmt.Sprintf(`[{"id":%q,"title":"","description":""}]`, l.ID))[0]
	if got.raw("title") != `""` || got.raw("description") != `""` {
		t.Fatalf("\"\" did not stay \"\": %s, %s", got.raw("title"), got.raw("description"))
	}
}

func TestLinks_ExternalIDIsUniqueAmongLiveLinks(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	col := linksCollection(t, f)
	a := f.srv.SeedLink(Link{URL: "https://a.example", CollectionID: col, ExternalID: strp("ext")})
	b := f.srv.SeedLink(Link{URL: "https://b.example", CollectionID: col})
	f.do(t, "PUT", "/api/links", f.all, fmt.Sprintf(`[{"url":"https://c.example","collectionId":%q,"externalId":"ext"}]`, col)).
		wantError(t, http.StatusBadRequest, `link externalId "ext" is already taken at item 0`)
	f.do(t, "PUT", "/api/links", f.all, fmt.Sprintf(`[{"id":%q,"externalId":"ext"}]`, b.ID)).
		wantError(t, http.StatusBadRequest, "already taken")
	f.do(t, "PUT", "/api/links", f.all, fmt.Sprintf(`[{"url":"https://c.example","collectionId":%q,"externalId":"n"},{"url":"https://d.example","collectionId":%q,"externalId":"n"}]`, col, col)).
		wantError(t, http.StatusBadRequest, "used by more than one item")

	// Moving the key from a to b in one batch works when a lets go first.
	f.put(t, KindLink, fmt.Sprintf(`[{"id":%q,"externalId":null},{"id":%q,"externalId":"ext"}]`, a.ID, b.ID))
	if got, _ := f.srv.LinkByExternalID("ext"); got.ID != b.ID {
		t.Fatalf("ext is held by %s, want %s", got.ID, b.ID)
	}
	// A deleted link frees its external id.
	f.do(t, "DELETE", "/api/links", f.all, fmt.Sprintf(`[%q]`, b.ID)).wantStatus(t, http.StatusOK)
	c := f.put(t, KindLink, fmt.Sprintf(`[{"url":"https://c.example","collectionId":%q,"externalId":"ext"}]`, col))[0]
	if got, _ := f.srv.LinkByExternalID("ext"); got.ID != c.str(t, "id") {
		t.Fatal("the external id of a deleted link could not be reused")
	}
}

func TestLinks_UTMIsMergedKeyByKey(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	l := f.srv.SeedLink(Link{URL: "https://a.example", CollectionID: linksCollection(t, f)})
	steps := []struct {
		patch, want string
	}{
		{`{"source":"news","medium":"email"}`, `{"source":"news","medium":"email","campaign":null,"term":null,"content":null,"referral":null}`},
		{`{"campaign":"spring"}`, `{"source":"news","medium":"email","campaign":"spring","term":null,"content":null,"referral":null}`},
		{`{"source":null}`, `{"source":null,"medium":"email","campaign":"spring","term":null,"content":null,"referral":null}`},
		{`{}`, `{"source":null,"medium":"email","campaign":"spring","term":null,"content":null,"referral":null}`},
		{`null`, `null`},
		{`{"referral":"r","term":"t","content":"c"}`, `{"source":null,"medium":null,"campaign":null,"term":"t","content":"c","referral":"r"}`},
		{`{"term":null,"content":null,"referral":null}`, `null`},
	}
	for i, s := range steps {
		got := f.put(t, KindLink, fmt.Sprintf(`[{"id":%q,"utm":%s}]`, l.ID, s.patch))[0]
		if got.raw("utm") != s.want {
			t.Fatalf("step %d (utm %s): utm = %s, want %s", i, s.patch, got.raw("utm"), s.want)
		}
	}
	// Leaving utm out changes nothing.
	f.put(t, KindLink, fmt.Sprintf(`[{"id":%q,"utm":{"source":"s"}}]`, l.ID))
	if got := f.put(t, KindLink, fmt.Sprintf(`[{"id":%q,"title":"x"}]`, l.ID))[0]; !strings.Contains(got.raw("utm"), `"source":"s"`) {
		t.Fatalf("an update without utm changed it: %s", got.raw("utm"))
	}
}

func TestLinks_UTMValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	col := linksCollection(t, f)
	cases := []struct {
		utm, want string
	}{
		{`{"Source":"x"}`, `unknown utm key "Source" at item 0`},
		{`{"utm_source":"x"}`, "unknown utm key"},
		{`{"source":1}`, "utm.source must be a string (got number)"},
		{`{"medium":{"a":"b"}}`, "utm.medium must be a string (got object)"},
		{`{"term":true}`, "utm.term must be a string (got boolean)"},
		{`"source=x"`, "utm must be an object or null (got string)"},
		{`["x"]`, "utm must be an object or null (got array)"},
	}
	for _, tc := range cases {
		t.Run(tc.utm, func(t *testing.T) {
			f.do(t, "PUT", "/api/links", f.all, fmt.Sprintf(`[{"url":"https://a.example","collectionId":%q,"utm":%s}]`, col, tc.utm)).
				wantError(t, http.StatusBadRequest, tc.want)
		})
	}
	if n := f.srv.Count(KindLink); n != 0 {
		t.Fatalf("refused links were created: %d", n)
	}
}

func TestLinks_GetFiltersCombineWithAnd(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	col := linksCollection(t, f)
	p1 := f.srv.SeedPartner("p1", nil, nil)
	p2 := f.srv.SeedPartner("p2", nil, nil)
	mk := func(ext, tenant string, partner *string) string {
		l := Link{URL: "https://a.example", CollectionID: col, PartnerID: partner}
		if ext != "" {
			l.ExternalID = &ext
		}
		if tenant != "" {
			l.TenantID = &tenant
		}
		return f.srv.SeedLink(l).ID
	}
	a := mk("a", "acme", &p1.ID)
	b := mk("b", "acme", &p2.ID)
	c := mk("", "acme", &p1.ID)
	d := mk("d", "other", nil)
	cases := []struct {
		query string
		want  []string // oldest first
	}{
		{"", []string{a, b, c, d}},
		{"tenantId=acme", []string{a, b, c}},
		{"partnerId=" + p1.ID, []string{a, c}},
		{"partnerId=" + strings.ToUpper(p1.ID), []string{a, c}},
		{"tenantId=acme&partnerId=" + p1.ID, []string{a, c}},
		{"tenantId=acme&partnerId=" + p1.ID + "&externalId=a", []string{a}},
		{"externalId=d&tenantId=acme", nil},
		{"externalId=d", []string{d}},
		{"externalId=", nil},
		{"tenantId=ACME", nil},
		{"id=" + a + "&tenantId=acme", []string{a}},
		{"id=" + a + "&tenantId=other", nil},
		{"tenantId=acme&take=2&skip=1", []string{b, c}},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			got := ids(t, f.get(t, KindLink, "?sort=asc&"+tc.query))
			if !slices.Equal(got, tc.want) && (len(got) != 0 || len(tc.want) != 0) {
				t.Fatalf("GET ?%s = %v, want %v", tc.query, got, tc.want)
			}
		})
	}
	f.do(t, "GET", "/api/links?partnerId=p1", f.all, "").wantError(t, http.StatusBadRequest, "malformed partnerId")
	// Filters are the links' own: other kinds ignore unknown parameters.
	if got := f.get(t, KindCollection, "?tenantId=none"); len(got) != 1 {
		t.Fatalf("collections with an unknown parameter = %v", got)
	}
}
