package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

const dataLink = "data.hoko_link.test"

func TestAccLinkDataSource_ByIDAndByExternalID(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	l := w.SeedLink(hokotest.Link{URL: "https://example.com/seeded", CollectionID: w.spring.ID, Title: new("Seeded"),
		Description: new(""), UTM: hokotest.UTM{Source: new("newsletter"), Content: new("hero")},
		ExternalID: new("crm-1"), TenantID: new("acme"), PartnerID: &w.acme.ID})
	w.SeedLink(hokotest.Link{URL: "https://example.com/other", CollectionID: w.spring.ID, ExternalID: new("crm-2")})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            w.config(fmt.Sprintf(`data "hoko_link" "test" { id = %q }`, l.ID)),
				ConfigStateChecks: expectLinkAttributes(dataLink, l),
			},
			{
				PreConfig:         w.ResetRequests,
				Config:            w.config(`data "hoko_link" "test" { external_id = "crm-1" }`),
				ConfigStateChecks: expectLinkAttributes(dataLink, l),
				Check: checkMock(func() error {
					// Hoko filters by external id: one GET per read, never the whole workspace.
					for _, q := range w.getQueries() {
						if q.Get("externalId") != "crm-1" {
							return fmt.Errorf("GET ?%s: want the externalId filter", q.Encode())
						}
					}
					return nil
				}),
			},
		},
	})
}

func TestAccLinkDataSource_Errors(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      w.config(`data "hoko_link" "test" { external_id = "nobody" }`),
				ExpectError: errorMatching("Link Not Found", `No live link with external id "nobody" exists`),
			},
			{
				Config:      w.config(`data "hoko_link" "test" { id = "0b7e6a52-3c1d-4e8f-9a2b-5c6d7e8f9a0b" }`),
				ExpectError: errorMatching("Link Not Found", `with id "0b7e6a52-3c1d-4e8f-9a2b-5c6d7e8f9a0b"`),
			},
			{
				Config:      w.config(`data "hoko_link" "test" {}`),
				ExpectError: errorMatching("Missing Attribute Configuration", "id", "external_id"),
			},
			{
				Config:      w.config(`data "hoko_link" "test" { id = "crm-1" }`),
				ExpectError: errorMatching("must be a link id"),
			},
		},
	})
}

func TestAccLinksDataSource_Filters(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	a := w.SeedLink(hokotest.Link{URL: "https://example.com/a", CollectionID: w.spring.ID, TenantID: new("acme"), PartnerID: &w.acme.ID})
	b := w.SeedLink(hokotest.Link{URL: "https://example.com/b", CollectionID: w.autumn.ID, TenantID: new("acme"), ExternalID: new("crm-b")})
	c := w.SeedLink(hokotest.Link{URL: "https://example.com/c", CollectionID: w.spring.ID, TenantID: new("globex"), PartnerID: &w.acme.ID})
	links := func(want ...hokotest.Link) []statecheck.StateCheck {
		checks := make([]knownvalue.Check, len(want))
		for i, l := range want {
			checks[i] = expectLink(l)
		}
		return []statecheck.StateCheck{statecheck.ExpectKnownValue("data.hoko_links.test", tfjsonpath.New("links"), knownvalue.ListExact(checks))}
	}
	step := func(filters string, want ...hokotest.Link) resource.TestStep {
		return resource.TestStep{
			PreConfig:         w.ResetRequests,
			Config:            w.config("data \"hoko_links\" \"test\" {\n" + filters + "\n}"),
			ConfigStateChecks: links(want...),
		}
	}
	collection := step(fmt.Sprintf("collection_id = %q", w.spring.ID), a, c)
	collection.Check = checkMock(func() error {
		// No collection filter in the API: every link is listed, and the
		// collection is kept here.
		return w.checkListingGETs("asc", 1)
	})
	tenant := step(`tenant_id = "acme"`, a, b)
	tenant.Check = checkMock(func() error {
		for _, q := range w.getQueries() {
			if q.Get("tenantId") != "acme" || q.Has("collectionId") {
				return fmt.Errorf("GET ?%s: want the tenantId filter", q.Encode())
			}
		}
		return nil
	})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step("", a, b, c),
			collection,
			tenant,
			step(fmt.Sprintf("partner_id = %q", w.acme.ID), a, c),
			step(`external_id = "crm-b"`, b),
			step(fmt.Sprintf("collection_id = %q\n tenant_id = \"acme\"", w.spring.ID), a),
			step(fmt.Sprintf("partner_id = %q", w.globex.ID)),
		},
	})
}

func TestAccLinksDataSource_EveryPage(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	// The one link of Spring is the newest, so it is on the second page of
	// a listing oldest first: the filter must read past the first page.
	w.SeedLinks(10_000, w.autumn.ID, "many")
	last := w.SeedLink(hokotest.Link{URL: "https://example.com/last", CollectionID: w.spring.ID})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: w.config(fmt.Sprintf(`data "hoko_links" "test" { collection_id = %q }`, w.spring.ID)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.hoko_links.test", tfjsonpath.New("links"),
					knownvalue.ListExact([]knownvalue.Check{expectLink(last)})),
			},
			Check: checkMock(func() error { return w.checkListingGETs("asc", 2) }),
		}},
	})
}
