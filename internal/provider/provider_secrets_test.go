package provider

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// TestAccProvider_KeyNeverInTraceLogs runs an apply, retries included, and a
// refused key, with Terraform's and the provider's logs at TRACE in one file
// (TF_ACC_LOG_PATH sets both), and asserts neither key appears anywhere in
// it but where the testing framework quotes the test's own configuration
// file. It cannot run in parallel: the log settings are environment
// variables.
func TestAccProvider_KeyNeverInTraceLogs(t *testing.T) {
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	mock := newMockHoko(t)
	// Faults make the client log retries and lookups too.
	mock.SetFaults(hokotest.Faults{Seed: 7, FailBeforeWrite: 0.3, FailAfterWrite: 0.2})
	wrongKey := "hoko_test_" + strings.Repeat("5ec7e7", 6)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: mock.configWithKey(wrongKey, `
resource "hoko_collection" "other" {
  name = "Never Created"
}`),
				ExpectError: errorMatching("Hoko API Key Rejected"),
			},
			{
				Config: mock.config(`
resource "hoko_collection" "test" {
  name        = "Secret Keeping"
  description = "logged at trace"
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("name"), knownvalue.StringExact("Secret Keeping")),
				},
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	logs := withoutConfigEcho(raw)
	// The check below can only fail if the logs hold what the provider
	// logged: its request lines, its retries, and the rejected key's 401.
	for _, want := range []string{"Hoko API request", "waiting before retrying", `status=401`} {
		if !bytes.Contains(logs, []byte(want)) {
			t.Fatalf("the trace log (%d bytes) lacks %q; it does not show the provider's logging", len(logs), want)
		}
	}
	for name, key := range map[string]string{"the API key": mock.Key, "the rejected key": wrongKey} {
		if i := bytes.Index(logs, []byte(key)); i >= 0 {
			t.Errorf("the trace log holds %s at byte %d: %q", name, i, logs[max(0, i-200):min(len(logs), i+len(key)+50)])
		}
	}
	t.Logf("searched %d bytes of TRACE logs: no key", len(logs))
}

// logEntryStart matches the timestamp that starts every log entry.
var logEntryStart = regexp.MustCompile(`(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d`)

// withoutConfigEcho drops the testing framework's own TRACE entries that
// quote each step's configuration file, which holds the key as the test
// wrote it. Terraform and the provider are held to the rest.
func withoutConfigEcho(logs []byte) []byte {
	var kept bytes.Buffer
	starts := logEntryStart.FindAllIndex(logs, -1)
	for i, start := range starts {
		end := len(logs)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		entry := logs[start[0]:end]
		if !bytes.Contains(entry, []byte("sdk.helper_resource: Setting Terraform configuration")) {
			kept.Write(entry)
		}
	}
	return kept.Bytes()
}

// TestAccProvider_RedirectIsNotFollowed points the provider at an endpoint
// that redirects to another host. The provider must refuse with a diagnostic
// that says why, and the other host must never see a request (so never the
// key).
func TestAccProvider_RedirectIsNotFollowed(t *testing.T) {
	t.Parallel()
	var reached atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		reached.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(elsewhere.Close)
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			redirecting := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, elsewhere.URL+r.URL.Path, status)
			}))
			t.Cleanup(redirecting.Close)
			mock := &mockHoko{URL: redirecting.URL, Key: "hoko_test_redirected_key"}
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: mock.config(`resource "hoko_collection" "test" { name = "Docs" }`),
						ExpectError: errorMatching("Hoko API Error", fmt.Sprintf("HTTP %d", status),
							"the endpoint answered with a redirect to", elsewhere.URL,
							"never followed so that the API key is not sent to another address"),
					},
				},
			})
		})
	}
	t.Cleanup(func() {
		if n := reached.Load(); n != 0 {
			t.Errorf("the redirect target received %d requests; redirects must never be followed", n)
		}
	})
}

// traceLogs sends Terraform's and the provider's logs at TRACE to one file
// for the rest of the test and returns a function that reads them, without
// the testing framework's own entries that quote each step's configuration.
// A test that calls it cannot run in parallel: the log settings are
// environment variables.
func traceLogs(t *testing.T) func() []byte {
	t.Helper()
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	return func() []byte {
		t.Helper()
		raw, err := os.ReadFile(logFile)
		if err != nil {
			t.Fatal(err)
		}
		return withoutConfigEcho(raw)
	}
}

// assertNotInLogs fails the test when logs hold secret anywhere, quoting
// where; want are texts the logs must hold, so that the search cannot pass
// over logs that never saw what it looks for.
func assertNotInLogs(t *testing.T, logs []byte, secret string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !bytes.Contains(logs, []byte(w)) {
			t.Fatalf("the trace log (%d bytes) lacks %q; the search below would prove nothing", len(logs), w)
		}
	}
	if i := bytes.Index(logs, []byte(secret)); i >= 0 {
		t.Errorf("the trace log holds the secret at byte %d: %q", i, logs[max(0, i-300):min(len(logs), i+len(secret)+50)])
	}
}

// TestAccProvider_EndpointCredentialsAreRedacted configures endpoints that
// carry a secret (user information in the provider block, a query in
// HOKO_ENDPOINT). Both are refused before any request, and neither the
// diagnostic nor Terraform's TRACE log, which records every diagnostic,
// quotes the secret: they show the endpoint with REDACTED in its place.
func TestAccProvider_EndpointCredentialsAreRedacted(t *testing.T) {
	logs := traceLogs(t)
	mock := newMockHoko(t)
	const secret = "hoko_live_1n_th3_url"
	host := strings.TrimPrefix(mock.URL, "http://")
	t.Setenv(envEndpoint, mock.URL+"/?api_key="+secret)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
provider "hoko" {
  endpoint = "http://user:%s@%s"
  api_key  = %q
}
resource "hoko_collection" "test" { name = "Docs" }`, secret, host, mock.Key),
				ExpectError: errorMatching("Invalid Hoko Endpoint", fmt.Sprintf(`"http://REDACTED@%s"`, host),
					"without credentials, query or fragment"),
			},
			{
				Config: fmt.Sprintf(`
provider "hoko" {
  api_key = %q
}
resource "hoko_collection" "test" { name = "Docs" }`, mock.Key),
				ExpectError: errorMatching("Invalid Hoko Endpoint", fmt.Sprintf(`"%s/?REDACTED"`, mock.URL),
					"without credentials, query or fragment"),
			},
		},
	})
	if n := len(mock.Requests()); n != 0 {
		t.Errorf("mock received %d requests, want none: a refused endpoint is never called", n)
	}
	assertNotInLogs(t, logs(), secret, "REDACTED@"+host, mock.URL+"/?REDACTED")
}

// TestAccProvider_EchoedKeyIsMasked points the provider at servers that
// echo the request's headers back, as debugging proxies and misconfigured
// servers do: in a text body of a 502 for writes, in the message of a 403
// for reads, and in an answer so malformed that net/http quotes it. Every
// diagnostic shows *** where the key was, and the TRACE log, which records
// the diagnostics, the provider's request logs and Terraform's output, never
// holds the key.
func TestAccProvider_EchoedKeyIsMasked(t *testing.T) {
	logs := traceLogs(t)
	const key = "hoko_live_3ch03d_k3y_0f_the_test"
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprintf(w, `{"error":{"en":"Forbidden for Authorization: %s","ar":"x"}}`, r.Header.Get("Authorization"))
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprintf(w, "Bad gateway. Your request was:\n%s %s\nAuthorization: %s\nUser-Agent: %s\n",
			r.Method, r.URL, r.Header.Get("Authorization"), r.UserAgent())
	}))
	t.Cleanup(echo.Close)
	malformed := malformedEchoServer(t)
	config := func(endpoint, body string) string {
		return fmt.Sprintf("provider \"hoko\" {\n  endpoint    = %q\n  api_key     = %q\n  max_retries = 0\n}\n", endpoint, key) + body
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config(echo.URL, `resource "hoko_collection" "test" { name = "Docs" }`),
				ExpectError: errorMatching("create collection", "HTTP 502", `Authorization: Bearer ***`),
			},
			{
				Config:      config(echo.URL, `data "hoko_collections" "all" {}`),
				ExpectError: errorMatching("Hoko API Key Lacks Scopes", "Forbidden for Authorization: Bearer ***"),
			},
			{
				Config:      config(malformed, `data "hoko_collections" "all" {}`),
				ExpectError: errorMatching("Hoko API Request Failed", `malformed MIME header`, `Authorization Bearer ***`),
			},
		},
	})
	assertNotInLogs(t, logs(), key, "Bearer ***", "Hoko API request")
}

// malformedEchoServer answers every request with a status line and then the
// request's Authorization header without its colon, which net/http refuses
// with an error that quotes the line.
func malformedEchoServer(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				r, err := http.ReadRequest(bufio.NewReader(conn))
				if err != nil {
					return
				}
				fmt.Fprintf(conn, "HTTP/1.1 400 Bad Request\r\nAuthorization %s\r\n\r\n", r.Header.Get("Authorization"))
			}()
		}
	}()
	return "http://" + l.Addr().String()
}
