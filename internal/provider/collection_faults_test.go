package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// These tests run real Terraform against a mock that fails like a real API
// on a bad day, with the provider's default retry settings: the defaults
// alone must carry an apply through. Seeds are fixed, so the n-th request's
// fate is the same on every run; which resource that request carries varies
// with Terraform's scheduling, and the assertions hold either way.

// faultMix is the mix, all at once: 15% 5xx before the write, 5%
// 5xx after the write (response lost), 5% dropped connections (half before,
// half after the write) and 10% 429 with a short retryAfter.
func faultMix(seed int64) hokotest.Faults {
	return hokotest.Faults{
		Seed:            seed,
		FailBeforeWrite: 0.15,
		FailAfterWrite:  0.05,
		DropBeforeWrite: 0.025,
		DropAfterWrite:  0.025,
		RateLimited:     0.10,
		RetryAfter:      20 * time.Millisecond,
	}
}

// manyConfig manages n collections named prefix-000... with for_each, each
// described as "<version> <name>", and adopts the first with an import
// block (the testing framework's import steps cannot address for_each
// instances). extra is added to the resource block, such as a timeouts
// block.
func (m *mockHoko) manyConfig(prefix string, n int, importID, version string, extra ...string) string {
	return m.config(fmt.Sprintf(`
locals {
  names = toset([for i in range(%d) : format("%s-%%03d", i)])
}
import {
  to = hoko_collection.many["%s-000"]
  id = %q
}
resource "hoko_collection" "many" {
  for_each    = local.names
  name        = each.key
  description = "%s ${each.key}"
  %s
}
`, n, prefix, prefix, importID, version, strings.Join(extra, "\n  ")))
}

// convergedOnMock checks that the state and the mock agree exactly: the state
// holds n collections named prefix-..., each with the id the mock holds
// under that name and the description version; the mock holds those n and
// the default Links (and the unmanaged names given), nothing else. A create
// sent twice would show as a collection the state does not know, or as a
// failed apply.
func (m *mockHoko) convergedOnMock(prefix string, n int, version string, unmanaged ...string) statecheck.StateCheck {
	return stateFunc(func(req statecheck.CheckStateRequest) error {
		if req.State == nil || req.State.Values == nil {
			return fmt.Errorf("no state")
		}
		inState := map[string]string{} // name -> id
		for _, r := range req.State.Values.RootModule.Resources {
			if r.Type != "hoko_collection" {
				continue
			}
			name, _ := r.AttributeValues["name"].(string)
			id, _ := r.AttributeValues["id"].(string)
			desc, _ := r.AttributeValues["description"].(string)
			if !strings.HasPrefix(name, prefix+"-") {
				return fmt.Errorf("%s is named %q, not %s-...", r.Address, name, prefix)
			}
			if want := version + " " + name; desc != want {
				return fmt.Errorf("%s has description %q in state, want %q", r.Address, desc, want)
			}
			if _, dup := inState[name]; dup {
				return fmt.Errorf("state holds two collections named %q", name)
			}
			inState[name] = id
		}
		if len(inState) != n {
			return fmt.Errorf("state holds %d collections, want %d", len(inState), n)
		}
		live := m.Collections()
		seen := map[string]bool{}
		for _, c := range live {
			if seen[c.Name] {
				return fmt.Errorf("mock holds two collections named %q", c.Name)
			}
			seen[c.Name] = true
			if c.Name == "Links" || slices.Contains(unmanaged, c.Name) {
				continue
			}
			id, ok := inState[c.Name]
			switch {
			case !ok:
				return fmt.Errorf("mock holds %q (%s), which no resource in the state knows: a duplicate or a lost create", c.Name, c.ID)
			case id != c.ID:
				return fmt.Errorf("state has id %s for %q, the mock %s", id, c.Name, c.ID)
			case c.Description == nil || *c.Description != version+" "+c.Name:
				return fmt.Errorf("mock holds description %v for %q, want %q", c.Description, c.Name, version+" "+c.Name)
			}
		}
		if len(live) != n+1+len(unmanaged) {
			return fmt.Errorf("mock holds %d collections, want %d, Links and %q", len(live), n, unmanaged)
		}
		return nil
	})
}

// expectAllUpdated plans an in-place update for every instance of
// hoko_collection.many.
func expectAllUpdated(prefix string, n int) []plancheck.PlanCheck {
	return expectAllUpdatedOf("hoko_collection", prefix, n)
}

// expectAllUpdatedOf plans an in-place update for every instance of
// typeName.many, keyed prefix-000 and so on.
func expectAllUpdatedOf(typeName, prefix string, n int) []plancheck.PlanCheck {
	checks := make([]plancheck.PlanCheck, n)
	for i := range n {
		checks[i] = plancheck.ExpectResourceAction(fmt.Sprintf(`%s.many["%s-%03d"]`, typeName, prefix, i), plancheck.ResourceActionUpdate)
	}
	return checks
}

// onlyLinksLeft checks, after a destroy step, that the mock holds nothing
// but the workspace's default collection.
func onlyLinksLeft(m *mockHoko) mockCheck {
	return func() error { return m.checkOnlyDefaultCollectionLeft(nil) }
}

// faultFigures describes what the mock went through, for the test log and
// the project's closing notes.
func faultFigures(m *mockHoko) string {
	st := m.Stats()
	return fmt.Sprintf("requests sent %d (%s), faults survived %d (5xx and dropped connections), 429s waited out %d",
		st.Requests, st.MethodCounts(), st.FaultsInjected, st.RateLimited)
}

// collectionFleet is 100 collections named fault-000 ..., described
// "<version> <name>".
var collectionFleet = faultFleet{
	config: func(m *mockHoko, importID, version string) string {
		return m.manyConfig("fault", 100, importID, version)
	},
	adopt: func(m *mockHoko) string { return m.Seed("fault-000", new("v1 fault-000")).ID },
	first: `hoko_collection.many["fault-000"]`,
	converged: func(m *mockHoko, version string) statecheck.StateCheck {
		return m.convergedOnMock("fault", 100, version)
	},
	updated:   expectAllUpdated("fault", 100),
	destroyed: func(m *mockHoko) statecheck.StateCheck { return onlyLinksLeft(m) },
}

// TestAccCollection_HundredConvergeUnderFaults applies 100 collections (99
// created, one imported), updates all of them and destroys them, while the
// mock injects the whole fault mix into every request, reads included.
func TestAccCollection_HundredConvergeUnderFaults(t *testing.T) {
	t.Parallel()
	collectionFleet.convergeUnderFaults(t)
}

// TestAccCollection_RateLimitIsWaitedOut applies 13 collections through a
// mock that allows six requests a second, in bursts of two. Coalescing is
// off and nothing is read before the apply, so Terraform's ten parallel
// creates reach the limit together (the mock's latency gathers them) before
// the provider has seen any X-RateLimit-* header: 429s are certain. The
// provider must wait them out, then pace itself, rather than surface one.
func TestAccCollection_RateLimitIsWaitedOut(t *testing.T) {
	t.Parallel()
	const n, prefix = 12, "paced"
	mock := newMockHoko(t)
	mock.SetRateLimit(6, 2)
	mock.SetLatency(100 * time.Millisecond)
	config := fmt.Sprintf(`
provider "hoko" {
  endpoint       = %q
  api_key        = %q
  batch_requests = false
}
resource "hoko_collection" "many" {
  for_each    = toset([for i in range(%d) : format("%s-%%03d", i)])
  name        = each.key
  description = "v1 ${each.key}"
}
resource "hoko_collection" "single" {
  name        = "%s-single"
  description = "v1 %s-single"
}
`, mock.URL, mock.Key, n, prefix, prefix, prefix)
	// Seeded now, adopted in the second step: a step's configuration is
	// fixed before any step runs.
	adoptedID := mock.Seed(prefix+"-adopted", new("v1 "+prefix+"-adopted")).ID
	withAdopted := func() string {
		return config + fmt.Sprintf(`
import {
  to = hoko_collection.adopted
  id = %q
}
resource "hoko_collection" "adopted" {
  name        = "%s-adopted"
  description = "v1 %s-adopted"
}
`, adoptedID, prefix, prefix)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					mock.convergedOnMock(prefix, n+1, "v1", prefix+"-adopted"),
					mockCheck(func() error {
						if st := mock.Stats(); st.RateLimited == 0 {
							return fmt.Errorf("no request was rate limited (%+v); the test proves nothing", st)
						}
						t.Logf("rate limit 6/s, burst 2, apply: %s", faultFigures(mock))
						return nil
					}),
				},
			},
			{
				// Import steps cannot address a state with for_each
				// instances; an import block adopts one more collection.
				// The limit is lifted from here on only to keep the test
				// short.
				PreConfig: func() {
					mock.SetRateLimit(0, 0)
					mock.SetLatency(0)
				},
				Config: withAdopted(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("hoko_collection.adopted", tfjsonpath.New("id"), knownvalue.StringFunc(func(id string) error {
						if id != adoptedID {
							return fmt.Errorf("adopted id %s, want %s", id, adoptedID)
						}
						return nil
					})),
					mock.convergedOnMock(prefix, n+2, "v1"),
				},
			},
			{
				Config:            withAdopted(),
				Destroy:           true,
				ConfigStateChecks: []statecheck.StateCheck{onlyLinksLeft(mock)},
			},
		},
	})
}

// newFrontedMock starts a mock behind a front that may take over requests,
// to lose one precise response where the mock's random faults would be too
// coarse. lose is called for every request with its number among requests
// of the same method (from 1) and returns true when it answered itself.
func newFrontedMock(t *testing.T, lose func(srv *hokotest.Server, w http.ResponseWriter, r *http.Request, n int) bool) *mockHoko {
	t.Helper()
	srv := hokotest.NewServer()
	var mu sync.Mutex
	seen := map[string]int{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.Method]++
		n := seen[r.Method]
		mu.Unlock()
		if !lose(srv, w, r, n) {
			srv.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(ts.Close)
	return &mockHoko{Server: srv, URL: ts.URL, Key: srv.NewKey(hokotest.ScopeRead, hokotest.ScopeWrite)}
}

// TestAccCollection_LostCreateResponseIsAdopted loses the answer to the
// first create after the mock wrote it. The provider must find the
// collection by its name and adopt it: one collection on the mock, its id in
// the state, and no second create sent.
func TestAccCollection_LostCreateResponseIsAdopted(t *testing.T) {
	t.Parallel()
	for name, drop := range map[string]bool{"502 after the write": false, "connection dropped after the write": true} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			mock := newFrontedMock(t, func(srv *hokotest.Server, w http.ResponseWriter, r *http.Request, n int) bool {
				if r.Method != http.MethodPut || n != 1 {
					return false
				}
				srv.ServeHTTP(httptest.NewRecorder(), r) // written, answer discarded
				if hj, ok := w.(http.Hijacker); drop && ok {
					if conn, _, err := hj.Hijack(); err == nil {
						_ = conn.Close()
					}
					return true
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadGateway)
				_, _ = w.Write([]byte(`{"error":{"en":"Bad gateway","ar":"x"}}`))
				return true
			})
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
				Steps: []resource.TestStep{
					{
						Config: mock.config(`
resource "hoko_collection" "test" {
  name        = "Lost Answer"
  description = "written once"
}`),
						ConfigStateChecks: []statecheck.StateCheck{
							stateFunc(func(req statecheck.CheckStateRequest) error {
								c, ok := mock.CollectionByName("Lost Answer")
								switch {
								case !ok:
									return fmt.Errorf("the collection is not on the mock")
								case len(mock.Collections()) != 2:
									return fmt.Errorf("mock holds %d collections, want Links and Lost Answer", len(mock.Collections()))
								case len(mock.RequestsMatching(http.MethodPut)) != 1:
									return fmt.Errorf("mock received %d PUTs, want 1: the create must not be sent again",
										len(mock.RequestsMatching(http.MethodPut)))
								}
								for _, r := range req.State.Values.RootModule.Resources {
									if r.Address == testCollection && r.AttributeValues["id"] == c.ID {
										return nil
									}
								}
								return fmt.Errorf("the state does not hold the mock's id %s for %s", c.ID, testCollection)
							}),
						},
					},
					{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
				},
			})
		})
	}
}
