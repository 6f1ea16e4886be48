package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// TestAccLink_TwoHundredWithoutExternalIDConvergeUnderFaults applies 200
// links without external ids, some identical in every field, updates them
// all and destroys them, under the whole fault mix (lost answers included),
// with coalescing on and off. Nothing about such a link is unique, so a
// create re-sent after a lost answer would duplicate it; the state and the
// mock must agree exactly, and the mock must hold no link the state lacks.
func TestAccLink_TwoHundredWithoutExternalIDConvergeUnderFaults(t *testing.T) {
	t.Parallel()
	for mode, settings := range map[string]string{
		"coalesced":                "",
		"one request per resource": "batch_requests = false",
	} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			twoHundredLinksConverge(t, settings)
		})
	}
}

// identicalLinks is how many of the links share every field.
const identicalLinks = 40

func twoHundredLinksConverge(t *testing.T, providerSettings string) {
	const n = 200
	w := newLinkWorkspace(t)
	w.ProviderSettings = providerSettings
	w.SetFaults(faultMix(20241201))
	config := func(version string) string {
		return w.config(fmt.Sprintf(`
resource "hoko_link" "many" {
  count         = %d
  collection_id = %q
  url           = count.index < %d ? "https://example.com/same" : "https://example.com/${count.index}"
  title         = "%s"
  utm           = { source = "fault" }
}
`, n, w.spring.ID, identicalLinks, version))
	}
	converged := func(version string) statecheck.StateCheck {
		return stateFunc(func(req statecheck.CheckStateRequest) error {
			urls := map[string]string{} // id -> url in the state
			for _, r := range req.State.Values.RootModule.Resources {
				id, _ := r.AttributeValues["id"].(string)
				if _, dup := urls[id]; dup {
					return fmt.Errorf("two resources hold link %s", id)
				}
				urls[id], _ = r.AttributeValues["url"].(string)
			}
			live := w.Links()
			if len(urls) != n || len(live) != n {
				return fmt.Errorf("state holds %d links and the mock %d, want %d each", len(urls), len(live), n)
			}
			for _, l := range live {
				url, ok := urls[l.ID]
				switch {
				case !ok:
					return fmt.Errorf("mock holds link %s (%s), which no resource knows: a duplicate", l.ID, l.URL)
				case url != l.URL || l.Title == nil || *l.Title != version || l.UTM.Source == nil:
					return fmt.Errorf("mock holds %+v for %s, the state url %s and title %s", l, l.ID, url, version)
				}
			}
			t.Logf("%s: %s", version, faultFigures(w.mockHoko))
			return nil
		})
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config("v1"), ConfigStateChecks: []statecheck.StateCheck{converged("v1")}},
			{
				Config: config("v2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("hoko_link.many[0]", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("hoko_link.many[199]", plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{converged("v2")},
			},
			{
				// One of the identical links stands for all 200, still under
				// the fault mix: only its id tells it from 39 others. The
				// testing framework's state keys it hoko_link.many.0, not by
				// its address, so the id is looked up here.
				ResourceName:      "hoko_link.many[0]",
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					r, ok := s.RootModule().Resources["hoko_link.many.0"]
					if !ok {
						return "", fmt.Errorf("hoko_link.many[0] is not in the state")
					}
					return r.Primary.ID, nil
				},
			},
			{
				Config:  config("v2"),
				Destroy: true,
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(func() error {
					if left := len(w.Links()); left != 0 {
						return fmt.Errorf("after destroy the mock holds %d links", left)
					}
					return nil
				})},
			},
		},
	})
	st := w.Stats()
	if st.FaultsInjected == 0 || st.RateLimited == 0 {
		t.Fatalf("the fault mix never struck (%+v); the test proves nothing", st)
	}
	t.Logf("after destroy: %s; duplicates found 0", faultFigures(w.mockHoko))
}
