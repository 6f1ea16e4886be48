package provider

import (
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// Checks the data sources of every kind share: what a data source holds
// must be what the mock holds, object by object, in the API's
// representation (see resource_scenarios_test.go).

// dataMatchesMock checks that the top-level attributes of the data source
// at address equal the mock's live object of kind with id.
func (m *mockHoko) dataMatchesMock(kind hokotest.Kind, address, id string) statecheck.StateCheck {
	return stateFunc(func(req statecheck.CheckStateRequest) error {
		live, err := m.liveObject(kind, id)
		if err != nil {
			return err
		}
		attrs, err := stateAttributes(req, address)
		if err != nil {
			return err
		}
		return sameAsWire(attrs, live)
	})
}

// listedExactly checks that the list attribute attr of the data source at
// address holds exactly the mock's live objects of kind with the given ids,
// each equal to the mock's, in any order.
func (m *mockHoko) listedExactly(kind hokotest.Kind, address, attr string, ids ...string) statecheck.StateCheck {
	return stateFunc(func(req statecheck.CheckStateRequest) error {
		attrs, err := stateAttributes(req, address)
		if err != nil {
			return err
		}
		listed, ok := attrs[attr].([]any)
		if !ok {
			return fmt.Errorf("%s.%s is %#v, not a list", address, attr, attrs[attr])
		}
		if len(listed) != len(ids) {
			return fmt.Errorf("%s.%s holds %d objects, want %d", address, attr, len(listed), len(ids))
		}
		for _, item := range listed {
			obj, _ := item.(map[string]any)
			id, _ := obj["id"].(string)
			if !slices.Contains(ids, id) {
				return fmt.Errorf("%s.%s holds %v, which is not among %v", address, attr, obj, ids)
			}
			live, err := m.liveObject(kind, id)
			if err != nil {
				return err
			}
			if err := sameAsWire(obj, live); err != nil {
				return fmt.Errorf("%s.%s: %w", address, attr, err)
			}
		}
		return nil
	})
}

// liveObject is the mock's live object of kind with id.
func (m *mockHoko) liveObject(kind hokotest.Kind, id string) (wireObject, error) {
	objects, err := m.liveObjects(kind)
	if err != nil {
		return nil, err
	}
	for _, o := range objects {
		if o["id"] == id {
			return o, nil
		}
	}
	return nil, fmt.Errorf("the mock holds no live %s %s", kind, id)
}
