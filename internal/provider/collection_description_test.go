package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccCollection_EmptyAndNullDescriptionDifferInThePlan pins what the docs
// say of "" and null: Terraform's human-readable plan hides a change between
// them (it lists description among the unchanged attributes, as Terraform
// 1.11 and 1.15 do), but the plan itself holds it: each change is an update,
// with the exact value planned, and the JSON of the plan (which plan checks
// read) tells the two apart.
func TestAccCollection_EmptyAndNullDescriptionDifferInThePlan(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	config := func(description string) string {
		return mock.config(fmt.Sprintf(`
resource "hoko_collection" "test" {
  name        = "Docs"
  description = %s
}`, description))
	}
	planned := func(want knownvalue.Check) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(testCollection, tfjsonpath.New("description"), want),
		}}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: config(`""`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("description"), knownvalue.StringExact("")),
				},
			},
			{
				Config:           config(`null`),
				ConfigPlanChecks: planned(knownvalue.Null()),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("description"), knownvalue.Null()),
				},
			},
			{
				Config:           config(`""`),
				ConfigPlanChecks: planned(knownvalue.StringExact("")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("description"), knownvalue.StringExact("")),
				},
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}
