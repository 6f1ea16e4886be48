package provider

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// slowConfig manages n collections slow-000... (the first adopted by an
// import block), each with the given timeouts block body.
func (m *mockHoko) slowConfig(n int, importID, timeouts string) string {
	return m.manyConfig("slow", n, importID, "v1", "timeouts {\n    "+timeouts+"\n  }")
}

// planMatchesMock is a plan check that the state an interrupted apply left
// behind agrees with the mock: every collection the mock holds is in the
// state with its id (the plan keeps it, at most updating its timeouts), and
// every one it does not hold is planned for creation. A create that reached the mock but not the
// state would be planned again, and fail with "name already taken".
type planMatchesMock struct{ m *mockHoko }

// CheckPlan implements plancheck.PlanCheck.
func (c planMatchesMock) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Type != "hoko_collection" {
			continue
		}
		after, _ := rc.Change.After.(map[string]any)
		before, _ := rc.Change.Before.(map[string]any)
		name, _ := after["name"].(string)
		held, onMock := c.m.CollectionByName(name)
		switch {
		case onMock && rc.Change.Actions.Create():
			resp.Error = fmt.Errorf("%s is on the mock (%s) but planned for creation: the state lost it", rc.Address, held.ID)
		case onMock && before["id"] != held.ID:
			resp.Error = fmt.Errorf("%s has id %v in the state, the mock %s", rc.Address, before["id"], held.ID)
		case !onMock && !rc.Change.Actions.Create():
			resp.Error = fmt.Errorf("%s is not on the mock but planned %v", rc.Address, rc.Change.Actions)
		}
		if resp.Error != nil {
			return
		}
	}
}

// TestAccCollection_CreateTimeoutStopsWaitingStateStaysConsistent runs an
// apply whose creates must wait four seconds for a rate limit, under a create
// timeout of one second. The apply must fail with a timeout diagnostic
// rather than wait (had the provider waited, the apply would have
// succeeded), and what it leaves behind must agree with the mock: the next
// plan creates exactly the collections the mock lacks, and applying it
// converges.
func TestAccCollection_CreateTimeoutStopsWaitingStateStaysConsistent(t *testing.T) {
	t.Parallel()
	const n = 6
	mock := newMockHoko(t)
	// One request per create: with coalescing, all five creates could share
	// the first PUT when they happen to queue before it is sent, and the
	// apply would finish without meeting the rate limit.
	mock.ProviderSettings = "batch_requests = false"
	adopted := mock.Seed("slow-000", new("v1 slow-000"))
	// Two requests pass (the import's read and the first create); every
	// later one must wait four seconds for a token.
	mock.SetRateLimit(0.25, 2)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      mock.slowConfig(n, adopted.ID, `create = "1s"`),
				ExpectError: errorMatching("Hoko Operation Timed Out", "The create timeout of this resource is 1s", `create = "2s"`),
			},
			{
				PreConfig: func() {
					if len(mock.Collections()) >= n+1 {
						t.Errorf("every create finished despite the timeout; the test proves nothing")
					}
					mock.SetRateLimit(0, 0)
				},
				Config:           mock.slowConfig(n, adopted.ID, `create = "1m"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{planMatchesMock{mock}}},
				ConfigStateChecks: []statecheck.StateCheck{
					mock.convergedOnMock("slow", n, "v1"),
					statecheck.ExpectKnownValue(`hoko_collection.many["slow-001"]`, tfjsonpath.New("timeouts"),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"create": knownvalue.StringExact("1m"), "read": knownvalue.Null(),
							"update": knownvalue.Null(), "delete": knownvalue.Null(),
						})),
				},
			},
			{
				Config:            mock.slowConfig(n, adopted.ID, `create = "1m"`),
				Destroy:           true,
				ConfigStateChecks: []statecheck.StateCheck{onlyLinksLeft(mock)},
			},
		},
	})
}

// TestAccCollection_TimeoutsAreValidatedAtPlan refuses, at plan time and
// before any request, a timeout that is not a duration, and one of zero or
// less: "-5s" and "0s" used to pass plan and then fail the create at once,
// blaming the API and advising create = "-10s".
func TestAccCollection_TimeoutsAreValidatedAtPlan(t *testing.T) {
	t.Parallel()
	for setting, want := range map[string]string{
		`create = "soon"`: `timeouts.create must be a positive Go duration such as "30s" or "2m"; got "soon"`,
		`create = "-5s"`:  `timeouts.create must be a positive Go duration such as "30s" or "2m"; got "-5s"`,
		`update = "0s"`:   `timeouts.update must be a positive Go duration such as "30s" or "2m"; got "0s"`,
		`read = "-1h"`:    `timeouts.read must be a positive Go duration such as "30s" or "2m"; got "-1h"`,
		`delete = "0"`:    `timeouts.delete must be a positive Go duration such as "30s" or "2m"; got "0"`,
	} {
		t.Run(setting, func(t *testing.T) {
			t.Parallel()
			mock := newMockHoko(t)
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: mock.config(fmt.Sprintf(`
resource "hoko_collection" "test" {
  name = "Docs"
  timeouts {
    %s
  }
}`, setting)),
						PlanOnly:    true,
						ExpectError: errorMatching("Invalid Duration", want),
					},
				},
			})
			if n := len(mock.Requests()); n != 0 {
				t.Errorf("mock received %d requests; a bad timeout must be caught before any", n)
			}
		})
	}
}

// TestAccCollection_TimeoutsChangeSendsNothing changes only the timeouts
// block: Terraform plans an in-place update (the block lives in the state),
// and the provider sends Hoko nothing, since Hoko knows nothing of it.
func TestAccCollection_TimeoutsChangeSendsNothing(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	config := func(create string) string {
		return mock.config(fmt.Sprintf(`
resource "hoko_collection" "test" {
  name = "Docs"
  timeouts {
    create = %q
  }
}`, create))
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: config("5m"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("timeouts").AtMapKey("create"), knownvalue.StringExact("5m")),
				},
			},
			{
				PreConfig: mock.ResetRequests,
				Config:    config("10m"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("timeouts").AtMapKey("create"), knownvalue.StringExact("10m")),
					mockCheck(func() error {
						if puts := mock.RequestsMatching(http.MethodPut); len(puts) != 0 {
							return fmt.Errorf("mock received %d PUTs for a change of timeouts alone, want none", len(puts))
						}
						return nil
					}),
				},
			},
			{
				ResourceName: testCollection, ImportState: true, ImportStateVerify: true,
				// An import has no configuration, so no timeouts either.
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}
