package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// linkScenarios describes hoko_link to the shared resource scenarios. A
// link points at a collection and may point at a partner: refs plants two
// of each, as the link workspace has them, for the configurations to use.
var linkScenarios = resourceScenarios{
	kind:     linkKind,
	mockKind: hokotest.KindLink,
	refs: func(m *hokotest.Server) map[string]string {
		return map[string]string{
			"spring": m.Seed("Spring", nil).ID, "autumn": m.Seed("Autumn", nil).ID,
			"acme": m.SeedPartner("Acme", nil, nil).ID, "globex": m.SeedPartner("Globex", nil, nil).ID,
		}
	},
	full: `url           = "https://example.com/spring-sale"
collection_id = "{{spring}}"
title         = "Spring sale"
description   = "Hero banner"
image         = "https://example.com/preview.png"
utm           = { source = "newsletter", medium = "email", campaign = "spring", term = "shoes", content = "hero", referral = "friend" }
external_id   = "crm-4711"
tenant_id     = "acme"
partner_id    = "{{acme}}"`,
	fullItem: wireObject{
		"url": "https://example.com/spring-sale", "collectionId": "{{spring}}",
		"title": "Spring sale", "description": "Hero banner", "image": "https://example.com/preview.png",
		"utm": map[string]any{"source": "newsletter", "medium": "email", "campaign": "spring", "term": "shoes",
			"content": "hero", "referral": "friend"},
		"externalId": "crm-4711", "tenantId": "acme", "partnerId": "{{acme}}",
	},
	// Every argument at once, the collection too: a move is in place.
	changed: `url           = "https://example.com/summer-sale"
collection_id = "{{autumn}}"
title         = "Summer sale"
description   = "Footer"
image         = "https://example.com/summer.png"
utm           = { source = "blog", medium = "social", campaign = "summer", term = "sandals", content = "footer", referral = "partner" }
external_id   = "crm-4712"
tenant_id     = "globex"
partner_id    = "{{globex}}"`,
	changedItem: wireObject{
		"url": "https://example.com/summer-sale", "collectionId": "{{autumn}}",
		"title": "Summer sale", "description": "Footer", "image": "https://example.com/summer.png",
		"utm": map[string]any{"source": "blog", "medium": "social", "campaign": "summer", "term": "sandals",
			"content": "footer", "referral": "partner"},
		"externalId": "crm-4712", "tenantId": "globex", "partnerId": "{{globex}}",
	},
	// Removing every optional argument sends each as an explicit null, the
	// whole utm too (TestAccLink_ClearEachOptionalByRemoval removes them one
	// by one, and a single utm key).
	minimal: `url           = "https://example.com/spring-sale"
collection_id = "{{spring}}"`,
	clearedItem: wireObject{
		"url": "https://example.com/spring-sale", "collectionId": "{{spring}}",
		"title": nil, "description": nil, "image": nil, "utm": nil, "externalId": nil, "tenantId": nil, "partnerId": nil,
	},
	outOfBand:      "url",
	outOfBandValue: "https://evil.example.com/",
	invalid: []invalidConfig{
		{linkWithURL(`"ftp://example.com/file"`), []string{"Invalid URL", "url", "must start with https:// or http://"}},
		{linkWithURL(`"example.com/spring"`), []string{"Invalid URL", "url", "must start with https:// or http://"}},
		{linkWithURL(`"https:///no-host"`), []string{"Invalid URL", "url", "it has no host"}},
		{linkWithURL(fmt.Sprintf("%q", "https://example.com/"+strings.Repeat("a", 2100))), []string{"Invalid URL", "url", "Hoko accepts at most 2048"}},
		{linkWithURL(`"https://example.com"` + "\n" + `image = "/preview.png"`), []string{"Invalid URL", "image", "must start with https:// or http://"}},
	},
	seed: func(m *scenarioMock) string {
		return m.SeedLink(hokotest.Link{
			URL: "https://example.com/spring-sale", CollectionID: m.ref("spring"),
			Title: new("Spring sale"), Description: new("Hero banner"), Image: new("https://example.com/preview.png"),
			UTM: hokotest.UTM{Source: new("newsletter"), Medium: new("email"), Campaign: new("spring"), Term: new("shoes"),
				Content: new("hero"), Referral: new("friend")},
			ExternalID: new("crm-4711"), TenantID: new("acme"), PartnerID: new(m.ref("acme")),
		}).ID
	},
	// A link's unique key is its external id.
	seedNamed: func(m *scenarioMock, externalID string) string {
		return m.SeedLink(hokotest.Link{URL: "https://example.com/" + externalID, CollectionID: m.ref("spring"),
			ExternalID: new(externalID)}).ID
	},
	keyed: func(externalID string) string {
		return linkWithURL(`"https://example.com/mine"`) + fmt.Sprintf("\nexternal_id = %q", externalID)
	},
	list: &linkListScenario,
}

// linkWithURL is a link in Spring to url, an HCL expression.
func linkWithURL(url string) string {
	return "url = " + url + "\ncollection_id = \"{{spring}}\""
}

func TestAccLink_Scenarios(t *testing.T) {
	t.Parallel()
	linkScenarios.run(t)
}

func TestAccLink_Identity(t *testing.T) {
	t.Parallel()
	linkScenarios.identityAcceptance(t)
}

func TestProtocolLink_IdentityOnCreateReadUpdateAndVanish(t *testing.T) {
	t.Parallel()
	linkScenarios.identityLifecycle(t,
		protocolValues{"url": str(new("https://example.com/a")), "collection_id": str(new("{{spring}}")), "title": str(new("A"))},
		protocolValues{"url": str(new("https://example.com/b")), "collection_id": str(new("{{autumn}}")), "title": str(nil),
			"partner_id": str(new("{{acme}}"))})
}

func TestProtocolLink_ImportByIDAndIdentity(t *testing.T) {
	t.Parallel()
	linkScenarios.importByIDAndIdentity(t)
}

// linkWorkspace is a mock with two collections and two partners for links
// to point at.
type linkWorkspace struct {
	*mockHoko
	spring, autumn hokotest.Collection
	acme, globex   hokotest.Partner
}

// newLinkWorkspace starts a mock holding the collections Spring and Autumn
// and the partners Acme and Globex.
func newLinkWorkspace(t *testing.T) linkWorkspace {
	t.Helper()
	m := newMockHoko(t)
	return linkWorkspace{mockHoko: m, spring: m.Seed("Spring", nil), autumn: m.Seed("Autumn", nil),
		acme: m.SeedPartner("Acme", nil, nil), globex: m.SeedPartner("Globex", nil, nil)}
}

// fullLink sets every configurable attribute of a link in w.spring.
func (w linkWorkspace) fullLink() linkAttrs {
	return linkAttrs{
		"url":           `"https://example.com/spring-sale"`,
		"collection_id": fmt.Sprintf("%q", w.spring.ID),
		"title":         `"Spring sale"`,
		"description":   `"Hero banner"`,
		"image":         `"https://example.com/preview.png"`,
		"utm":           `{ source = "newsletter", medium = "email", campaign = "spring", term = "shoes", content = "hero", referral = "friend" }`,
		"external_id":   `"crm-4711"`,
		"tenant_id":     `"acme"`,
		"partner_id":    fmt.Sprintf("%q", w.acme.ID),
	}
}

// fullLinkCreate is the PUT item that creates fullLink.
func (w linkWorkspace) fullLinkCreate() map[string]any {
	return map[string]any{
		"url": "https://example.com/spring-sale", "collectionId": w.spring.ID,
		"title": "Spring sale", "description": "Hero banner", "image": "https://example.com/preview.png",
		"utm": map[string]any{"source": "newsletter", "medium": "email", "campaign": "spring", "term": "shoes",
			"content": "hero", "referral": "friend"},
		"externalId": "crm-4711", "tenantId": "acme", "partnerId": w.acme.ID,
	}
}

// updateOf is the PUT item that updates the mock's only link to item's
// fields: create item fields plus the id and every field item lacks as
// null (utm keys included).
func (w linkWorkspace) updateOf(item map[string]any) map[string]any {
	out := map[string]any{"title": nil, "description": nil, "image": nil, "externalId": nil, "tenantId": nil,
		"partnerId": nil, "utm": nil}
	for k, v := range item {
		out[k] = v
	}
	if utm, ok := out["utm"].(map[string]any); ok {
		full := map[string]any{"source": nil, "medium": nil, "campaign": nil, "term": nil, "content": nil, "referral": nil}
		for k, v := range utm {
			full[k] = v
		}
		out["utm"] = full
	}
	if l, err := w.onlyLink(); err == nil {
		out["id"] = l.ID
	}
	return out
}

// expectLastUpdate checks that the last link PUT is the update to item's
// fields; it is built when the check runs, as the id is known only then.
func (w linkWorkspace) expectLastUpdate(t *testing.T, item map[string]any) mockCheck {
	return func() error { return w.expectLastLinkPut(t, w.updateOf(item))() }
}

func TestAccLink_CreateMinimalSendsOnlyWhatIsSet(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	minimal := linkAttrs{"url": `"https://example.com/a"`, "collection_id": fmt.Sprintf("%q", w.spring.ID)}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             w.checkNoLinkLeft,
		Steps: []resource.TestStep{
			{
				Config: w.linkConfig(minimal),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testLink, tfjsonpath.New("utm"), knownvalue.Null()),
					statecheck.ExpectKnownValue(testLink, tfjsonpath.New("title"), knownvalue.Null()),
					w.linkStateMatchesMock(),
					w.expectLastLinkPut(t, map[string]any{"url": "https://example.com/a", "collectionId": w.spring.ID}),
				},
			},
			{ResourceName: testLink, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccLink_UpdateEachAttributeInPlace(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	sameShortURL := statecheck.CompareValue(compare.ValuesSame())
	sameCreatedAt := statecheck.CompareValue(compare.ValuesSame())
	attrs, item := w.fullLink(), w.fullLinkCreate()
	utm := func(source string) map[string]any {
		return map[string]any{"source": source, "medium": "email", "campaign": "spring", "term": "shoes",
			"content": "hero", "referral": "friend"}
	}
	steps := []resource.TestStep{{
		Config: w.linkConfig(attrs),
		ConfigStateChecks: []statecheck.StateCheck{
			sameID.AddStateValue(testLink, tfjsonpath.New("id")),
			sameShortURL.AddStateValue(testLink, tfjsonpath.New("short_url")),
			sameCreatedAt.AddStateValue(testLink, tfjsonpath.New("created_at")),
		},
	}}
	for _, change := range []struct {
		attr, hcl, field string
		value            any
	}{
		{"url", `"https://example.com/summer"`, "url", "https://example.com/summer"},
		{"collection_id", fmt.Sprintf("%q", w.autumn.ID), "collectionId", w.autumn.ID},
		{"title", `"Summer sale"`, "title", "Summer sale"},
		{"description", `"Footer"`, "description", "Footer"},
		{"image", `"https://example.com/other.png"`, "image", "https://example.com/other.png"},
		{"utm", `{ source = "blog", medium = "email", campaign = "spring", term = "shoes", content = "hero", referral = "friend" }`,
			"utm", utm("blog")},
		{"external_id", `"crm-4712"`, "externalId", "crm-4712"},
		{"tenant_id", `"globex"`, "tenantId", "globex"},
		{"partner_id", fmt.Sprintf("%q", w.globex.ID), "partnerId", w.globex.ID},
	} {
		attrs = attrs.with(change.attr, change.hcl)
		item = copyWith(item, change.field, change.value)
		steps = append(steps, resource.TestStep{
			Config: w.linkConfig(attrs),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testLink, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(testLink, tfjsonpath.New("short_id"), knownvalue.StringRegexp(regexp.MustCompile(`^[A-Za-z0-9]{7}$`))),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(testLink, tfjsonpath.New("id")),
				sameShortURL.AddStateValue(testLink, tfjsonpath.New("short_url")),
				sameCreatedAt.AddStateValue(testLink, tfjsonpath.New("created_at")),
				w.linkStateMatchesMock(),
				w.expectLastUpdate(t, item),
			},
		})
	}
	steps = append(steps, resource.TestStep{ResourceName: testLink, ImportState: true, ImportStateVerify: true})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             w.checkNoLinkLeft,
		Steps:                    steps,
	})
	if n := len(w.RequestsFor(hokotest.KindLink, http.MethodDelete)); n != 1 {
		t.Errorf("mock received %d link DELETEs, want only the final destroy's: every change is in place", n)
	}
}

func TestAccLink_ClearEachOptionalByRemoval(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	attrs, item := w.fullLink(), w.fullLinkCreate()
	steps := []resource.TestStep{{Config: w.linkConfig(attrs)}}
	for _, removal := range []struct {
		attr, hcl, field string
		value            any
	}{
		{"title", "", "title", nil},
		{"description", "", "description", nil},
		{"image", "", "image", nil},
		// One utm key: it is sent as null inside utm, the others as they are.
		{"utm", `{ medium = "email", campaign = "spring", term = "shoes", content = "hero", referral = "friend" }`,
			"utm", map[string]any{"medium": "email", "campaign": "spring", "term": "shoes", "content": "hero", "referral": "friend"}},
		{"external_id", "", "externalId", nil},
		{"tenant_id", "", "tenantId", nil},
		{"partner_id", "", "partnerId", nil},
		// The whole utm: "utm": null clears every key.
		{"utm", "", "utm", nil},
	} {
		attrs = attrs.with(removal.attr, removal.hcl)
		item = copyWith(item, removal.field, removal.value)
		want := item
		steps = append(steps, resource.TestStep{
			Config: w.linkConfig(attrs),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(testLink, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				w.linkStateMatchesMock(),
				w.expectLastUpdate(t, want),
			},
		})
	}
	steps = append(steps, resource.TestStep{
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(testLink, tfjsonpath.New("utm"), knownvalue.Null()),
			mockCheck(func() error {
				l, err := w.onlyLink()
				if err == nil && (l.UTM != hokotest.UTM{} || l.Title != nil || l.PartnerID != nil || l.ExternalID != nil) {
					err = fmt.Errorf("mock still holds %+v", l)
				}
				return err
			}),
		},
		Config: w.linkConfig(attrs),
	}, resource.TestStep{ResourceName: testLink, ImportState: true, ImportStateVerify: true})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             w.checkNoLinkLeft,
		Steps:                    steps,
	})
}

func TestAccLink_EmptyStringsAreNotNull(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	attrs := linkAttrs{"url": `"https://example.com/a"`, "collection_id": fmt.Sprintf("%q", w.spring.ID),
		"title": `""`, "description": `""`, "tenant_id": `""`, "utm": `{ source = "" }`}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             w.checkNoLinkLeft,
		Steps: []resource.TestStep{
			{
				Config: w.linkConfig(attrs),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testLink, tfjsonpath.New("title"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(testLink, tfjsonpath.New("utm").AtMapKey("source"), knownvalue.StringExact("")),
					w.linkStateMatchesMock(),
					w.expectLastLinkPut(t, map[string]any{"url": "https://example.com/a", "collectionId": w.spring.ID,
						"title": "", "description": "", "tenantId": "", "utm": map[string]any{"source": ""}}),
				},
			},
			{Config: w.linkConfig(attrs), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{ResourceName: testLink, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccLink_MoveBetweenCollections(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	sameShortID := statecheck.CompareValue(compare.ValuesSame())
	in := func(collection string) linkAttrs {
		return linkAttrs{"url": `"https://example.com/a"`, "collection_id": "hoko_collection." + collection + ".id"}
	}
	collections := `
import {
  to = hoko_collection.Spring
  id = "` + w.spring.ID + `"
}
resource "hoko_collection" "Spring" { name = "Spring" }
resource "hoko_collection" "Autumn" { name = "Autumn 2" }
`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.linkConfig(in("Spring"), collections),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(testLink, tfjsonpath.New("id")),
					sameShortID.AddStateValue(testLink, tfjsonpath.New("short_id")),
					statecheck.ExpectKnownValue(testLink, tfjsonpath.New("collection_id"), knownvalue.StringExact(w.spring.ID)),
				},
			},
			{
				Config: w.linkConfig(in("Autumn"), collections),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testLink, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(testLink, tfjsonpath.New("id")),
					sameShortID.AddStateValue(testLink, tfjsonpath.New("short_id")),
					statecheck.CompareValuePairs(testLink, tfjsonpath.New("collection_id"),
						"hoko_collection.Autumn", tfjsonpath.New("id"), compare.ValuesSame()),
					w.linkStateMatchesMock(),
					mockCheck(func() error {
						l, _ := w.onlyLink()
						autumn, _ := w.CollectionByName("Autumn 2")
						if l.CollectionID != autumn.ID {
							return fmt.Errorf("the mock's link is in collection %s, want Autumn 2 (%s)", l.CollectionID, autumn.ID)
						}
						return w.expectLastUpdate(t, map[string]any{"url": "https://example.com/a", "collectionId": autumn.ID})()
					}),
				},
			},
			{ResourceName: testLink, ImportState: true, ImportStateVerify: true},
		},
	})
	if n := len(w.RequestsFor(hokotest.KindLink, http.MethodDelete)); n != 1 {
		t.Errorf("mock received %d link DELETEs, want only the final destroy's: a move is in place", n)
	}
}

func TestAccLink_ChangedOutOfBandIsUpdatedBack(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	attrs := w.fullLink()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             w.checkNoLinkLeft,
		Steps: []resource.TestStep{
			{Config: w.linkConfig(attrs)},
			{
				PreConfig: func() {
					l, _ := w.onlyLink()
					other := "https://evil.example.com"
					if !w.SetField(hokotest.KindLink, l.ID, "url", &other) || !w.SetField(hokotest.KindLink, l.ID, "title", nil) ||
						!w.SetUTM(l.ID, hokotest.UTM{Source: new("changed")}) {
						t.Fatal("out-of-band change failed")
					}
				},
				Config: w.linkConfig(attrs),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testLink, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					w.linkStateMatchesMock(),
					w.expectLastUpdate(t, w.fullLinkCreate()),
				},
			},
			{Config: w.linkConfig(attrs), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{ResourceName: testLink, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccLink_ImportMalformedID(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      w.linkConfig(w.fullLink(), "import {\n  to = hoko_link.test\n  id = \"crm-4711\"\n}\n"),
			ExpectError: errorMatching("Invalid Link ID", `"crm-4711" is not a link id`),
		}},
	})
}

func TestAccLink_MissingCollectionOrPartnerIsNamed(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	const missing = "0b7e6a52-3c1d-4e8f-9a2b-5c6d7e8f9a0b"
	gone := w.SeedPartner("Gone", nil, nil)
	w.Delete(hokotest.KindPartner, gone.ID)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: w.linkConfig(w.fullLink().with("collection_id", fmt.Sprintf("%q", missing))),
				ExpectError: errorMatching("Collection Not Found", fmt.Sprintf("collection_id %q names no live collection", missing),
					"Server message"),
			},
			{
				Config:      w.linkConfig(w.fullLink().with("partner_id", fmt.Sprintf("%q", gone.ID))),
				ExpectError: errorMatching("Partner Not Found", fmt.Sprintf("partner_id %q names no live partner", gone.ID)),
			},
			{Config: w.linkConfig(w.fullLink())},
			{ResourceName: testLink, ImportState: true, ImportStateVerify: true},
			{
				// An update that moves the link to a missing collection is named too.
				Config:      w.linkConfig(w.fullLink().with("collection_id", fmt.Sprintf("%q", missing))),
				ExpectError: errorMatching("Collection Not Found", "collection_id"),
			},
		},
	})
}

func TestAccLink_DestroySendsDelete(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	var id string
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if err := w.checkNoLinkLeft(s); err != nil {
				return err
			}
			deletes := w.RequestsFor(hokotest.KindLink, http.MethodDelete)
			if len(deletes) != 1 || string(deletes[0].Body) != fmt.Sprintf("[%q]", id) {
				return fmt.Errorf("link DELETEs = %d, want one with body [%q]", len(deletes), id)
			}
			if _, ok := w.Collection(w.spring.ID); !ok {
				return fmt.Errorf("destroying the link touched its collection")
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: w.linkConfig(w.fullLink()),
				Check:  checkMock(func() error { l, err := w.onlyLink(); id = l.ID; return err }),
			},
			{ResourceName: testLink, ImportState: true, ImportStateVerify: true},
		},
	})
}

// checkNoLinkLeft is a CheckDestroy: no live link is left on the mock.
func (m *mockHoko) checkNoLinkLeft(*terraform.State) error {
	if links := m.Links(); len(links) != 0 {
		return fmt.Errorf("after destroy the mock holds %d links", len(links))
	}
	return nil
}

// copyWith returns a copy of item with field set to value (nil: removed, as
// a create would leave it out and an update send it as null).
func copyWith(item map[string]any, field string, value any) map[string]any {
	out := map[string]any{}
	for k, v := range item {
		if k != field || value != nil {
			out[k] = v
		}
	}
	if value != nil {
		out[field] = value
	}
	return out
}
