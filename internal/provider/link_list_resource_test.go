package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// linkListScenario seeds four links across the collections, tenants,
// partners and external ids of linkScenarios' refs, so that each filter,
// and two together, finds a different set.
var linkListScenario = listScenario{
	seed: func(m *scenarioMock) []string {
		links := []hokotest.Link{
			{URL: "https://example.com/a", CollectionID: m.ref("spring"), Title: new("Sale A"), TenantID: new("acme"), ExternalID: new("crm-a")},
			{URL: "https://example.com/b", CollectionID: m.ref("autumn"), TenantID: new("acme"), PartnerID: new(m.ref("acme"))},
			{URL: "https://example.com/c", CollectionID: m.ref("spring"), PartnerID: new(m.ref("acme"))},
			{URL: "https://example.com/d", CollectionID: m.ref("autumn"), Title: new("Autumn D"), ExternalID: new("crm-d"),
				UTM: hokotest.UTM{Source: new("newsletter")}},
		}
		ids := make([]string, len(links))
		for i, l := range links {
			ids[i] = m.SeedLink(l).ID
		}
		return ids
	},
	queries: []queryBlock{
		{name: "spring", config: `collection_id = "{{spring}}"`, finds: []int{0, 2}},
		{name: "tenant", config: `tenant_id = "acme"`, finds: []int{0, 1}},
		{name: "partner", config: `partner_id = "{{acme}}"`, finds: []int{1, 2}},
		{name: "external", config: `external_id = "crm-d"`, finds: []int{3}},
		{name: "spring_tenant", config: "collection_id = \"{{spring}}\"\n    tenant_id = \"acme\"", finds: []int{0}},
	},
	// A link shows its title, or its destination when it has none.
	displayName: func(o wireObject) string {
		if title, ok := o["title"].(string); ok {
			return title
		}
		url, _ := o["url"].(string)
		return url
	},
}

func TestAccLinkList_Query(t *testing.T) {
	t.Parallel()
	linkScenarios.listAcceptance(t)
}

func TestProtocolLinkList_Filters(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	a := w.SeedLink(hokotest.Link{URL: "https://example.com/a", CollectionID: w.spring.ID, Title: new("Sale A"), TenantID: new("acme")})
	w.SeedLink(hokotest.Link{URL: "https://example.com/b", CollectionID: w.autumn.ID, TenantID: new("acme")})
	c := w.SeedLink(hokotest.Link{URL: "https://example.com/c", CollectionID: w.spring.ID, PartnerID: &w.acme.ID})
	p := newProtocolProvider(t, w.mockHoko)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

	results, diags := p.listWith("hoko_link", map[string]tftypes.Value{"collection_id": str(w.spring.ID)}, true, 100)
	requireNoErrors(t, "ListResource", diags)
	if len(results) != 2 {
		t.Fatalf("got %d results, want the 2 links of Spring", len(results))
	}
	for i, want := range []hokotest.Link{a, c} {
		got := results[i]
		name := want.URL
		if want.Title != nil {
			name = *want.Title
		}
		r := got.resource
		if got.displayName != name || got.identityID != want.ID || r["id"] != want.ID || r["url"] != want.URL ||
			r["collection_id"] != w.spring.ID || r["short_url"] != want.ShortURL() {
			t.Errorf("result %d = %q (%s) %v, want %q (%s) with url %s, short url %s", i, got.displayName, got.identityID, r,
				name, want.ID, want.URL, want.ShortURL())
		}
	}
	if err := w.checkListingGETs("asc", 1); err != nil {
		t.Error(err)
	}

	w.ResetRequests()
	results, diags = p.listWith("hoko_link", map[string]tftypes.Value{"tenant_id": str("acme"), "collection_id": str(w.spring.ID)}, false, 100)
	requireNoErrors(t, "ListResource", diags)
	if len(results) != 1 || results[0].identityID != a.ID || results[0].resource != nil {
		t.Errorf("tenant acme in Spring = %+v, want only %s without a resource object", results, a.ID)
	}
	for _, q := range w.getQueries() {
		if q.Get("tenantId") != "acme" {
			t.Errorf("GET ?%s: want the tenantId filter sent to Hoko", q.Encode())
		}
	}

	results, diags = p.listWith("hoko_link", map[string]tftypes.Value{"partner_id": str(w.acme.ID)}, false, 100)
	requireNoErrors(t, "ListResource", diags)
	if len(results) != 1 || results[0].identityID != c.ID {
		t.Errorf("partner Acme = %+v, want only %s", results, c.ID)
	}

	results, _ = p.listWith("hoko_link", map[string]tftypes.Value{}, false, 2)
	if len(results) != 2 {
		t.Errorf("limit 2 gave %d results", len(results))
	}
}
