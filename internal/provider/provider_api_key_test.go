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

// TestAccProvider_APIKeyFromFileIsTrimmed configures the key as file()
// reads it, with a trailing line break (and a stray space before it). The
// provider sends the key without them: the create succeeds with one PUT,
// and every request carries exactly "Bearer <key>". Before, the key was
// never sent (net/http refuses the header), retried eleven times over half a
// minute and reported as a network failure.
func TestAccProvider_APIKeyFromFileIsTrimmed(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	config := mock.configWithKey(" "+mock.Key+" \n", `resource "hoko_collection" "test" { name = "Keyed From File" }`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("name"), knownvalue.StringExact("Keyed From File")),
				},
				Check: checkMock(func() error {
					if n := len(mock.RequestsMatching(http.MethodPut)); n != 1 {
						return fmt.Errorf("mock received %d PUTs, want 1", n)
					}
					for _, req := range mock.Requests() {
						if got := req.Header.Get("Authorization"); got != "Bearer "+mock.Key {
							return fmt.Errorf("%s carried Authorization %q, want the trimmed key", req.Method, got)
						}
					}
					return nil
				}),
			},
			{Config: config, ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

// TestAccProvider_APIKeyWithLineBreakInsideFailsAtConfigure configures a key
// broken over two lines, which no trimming can mend. Configure refuses it,
// naming api_key and where the line break is, without quoting the key, and
// nothing is sent.
func TestAccProvider_APIKeyWithLineBreakInsideFailsAtConfigure(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
provider "hoko" {
  endpoint    = %q
  api_key     = %q
  max_retries = 0
}
resource "hoko_collection" "test" { name = "Docs" }`, mock.URL, "hoko_live_first_half\nsecond_half"),
				ExpectError: errorMatching("Invalid Hoko API Key", "api_key or the HOKO_API_KEY environment variable",
					"line break at character 21", "Copy the key again as one line"),
			},
		},
	})
	if n := len(mock.Requests()); n != 0 {
		t.Errorf("mock received %d requests, want none: the key must be refused before any call", n)
	}
}
