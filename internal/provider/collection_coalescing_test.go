package provider

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// scaleCount is how many collections the coalescing acceptance test manages.
const scaleCount = 200

// scaleLatency is the mock's latency in that test: long enough that Terraform
// (10 operations at a time) brings the next resources while a request is in
// flight, as it does against a real API.
const scaleLatency = 50 * time.Millisecond

// mockCheck is a state check and a plan check that asserts something about
// the mock at the moment Terraform's step reaches it.
type mockCheck func() error

// CheckState runs the assertion after a step's apply.
func (f mockCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

// CheckPlan runs the assertion after a step's plan.
func (f mockCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f()
}

// expectRequests checks the requests the mock received since its last reset:
// at most the given number per method, and none of any other method.
func (m *mockHoko) expectRequests(most map[string]int) mockCheck {
	return func() error {
		for method, n := range m.Stats().ByMethod {
			if n > most[method] {
				return fmt.Errorf("mock received %d %s requests, want at most %d (all: %v)", n, method, most[method], m.Stats().ByMethod)
			}
		}
		return nil
	}
}

// stateFunc adapts a function to statecheck.StateCheck.
type stateFunc func(statecheck.CheckStateRequest) error

// CheckState runs the function.
func (f stateFunc) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f(req)
}

// TestAccCollection_TwoHundredCoalesced imports one and creates 199
// collections, refreshes and destroys them all, and asserts how few requests
// that takes. Terraform runs 10 operations at a time, and the client holds a
// round until all the operations it has seen running side by side are queued
// (or a short wait ends), so each request carries about 10 items: about 21
// requests per apply or destroy here. The bound asserted, 40 (five items per
// request on average), leaves room for a slow, loaded machine while failing
// plain group commit (measured at about 44 requests here) and a client that
// sends one request per resource. A refreshing plan costs one
// GET ?id= for the first read and one listing for the reads that queued
// behind it; every later read is answered from that listing.
func TestAccCollection_TwoHundredCoalesced(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	mock.SetLatency(scaleLatency)
	mock.SetRecordBodies(false)
	adopted := mock.Seed("scale-000", new("v1 scale-000"))
	config := mock.manyConfig("scale", scaleCount, adopted.ID, "v1")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(`hoko_collection.many["scale-000"]`, tfjsonpath.New("id"), knownvalue.StringExact(adopted.ID)),
					// Results mapped back to the wrong resource would show as
					// a name or description under another resource's id.
					mock.convergedOnMock("scale", scaleCount, "v1"),
					// The import reads its collection once, in the plan.
					mock.expectRequests(map[string]int{http.MethodPut: scaleCount / 5, http.MethodGet: 1}),
				},
			},
			{
				PreConfig: mock.ResetRequests,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
					mock.expectRequests(map[string]int{http.MethodGet: 3}),
				}},
			},
			{
				PreConfig: mock.ResetRequests,
				Config:    config,
				Destroy:   true,
				ConfigStateChecks: []statecheck.StateCheck{
					mock.expectRequests(map[string]int{http.MethodGet: 3, http.MethodDelete: scaleCount / 5}),
				},
			},
		},
	})
}

// putSizes returns the number of items in each PUT the mock received.
func (m *mockHoko) putSizes(t *testing.T) []int {
	var sizes []int
	for _, body := range m.putBodies(t) {
		sizes = append(sizes, len(body))
	}
	return sizes
}

// TestAccCollection_BatchSettingsReachTheClient applies 20 collections with
// max_batch_size = 3, then updates them all with batch_requests = false, and
// destroys them so: coalesced PUTs never carry more than 3 items, and with
// coalescing off every resource sends its own requests.
func TestAccCollection_BatchSettingsReachTheClient(t *testing.T) {
	t.Parallel()
	const n, prefix = 20, "tuned"
	mock := newMockHoko(t)
	mock.SetLatency(scaleLatency)
	adopted := mock.Seed(prefix+"-000", new("v1 "+prefix+"-000"))
	config := func(version, setting string) string {
		return strings.Replace(mock.manyConfig(prefix, n, adopted.ID, version), `provider "hoko" {`, "provider \"hoko\" {\n  "+setting, 1)
	}
	capped, unbatched := config("v1", "max_batch_size = 3"), config("v2", "batch_requests = false")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: capped,
				ConfigStateChecks: []statecheck.StateCheck{
					mock.convergedOnMock(prefix, n, "v1"),
					mockCheck(func() error {
						sizes := mock.putSizes(t)
						if slices.Max(sizes) > 3 || slices.Max(sizes) < 2 || sum(sizes) != n-1 {
							return fmt.Errorf("PUT sizes %v: want the %d creates coalesced, at most 3 to a PUT", sizes, n-1)
						}
						return nil
					}),
				},
			},
			{
				PreConfig: mock.ResetRequests,
				Config:    unbatched,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: expectAllUpdated(prefix, n),
				},
				ConfigStateChecks: []statecheck.StateCheck{
					mock.convergedOnMock(prefix, n, "v2"),
					mockCheck(func() error {
						if sizes := mock.putSizes(t); len(sizes) != n || slices.Max(sizes) != 1 {
							return fmt.Errorf("PUT sizes %v: want one PUT of one item per collection", sizes)
						}
						if gets := mock.Stats().ByMethod[http.MethodGet]; gets != n {
							return fmt.Errorf("the refresh sent %d GETs, want one per collection", gets)
						}
						return nil
					}),
				},
			},
			{
				PreConfig: mock.ResetRequests,
				Config:    unbatched,
				Destroy:   true,
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(func() error {
					if by := mock.Stats().ByMethod; len(by) != 2 || by[http.MethodGet] != n || by[http.MethodDelete] != n {
						return fmt.Errorf("destroy sent %v, want one GET and one DELETE per collection", by)
					}
					return nil
				})},
			},
		},
	})
}

// sum adds up ns.
func sum(ns []int) int {
	total := 0
	for _, n := range ns {
		total += n
	}
	return total
}
