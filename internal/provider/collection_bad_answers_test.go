package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// TestAccCollection_BadAnswersGiveClearDiagnostics points the provider at a
// server that answers every request the same broken way, as a proxy, a login
// page or a failing gateway would. Each must end in a diagnostic that names
// the status and quotes the start of what came back, never a panic or a
// silent success; a create answered with an unreadable success is also
// flagged as possibly written.
func TestAccCollection_BadAnswersGiveClearDiagnostics(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		status      int
		contentType string
		body        string
		want        []string
	}{
		"malformed json": {http.StatusOK, "application/json", `[{"id":`, []string{
			"Hoko API Error", "may have reached Hoko", "HTTP 200: response is not the expected JSON",
			`response body starts: "[{\"id\":"`, "checking whether it was applied failed too"}},
		"html login page": {http.StatusOK, "text/html", "<html><body>Please log in</body></html>", []string{
			"Hoko API Error", `HTTP 200: response has content type "text/html"; expected JSON`,
			`response body starts: "<html><body>Please log in</body></html>"`}},
		"empty body": {http.StatusOK, "application/json", "", []string{
			"Hoko API Error", "HTTP 200: response body is empty; expected JSON"}},
		"html error page": {http.StatusServiceUnavailable, "text/html", "<html><body><h1>503 Service Unavailable</h1></body></html>", []string{
			"Hoko API Error", "HTTP 503: Service Unavailable", `response body starts: "<html><body><h1>503 Service Unavailable</h1></body></html>"`}},
		"json error without message": {http.StatusInternalServerError, "application/json", `{"status":"down"}`, []string{
			"Hoko API Error", "HTTP 500: Internal Server Error", `response body starts: "{\"status\":\"down\"}"`}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			t.Cleanup(broken.Close)
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: fmt.Sprintf(`
provider "hoko" {
  endpoint    = %q
  api_key     = "hoko_test_key"
  max_retries = 1
}
resource "hoko_collection" "test" { name = "Docs" }`, broken.URL),
						ExpectError: errorMatching(tc.want...),
					},
				},
			})
		})
	}
}
