package provider

import (
	"context"
	"fmt"
	"net/http"
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

// scaleConfig manages scaleCount collections with for_each, the first of
// which it adopts with an import block (terraform-plugin-testing's import
// steps cannot handle a state that holds for_each instances).
const scaleConfig = `
locals {
  names = toset([for i in range(200) : format("scale-%%03d", i)])
}
import {
  to = hoko_collection.many["scale-000"]
  id = %q
}
resource "hoko_collection" "many" {
  for_each    = local.names
  name        = each.key
  description = "about ${each.key}"
}
`

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

// stateMatchesMock checks every hoko_collection in the state against the
// mock's record of its id: results mapped back to the wrong resource would
// show as a name or description that belongs to another one.
func (m *mockHoko) stateMatchesMock(want int) statecheck.StateCheck {
	return stateFunc(func(req statecheck.CheckStateRequest) error {
		if req.State == nil || req.State.Values == nil {
			return fmt.Errorf("no state")
		}
		seen := 0
		for _, r := range req.State.Values.RootModule.Resources {
			if r.Type != "hoko_collection" {
				continue
			}
			seen++
			id, _ := r.AttributeValues["id"].(string)
			name, _ := r.AttributeValues["name"].(string)
			desc, _ := r.AttributeValues["description"].(string)
			held, ok := m.Collection(id)
			switch {
			case !ok:
				return fmt.Errorf("%s has id %q, which the mock does not hold", r.Address, id)
			case r.Index != nil && r.Index != name || held.Name != name:
				return fmt.Errorf("%s has name %q; the mock holds %q under its id %s", r.Address, name, held.Name, id)
			case held.Description == nil || *held.Description != desc || desc != "about "+name:
				return fmt.Errorf("%s has description %q; the mock holds %v", r.Address, desc, held.Description)
			}
		}
		if seen != want {
			return fmt.Errorf("state holds %d collections, want %d", seen, want)
		}
		return nil
	})
}

// stateFunc adapts a function to statecheck.StateCheck.
type stateFunc func(statecheck.CheckStateRequest) error

// CheckState runs the function.
func (f stateFunc) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f(req)
}

// TestAccCollection_TwoHundredCoalesced imports one and creates 199
// collections, refreshes and destroys them all, and asserts how few requests that takes. Terraform runs 10
// operations at a time. The client sends a request at once when none is in
// flight and gathers the rest until it returns, so two consecutive requests
// share at most those 10 operations: at least 2*199/10 - 1 = 39 requests per
// apply or destroy, about 40 in practice. The bound asserted, 100 (two items
// per request on average), leaves room for a slow, loaded machine while
// still failing a client that sends one request per resource. A refreshing
// plan costs one GET ?id= for the first read and one listing for the reads
// that queued behind it; every later read is answered from that listing.
func TestAccCollection_TwoHundredCoalesced(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	mock.SetLatency(scaleLatency)
	mock.SetRecordBodies(false)
	adopted := mock.Seed("scale-000", new("about scale-000"))
	config := mock.config(fmt.Sprintf(scaleConfig, adopted.ID))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(`hoko_collection.many["scale-000"]`, tfjsonpath.New("id"), knownvalue.StringExact(adopted.ID)),
					mock.stateMatchesMock(scaleCount),
					// The import reads its collection once, in the plan.
					mock.expectRequests(map[string]int{http.MethodPut: scaleCount / 2, http.MethodGet: 1}),
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
					mock.expectRequests(map[string]int{http.MethodGet: 3, http.MethodDelete: scaleCount / 2}),
				},
			},
		},
	})
}
