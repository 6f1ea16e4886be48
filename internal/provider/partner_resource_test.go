package provider

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// partnerScenarios describes hoko_partner to the shared resource scenarios.
var partnerScenarios = resourceScenarios{
	kind:        partnerKind,
	mockKind:    hokotest.KindPartner,
	full:        `name = "Acme"` + "\n" + `email = "team@acme.example"` + "\n" + `phone = "+1234567890"`,
	fullItem:    wireObject{"name": "Acme", "email": "team@acme.example", "phone": "+1234567890"},
	changed:     `name = "Acme Corp"` + "\n" + `email = "sales@acme.example"` + "\n" + `phone = "+1987654321"`,
	changedItem: wireObject{"name": "Acme Corp", "email": "sales@acme.example", "phone": "+1987654321"},
	// Removing email and phone sends them as explicit nulls.
	minimal:        `name = "Acme"`,
	clearedItem:    wireObject{"name": "Acme", "email": nil, "phone": nil},
	outOfBand:      "email",
	outOfBandValue: "someone@else.example",
	invalid: []invalidConfig{
		{`name = "   "`, []string{"Invalid Blank Value", "Hoko refuses a value of only spaces"}},
		{`name = "Acme"` + "\n" + `email = "acme.example"`, []string{"Attribute email must be an email address"}},
		{`name = "Acme"` + "\n" + `email = "team @acme.example"`, []string{"Attribute email must be an email address"}},
		{`name = "` + strings.Repeat("p", 101) + `"`, []string{"Attribute name UTF-8 character count must be between 1 and 100, got: 101"}},
	},
	seed: func(m *scenarioMock) string {
		return m.SeedPartner("Acme", new("team@acme.example"), new("+1234567890")).ID
	},
	seedNamed: func(m *scenarioMock, name string) string { return m.SeedPartner(name, nil, nil).ID },
}

func TestAccPartner_Scenarios(t *testing.T) {
	t.Parallel()
	partnerScenarios.run(t)
}

// TestAccPartner_SharedNameIsTwoPartners manages two partners of the same
// name: names are not unique, so each resource creates and keeps its own.
func TestAccPartner_SharedNameIsTwoPartners(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	differentIDs := statecheck.CompareValue(compare.ValuesDiffer())
	config := mock.config(`
resource "hoko_partner" "first" { name = "Acme" }
resource "hoko_partner" "second" {
  name  = "Acme"
  email = "second@acme.example"
}`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkNoneLeft(hokotest.KindPartner),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					differentIDs.AddStateValue("hoko_partner.first", tfjsonpath.New("id")),
					differentIDs.AddStateValue("hoko_partner.second", tfjsonpath.New("id")),
					mockCheck(func() error {
						if n := mock.Count(hokotest.KindPartner); n != 2 {
							return fmt.Errorf("mock holds %d partners, want two named Acme", n)
						}
						return nil
					}),
				},
			},
			{ResourceName: "hoko_partner.first", ImportState: true, ImportStateVerify: true},
			{ResourceName: "hoko_partner.second", ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccPartner_Identity(t *testing.T) {
	t.Parallel()
	partnerScenarios.identityAcceptance(t)
}

func TestProtocolPartner_IdentityOnCreateReadUpdateAndVanish(t *testing.T) {
	t.Parallel()
	partnerScenarios.identityLifecycle(t,
		protocolValues{"name": str(new("Acme")), "email": str(new("team@acme.example")), "phone": str(new("+1234567890"))},
		protocolValues{"name": str(new("Acme Corp")), "email": str(nil), "phone": str(nil)})
}

func TestProtocolPartner_ImportByIDAndByIdentity(t *testing.T) {
	t.Parallel()
	partnerScenarios.importByIDAndIdentity(t)
}

// partnerFleet is 100 partners keyed fault-000 ... that share ten names
// ("Partner 00" to "Partner 09", ten partners each), so that nothing but
// their ids tells them apart on Hoko; the email names the version and the
// key, for the checks alone.
var partnerFleet = faultFleet{
	config: func(m *mockHoko, importID, version string) string {
		return m.fleetConfig("hoko_partner", importID, fmt.Sprintf(`  for_each = { for i, k in local.keys : k => format("Partner %%02d", i %% 10) }
  name     = each.value
  email    = "%s-${each.key}@example.com"
  phone    = "+1-555-%s"`, version, version))
	},
	adopt: func(m *mockHoko) string {
		return m.SeedPartner("Partner 00", new("v1-fault-000@example.com"), new("+1-555-v1")).ID
	},
	first: `hoko_partner.many["fault-000"]`,
	converged: func(m *mockHoko, version string) statecheck.StateCheck {
		return m.fleetConverged("hoko_partner", hokotest.KindPartner, func(key string) wireObject {
			i, _ := strconv.Atoi(strings.TrimPrefix(key, "fault-"))
			return wireObject{
				"name":  fmt.Sprintf("Partner %02d", i%10),
				"email": version + "-" + key + "@example.com",
				"phone": "+1-555-" + version,
			}
		})
	},
	updated:   expectAllUpdatedOf("hoko_partner", "fault", fleetSize),
	destroyed: func(m *mockHoko) statecheck.StateCheck { return m.noneLeft(hokotest.KindPartner) },
}

// TestAccPartner_HundredSharingNamesConvergeUnderFaults creates (one
// imported), updates and destroys 100 partners that share ten names under
// the fault mix, with coalescing on and off. A lost create of a partner
// cannot be settled by its name; a duplicate would show as a live partner
// no instance knows.
func TestAccPartner_HundredSharingNamesConvergeUnderFaults(t *testing.T) {
	t.Parallel()
	partnerFleet.convergeUnderFaults(t)
}
