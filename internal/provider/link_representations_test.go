package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// The contract lets a server write a utm with no key set as null, {},
// an object of nulls or not at all, and leave out unset members and the
// short link members (whose names are unverified). Whatever it does, every
// plan after an apply must be empty.

func TestAccLink_UTMRepresentationsLeaveNoDiff(t *testing.T) {
	t.Parallel()
	for name, quirks := range map[string]hokotest.Quirks{
		"null":            {UnsetUTM: hokotest.UTMNull},
		"empty object":    {UnsetUTM: hokotest.UTMEmptyObject},
		"absent":          {UnsetUTM: hokotest.UTMAbsent},
		"object of nulls": {UnsetUTM: hokotest.UTMObjectOfNulls},
		"unset omitted":   {OmitUnset: true, UnsetUTM: hokotest.UTMAbsent},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			w := newLinkWorkspace(t)
			w.SetQuirks(quirks)
			base := linkAttrs{"url": `"https://example.com/a"`, "collection_id": fmt.Sprintf("%q", w.spring.ID)}
			empty := resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
			var steps []resource.TestStep
			for _, utm := range []string{"", `{ source = "newsletter", medium = "email" }`, `{ medium = "email" }`, `{}`, "", `{ term = "x" }`, ""} {
				steps = append(steps, resource.TestStep{
					Config:           w.linkConfig(base.with("utm", utm)),
					ConfigPlanChecks: empty,
					ConfigStateChecks: []statecheck.StateCheck{mockCheck(func() error {
						l, err := w.onlyLink()
						if err == nil && utm == "" && l.UTM != (hokotest.UTM{}) {
							err = fmt.Errorf("without utm the mock holds %+v", l.UTM)
						}
						return err
					})},
				})
			}
			steps = append(steps, resource.TestStep{ResourceName: testLink, ImportState: true, ImportStateVerify: true})
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             w.checkNoLinkLeft,
				Steps:                    steps,
			})
		})
	}
}

func TestAccLink_ShortLinkMembersAbsentAreNull(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	w.SetQuirks(hokotest.Quirks{OmitShortLinks: true})
	attrs := linkAttrs{"url": `"https://example.com/a"`, "collection_id": fmt.Sprintf("%q", w.spring.ID)}
	nullShort := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(testLink, tfjsonpath.New("short_id"), knownvalue.Null()),
		statecheck.ExpectKnownValue(testLink, tfjsonpath.New("short_url"), knownvalue.Null()),
		statecheck.ExpectKnownValue(testLink, tfjsonpath.New("qr_code_url"), knownvalue.Null()),
	}
	empty := resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             w.checkNoLinkLeft,
		Steps: []resource.TestStep{
			{Config: w.linkConfig(attrs), ConfigStateChecks: nullShort, ConfigPlanChecks: empty},
			{Config: w.linkConfig(attrs.with("title", `"T"`)), ConfigStateChecks: nullShort, ConfigPlanChecks: empty},
			{ResourceName: testLink, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccLink_ShortLinkKeptWhenAnUpdateAnswerLacksIt(t *testing.T) {
	t.Parallel()
	w := newLinkWorkspace(t)
	attrs := linkAttrs{"url": `"https://example.com/a"`, "collection_id": fmt.Sprintf("%q", w.spring.ID)}
	sameShortURL := statecheck.CompareValue(compare.ValuesSame())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             w.checkNoLinkLeft,
		Steps: []resource.TestStep{
			{Config: w.linkConfig(attrs), ConfigStateChecks: []statecheck.StateCheck{
				sameShortURL.AddStateValue(testLink, tfjsonpath.New("short_url")),
				statecheck.ExpectKnownValue(testLink, tfjsonpath.New("short_url"), knownvalue.NotNull()),
			}},
			{
				PreConfig: func() { w.SetQuirks(hokotest.Quirks{OmitShortLinks: true}) },
				Config:    w.linkConfig(attrs.with("title", `"T"`)),
				ConfigStateChecks: []statecheck.StateCheck{
					sameShortURL.AddStateValue(testLink, tfjsonpath.New("short_url")),
					mockCheck(func() error {
						l, err := w.onlyLink()
						if err == nil && l.Title == nil {
							err = fmt.Errorf("the update did not reach the mock")
						}
						return err
					}),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// With the short link back in every answer, an import reads
				// it afresh: it must be the one the state kept.
				PreConfig:         func() { w.SetQuirks(hokotest.Quirks{}) },
				ResourceName:      testLink,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}
