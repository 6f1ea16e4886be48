package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// testProviderVersion is the version the test provider reports, and so the
// version its User-Agent carries.
const testProviderVersion = "test"

// testAccProtoV6ProviderFactories runs the provider in-process for the
// Terraform CLI that terraform-plugin-testing drives.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"hoko": NewServer(testProviderVersion),
}

// uuidRegexp matches a collection id in state checks.
var uuidRegexp = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// mockHoko is one test's own mock Hoko server, with a full-scope key.
type mockHoko struct {
	*hokotest.Server
	URL string
	Key string
	// ProviderSettings are extra provider arguments every configuration of
	// this server gets, such as "batch_requests = false".
	ProviderSettings string
	// maxBatchSize is the max_batch_size the provider is configured with
	// (zero: the default); see setMaxBatchSize.
	maxBatchSize int
}

// setMaxBatchSize configures the provider to send at most n items per
// request, and tells the checks of what this server received to expect it.
func (m *mockHoko) setMaxBatchSize(n int) {
	m.maxBatchSize = n
	m.ProviderSettings = fmt.Sprintf("max_batch_size = %d", n)
}

// batchSize returns the most items the provider sends in one request.
func (m *mockHoko) batchSize() int {
	if m.maxBatchSize > 0 {
		return m.maxBatchSize
	}
	return defaultMaxBatchSize
}

// newMockHoko starts a mock Hoko server for one test; tests never share one,
// so they can run in parallel and assert exactly what their server received.
func newMockHoko(t *testing.T) *mockHoko {
	t.Helper()
	srv := hokotest.NewServer()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &mockHoko{Server: srv, URL: ts.URL, Key: srv.NewKey(hokotest.AllScopes()...)}
}

// config prefixes a configuration with a provider block for this server.
func (m *mockHoko) config(body string) string {
	return m.configWithKey(m.Key, body)
}

// configWithKey is config with another API key. It names the provider's
// source itself: terraform-plugin-testing adds that only to some steps (not
// to an import step with a configuration of its own), and without it the CLI
// looks for hashicorp/hoko in a registry.
func (m *mockHoko) configWithKey(key, body string) string {
	return fmt.Sprintf(`
terraform {
  required_providers {
    hoko = { source = %q }
  }
}

provider "hoko" {
  endpoint = %q
  api_key  = %q
  %s
}
`, testProviderSource(), m.URL, key, m.ProviderSettings) + body
}

// testProviderSource is the address terraform-plugin-testing serves the
// provider under (TF_ACC_PROVIDER_HOST and TF_ACC_PROVIDER_NAMESPACE, which
// TestMain sets).
func testProviderSource() string {
	host := os.Getenv(resource.EnvTfAccProviderHost)
	if host == "" {
		host = "registry.terraform.io"
	}
	return host + "/" + os.Getenv(resource.EnvTfAccProviderNamespace) + "/hoko"
}

// putBodies decodes the bodies of every PUT, the provider's only write with
// objects in its body, in order.
func (m *mockHoko) putBodies(t *testing.T) [][]map[string]any {
	t.Helper()
	var bodies [][]map[string]any
	for _, req := range m.RequestsMatching(http.MethodPut) {
		var items []map[string]any
		if err := json.Unmarshal(req.Body, &items); err != nil {
			t.Fatalf("PUT body %s is not an array of objects: %v", req.Body, err)
		}
		bodies = append(bodies, items)
	}
	return bodies
}

// checkMock adapts an assertion on the mock server to a step check, so a test
// step can assert what the server holds and received after Terraform ran.
func checkMock(assert func() error) resource.TestCheckFunc {
	return func(*terraform.State) error { return assert() }
}

// checkOnlyDefaultCollectionLeft is a CheckDestroy: after destroy the mock
// holds nothing but the workspace's default Links collection.
func (m *mockHoko) checkOnlyDefaultCollectionLeft(*terraform.State) error {
	var names []string
	for _, c := range m.Collections() {
		names = append(names, c.Name)
	}
	if !slices.Equal(names, []string{"Links"}) {
		return fmt.Errorf("after destroy the mock holds %q, want only the default Links collection", names)
	}
	return nil
}

// errorMatching returns a pattern for ExpectError that finds each part in
// order. Terraform wraps diagnostics to the terminal width, so any run of
// white space in a part matches any run of white space (line breaks too).
func errorMatching(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, part := range parts {
		words := strings.Fields(part)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		quoted[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}

func TestAccProvider_MissingKeyFailsAtConfigure(t *testing.T) {
	t.Setenv(envAPIKey, "")
	mock := newMockHoko(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
provider "hoko" {
  endpoint = %q
}
resource "hoko_collection" "test" { name = "Docs" }`, mock.URL),
				ExpectError: errorMatching("Missing Hoko API Key", "Set api_key in the provider block or the HOKO_API_KEY environment variable"),
			},
		},
	})
	if n := len(mock.Requests()); n != 0 {
		t.Errorf("mock received %d requests, want none: the missing key must be caught before any call", n)
	}
}

func TestAccProvider_PlainHTTPToRemoteHostRefused(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
provider "hoko" {
  endpoint = "http://hoko.example.com"
  api_key  = "some-key"
}
resource "hoko_collection" "test" { name = "Docs" }`,
				ExpectError: errorMatching("Invalid Hoko Endpoint", "the API key would travel in clear text"),
			},
		},
	})
}

func TestAccProvider_ReadsEnvironment(t *testing.T) {
	mock := newMockHoko(t)
	t.Setenv(envEndpoint, mock.URL)
	t.Setenv(envAPIKey, mock.Key)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: `
provider "hoko" {}
resource "hoko_collection" "test" { name = "From Env" }`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("name"), knownvalue.StringExact("From Env")),
				},
				Check: checkMock(func() error {
					if _, ok := mock.CollectionByName("From Env"); !ok {
						return fmt.Errorf("the collection is not on the mock named by %s", envEndpoint)
					}
					return nil
				}),
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccProvider_InvalidTuningEnvironmentFailsAtConfigure(t *testing.T) {
	for env, want := range map[string][]string{
		envMaxRetries:     {"Invalid Max Retries Setting", "HOKO_MAX_RETRIES must be a whole number from 0 to 100", `"lots"`},
		envMaxBatchSize:   {"Invalid Max Batch Size Setting", "HOKO_MAX_BATCH_SIZE must be a whole number from 1 to 10000", `"lots"`},
		envBatchRequests:  {"Invalid Batch Requests Setting", "HOKO_BATCH_REQUESTS must be true or false", `"lots"`},
		envRequestTimeout: {"Invalid Request Timeout", "must be a positive Go duration", `"lots"`},
	} {
		t.Run(env, func(t *testing.T) {
			t.Setenv(env, "lots")
			mock := newMockHoko(t)
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      mock.config(`resource "hoko_collection" "test" { name = "Docs" }`),
					ExpectError: errorMatching(want...),
				}},
			})
			if n := len(mock.Requests()); n != 0 {
				t.Errorf("mock received %d requests, want none: a bad setting must be caught before any call", n)
			}
		})
	}
}

func TestAccProvider_TuningFromEnvironmentReachesTheClient(t *testing.T) {
	// With retries off, a failing read is reported after one attempt; the
	// default (10 retries) would send it again and again.
	t.Setenv(envMaxRetries, "0")
	mock := newMockHoko(t)
	existing := mock.Seed("Docs", nil)
	mock.SetFaults(hokotest.Faults{Seed: 1, FailBeforeWrite: 1})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: mock.config(fmt.Sprintf(`
import {
  to = hoko_collection.test
  id = %q
}
resource "hoko_collection" "test" { name = "Docs" }`, existing.ID)),
			ExpectError: errorMatching("HTTP 500"),
		}},
	})
	if n := len(mock.RequestsMatching(http.MethodGet)); n != 1 {
		t.Errorf("mock received %d GETs, want 1: %s=0 must turn retries off", n, envMaxRetries)
	}
}
