package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// TestAccProvider_InvalidSettingsFailAtPlan checks that every provider
// argument the API contract or the client limits is refused at plan time,
// with a diagnostic naming the argument, before any request is sent.
func TestAccProvider_InvalidSettingsFailAtPlan(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		setting string
		want    []string
	}{
		"request_timeout not a duration": {`request_timeout = "soon"`, []string{"Invalid Duration", `request_timeout must be a positive Go duration such as "30s" or "2m"; got "soon"`}},
		"request_timeout zero":           {`request_timeout = "0s"`, []string{"Invalid Duration", `got "0s"`}},
		"request_timeout negative":       {`request_timeout = "-1m"`, []string{"Invalid Duration", `got "-1m"`}},
		"max_retries too many":           {`max_retries = 101`, []string{"max_retries", "between 0 and 100"}},
		"max_retries negative":           {`max_retries = -1`, []string{"max_retries", "between 0 and 100"}},
		"max_batch_size zero":            {`max_batch_size = 0`, []string{"max_batch_size", "between 1 and 10000"}},
		"max_batch_size over the API":    {`max_batch_size = 10001`, []string{"max_batch_size", "between 1 and 10000"}},
		"plain http to a remote host":    {`endpoint = "http://hoko.example.com"`, []string{"Invalid Hoko Endpoint", "the API key would travel in clear text"}},
		"endpoint with credentials":      {`endpoint = "https://user:pw@hoko.to"`, []string{"Invalid Hoko Endpoint", "without credentials"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			mock := newMockHoko(t)
			endpoint := fmt.Sprintf("endpoint = %q", mock.URL)
			if strings.HasPrefix(tc.setting, "endpoint") {
				endpoint = ""
			}
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: fmt.Sprintf(`
provider "hoko" {
  api_key = %q
  %s
  %s
}
resource "hoko_collection" "test" { name = "Docs" }`, mock.Key, endpoint, tc.setting),
						PlanOnly:    true,
						ExpectError: errorMatching(tc.want...),
					},
				},
			})
			if n := len(mock.Requests()); n != 0 {
				t.Errorf("mock received %d requests; the setting must be refused before any", n)
			}
		})
	}
}
