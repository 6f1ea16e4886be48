package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// The fault convergence test of every kind: many resources created,
// updated and destroyed under the fault mix of collection_faults_test.go,
// with coalescing on and off, and state and mock compared after each step.

// faultFleet is what the fault convergence test needs of one kind: a
// configuration of many resources (for_each instances keyed fault-000 ...)
// in two versions, the first adopted with an import block, and checks that
// the state and the mock agree.
type faultFleet struct {
	// config manages the fleet at version ("v1" or "v2"), importing
	// importID as the first instance.
	config func(m *mockHoko, importID, version string) string
	// adopt seeds, out of band, the object the first instance adopts, as
	// it is at v1, and returns its id.
	adopt func(m *mockHoko) string
	// first is the first instance's address.
	first string
	// converged checks that state and mock agree at version: every
	// instance's object live as configured, nothing else.
	converged func(m *mockHoko, version string) statecheck.StateCheck
	// updated plans an in-place update of every instance.
	updated []plancheck.PlanCheck
	// destroyed checks that nothing the fleet managed is left.
	destroyed func(m *mockHoko) statecheck.StateCheck
}

// convergeUnderFaults applies the fleet (all but one created, one
// imported), updates all of it and destroys it, while the mock injects the
// whole fault mix into every request, reads included. The framework's plan
// after each apply must be empty. It runs with coalescing (about ten items
// a request, so a fault strikes ten resources at once) and without (one
// request per resource, so many more requests meet a fault).
func (f faultFleet) convergeUnderFaults(t *testing.T) {
	for mode, settings := range map[string]string{
		"coalesced":                "",
		"one request per resource": "batch_requests = false",
	} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			f.convergeOnce(t, settings)
		})
	}
}

func (f faultFleet) convergeOnce(t *testing.T, providerSettings string) {
	mock := newMockHoko(t)
	mock.ProviderSettings = providerSettings
	adopted := f.adopt(mock)
	mock.SetFaults(faultMix(20240601))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: f.config(mock, adopted, "v1"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(f.first, tfjsonpath.New("id"), knownvalue.StringExact(adopted)),
					f.converged(mock, "v1"),
					mockCheck(func() error { t.Logf("after create: %s", faultFigures(mock)); return nil }),
				},
			},
			{
				Config:           f.config(mock, adopted, "v2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: f.updated},
				ConfigStateChecks: []statecheck.StateCheck{
					f.converged(mock, "v2"),
					mockCheck(func() error { t.Logf("after update: %s", faultFigures(mock)); return nil }),
				},
			},
			{
				// An explicit destroy step: the framework's own destroy
				// cannot check a state that holds for_each instances.
				Config:            f.config(mock, adopted, "v2"),
				Destroy:           true,
				ConfigStateChecks: []statecheck.StateCheck{f.destroyed(mock)},
			},
		},
	})
	st := mock.Stats()
	if st.FaultsInjected == 0 || st.RateLimited == 0 {
		t.Fatalf("the fault mix never struck (%+v); the test proves nothing", st)
	}
	t.Logf("after destroy: %s; duplicates found 0", faultFigures(mock))
}

// fleetSize is how many resources a fault fleet of tags or partners holds.
const fleetSize = 100

// fleetConverged checks that the state's instances of typeName.many and the
// mock's live objects of kind are the same fleetSize objects: every live
// object is an instance's (a duplicate or lost create would be one no
// instance knows), holds want(key) for its instance's key, and equals the
// instance's state attribute by attribute.
func (m *mockHoko) fleetConverged(typeName string, kind hokotest.Kind, want func(key string) wireObject) statecheck.StateCheck {
	return stateFunc(func(req statecheck.CheckStateRequest) error {
		if req.State == nil || req.State.Values == nil {
			return fmt.Errorf("no state")
		}
		keys, attrs := map[string]string{}, map[string]map[string]any{} // id -> key, id -> attributes
		for _, r := range req.State.Values.RootModule.Resources {
			if r.Type != typeName {
				continue
			}
			id, _ := r.AttributeValues["id"].(string)
			if _, dup := keys[id]; dup {
				return fmt.Errorf("two instances hold id %s", id)
			}
			keys[id], attrs[id] = fmt.Sprint(r.Index), r.AttributeValues
		}
		live, err := m.liveObjects(kind)
		if err != nil {
			return err
		}
		if len(keys) != fleetSize || len(live) != fleetSize {
			return fmt.Errorf("state holds %d %s, the mock %d; want %d each", len(keys), kind, len(live), fleetSize)
		}
		for _, o := range live {
			id, _ := o["id"].(string)
			key, ok := keys[id]
			if !ok {
				return fmt.Errorf("mock holds %v, which no instance knows: a duplicate or a lost create", o)
			}
			for member, v := range want(key) {
				if o[member] != v {
					return fmt.Errorf("mock holds %s = %#v for %s, want %#v", member, o[member], key, v)
				}
			}
			if err := sameAsWire(attrs[id], o); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
		}
		return nil
	})
}

// noneLeft checks, after a destroy step, that the mock holds no object of
// kind.
func (m *mockHoko) noneLeft(kind hokotest.Kind) statecheck.StateCheck {
	return mockCheck(func() error {
		if n := m.Count(kind); n != 0 {
			return fmt.Errorf("after destroy the mock holds %d %s, want none", n, kind)
		}
		return nil
	})
}

// fleetConfig is a provider block for m and body, with local.keys the
// fleet's instance keys and an import block adopting importID as the first.
func (m *mockHoko) fleetConfig(typeName, importID, body string) string {
	return m.config(fmt.Sprintf(`
locals {
  keys = [for i in range(%d) : format("fault-%%03d", i)]
}
import {
  to = %s.many["fault-000"]
  id = %q
}
resource %q "many" {
%s
}
`, fleetSize, typeName, importID, typeName, body))
}
