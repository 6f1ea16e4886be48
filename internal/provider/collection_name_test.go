package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
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

// TestAccCollection_NameTakenBySiblingIsNotOfferedForImport gives two
// resources of one configuration the same name. The first creates the
// collection; the second must not be told to import it, which would put one
// collection under two resources (destroying either would delete it for
// both): it is told to rename one of them. b depends on a so that a's
// create has finished when b's fails. Then the hint for a collection this run
// does not manage still offers the import block, saying when not to use it.
func TestAccCollection_NameTakenBySiblingIsNotOfferedForImport(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	theirs := mock.Seed("Theirs", nil)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: mock.config(`
resource "hoko_collection" "a" { name = "Twin" }
resource "hoko_collection" "b" {
  name       = "Twin"
  depends_on = [hoko_collection.a]
}`),
				// No "{" between the facts and the server's message: no
				// import block.
				ExpectError: regexp.MustCompile(`(?s)Collection Name Already Taken.*with hoko_collection\.b,.*` +
					`Names\s+are\s+unique\s+per\s+workspace\.\s+Another\s+resource\s+of\s+this\s+configuration\s+manages\s+that\s+collection` +
					`[^{]*do\s+not\s+import\s+it;\s+give\s+one\s+of\s+them\s+another\s+name[^{]*Server\s+message:`),
			},
			{
				// A collection nobody in this run touched is offered for
				// import, with the caveat.
				Config: mock.config(`
resource "hoko_collection" "a" { name = "Twin" }
resource "hoko_collection" "c" { name = "Theirs" }`),
				ExpectError: errorMatching("Collection Name Already Taken", "with hoko_collection.c",
					"Choose another name, or, if no other resource of this configuration manages that collection, adopt it",
					"import {", "to = hoko_collection.<resource name>", `id = "`+theirs.ID+`"`, "If another resource does manage it (two resources "+
						"with the same name), give one of them another name instead"),
			},
			{ResourceName: "hoko_collection.a", ImportState: true, ImportStateVerify: true},
		},
	})
	// Destroying a deleted the one Twin; Theirs was never touched.
	if got := liveCollectionNames(mock); !slices.Equal(got, []string{"Links", "Theirs"}) {
		t.Errorf("after destroy the mock holds %q, want Links and Theirs", got)
	}
}

// liveCollectionNames returns the names of the mock's live collections,
// oldest first.
func liveCollectionNames(mock *mockHoko) []string {
	var names []string
	for _, c := range mock.Collections() {
		names = append(names, c.Name)
	}
	return names
}
