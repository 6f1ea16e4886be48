package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// tagScenarios describes hoko_tag to the shared resource scenarios.
var tagScenarios = resourceScenarios{
	kind:        tagKind,
	mockKind:    hokotest.KindTag,
	full:        `name = "Marketing"` + "\n" + `color = "blue"`,
	fullItem:    wireObject{"name": "Marketing", "color": "blue"},
	changed:     `name = "Campaigns"` + "\n" + `color = "green"`,
	changedItem: wireObject{"name": "Campaigns", "color": "green"},
	// Removing color sets the tag back to Hoko's default, which is sent.
	minimal:        `name = "Marketing"`,
	clearedItem:    wireObject{"name": "Marketing", "color": "slate"},
	outOfBand:      "color",
	outOfBandValue: "red",
	invalid: []invalidConfig{
		{`name = "   "`, []string{"Invalid Blank Value", "Hoko refuses a value of only spaces"}},
		{`name = "Marketing"` + "\n" + `color = "navy"`, []string{"Attribute color value must be one of", `"rose"`, `got: "navy"`}},
		{`name = ""`, []string{"Attribute name UTF-8 character count must be between 1 and 50, got: 0"}},
		{`name = "` + strings.Repeat("t", 51) + `"`, []string{"Attribute name UTF-8 character count must be between 1 and 50, got: 51"}},
	},
	seed:      func(m *scenarioMock) string { return m.SeedTag("Marketing", "blue").ID },
	seedNamed: func(m *scenarioMock, name string) string { return m.SeedTag(name, "").ID },
}

func TestAccTag_Scenarios(t *testing.T) {
	t.Parallel()
	tagScenarios.run(t)
}

func TestAccTag_Identity(t *testing.T) {
	t.Parallel()
	tagScenarios.identityAcceptance(t)
}

func TestProtocolTag_IdentityOnCreateReadUpdateAndVanish(t *testing.T) {
	t.Parallel()
	// Without a colour the plan holds Hoko's default, slate.
	tagScenarios.identityLifecycle(t,
		protocolValues{"name": str(new("Docs")), "color": str(new("blue"))},
		protocolValues{"name": str(new("Docs v2")), "color": str(nil)})
}

func TestProtocolTag_ImportByIDAndByIdentity(t *testing.T) {
	t.Parallel()
	tagScenarios.importByIDAndIdentity(t)
}

// tagFleetColors is the colour of a fault fleet's tags at each version.
var tagFleetColors = map[string]string{"v1": "blue", "v2": "green"}

// tagFleet is 100 tags named fault-000 ..., blue at v1 and green at v2.
var tagFleet = faultFleet{
	config: func(m *mockHoko, importID, version string) string {
		return m.fleetConfig("hoko_tag", importID, fmt.Sprintf(`  for_each = toset(local.keys)
  name     = each.key
  color    = %q`, tagFleetColors[version]))
	},
	adopt: func(m *mockHoko) string { return m.SeedTag("fault-000", "blue").ID },
	first: `hoko_tag.many["fault-000"]`,
	converged: func(m *mockHoko, version string) statecheck.StateCheck {
		return m.fleetConverged("hoko_tag", hokotest.KindTag, func(key string) wireObject {
			return wireObject{"name": key, "color": tagFleetColors[version]}
		})
	},
	updated:   expectAllUpdatedOf("hoko_tag", "fault", fleetSize),
	destroyed: func(m *mockHoko) statecheck.StateCheck { return m.noneLeft(hokotest.KindTag) },
}

// TestAccTag_HundredConvergeUnderFaults creates (one imported), recolours
// and destroys 100 tags under the fault mix: no tag is created twice or
// lost, with coalescing on and off.
func TestAccTag_HundredConvergeUnderFaults(t *testing.T) {
	t.Parallel()
	tagFleet.convergeUnderFaults(t)
}
