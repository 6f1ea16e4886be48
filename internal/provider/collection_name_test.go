package provider

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccCollection_BlankNameFailsAtPlan refuses a name of only white space
// at plan time, before any request: it used to pass plan and fail the apply
// with Hoko's bare "Invalid request". A name with spaces around or inside
// other characters is still a name, and is created as written.
func TestAccCollection_BlankNameFailsAtPlan(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	steps := []resource.TestStep{}
	for _, blank := range []string{" ", "     ", "\t \n"} {
		steps = append(steps, resource.TestStep{
			Config:   mock.config(fmt.Sprintf(`resource "hoko_collection" "test" { name = %q }`, blank)),
			PlanOnly: true,
			ExpectError: errorMatching("Invalid Blank Value",
				"name must contain a character other than white space: Hoko refuses a value of only spaces", fmt.Sprintf("Got %q", blank)),
		})
	}
	steps = append(steps,
		resource.TestStep{
			Config: mock.config(`resource "hoko_collection" "test" { name = " Spaced  Out " }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("name"), knownvalue.StringExact(" Spaced  Out ")),
			},
			Check: checkMock(func() error {
				if n := len(mock.RequestsMatching(http.MethodPut)); n != 1 {
					return fmt.Errorf("mock received %d PUTs, want only the valid create", n)
				}
				return nil
			}),
		},
		resource.TestStep{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
	)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps:                    steps,
	})
}
