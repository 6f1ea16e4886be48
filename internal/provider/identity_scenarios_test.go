package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// Resource identity, the same for every kind: the object's id. The
// protocol scenarios call the provider's RPCs directly and run on any
// Terraform; the acceptance scenarios need Terraform 1.12+ and are skipped
// on older ones.

// protocolValues are a configuration in the protocol's terms, attribute by
// attribute; the rest is null.
type protocolValues = map[string]tftypes.Value

// str is a protocol string value; null for nil.
func str(s *string) tftypes.Value {
	if s == nil {
		return tftypes.NewValue(tftypes.String, nil)
	}
	return tftypes.NewValue(tftypes.String, *s)
}

// identityLifecycle creates an object of s's kind from create ({{name}}
// stands for a ref), reads it
// with and without a prior identity, updates it to update, deletes it out
// of band and reads it again: the identity is the mock's id every time,
// and the state always what the mock holds.
func (s resourceScenarios) identityLifecycle(t *testing.T, create, update protocolValues) {
	mock := s.newMock(t)
	c := newProtocolResource(t, mock.mockHoko, s.kind.typeName())

	state, identity := c.apply(tftypes.NewValue(c.typ, nil), nil, mock.values(create))
	id := c.attributes(c.typ, state)["id"]
	c.requireMatchesMock(s, "create", state, identity, id)

	// Read of a state written before identities existed: the identity is
	// filled in from the state.
	read := c.read(state, nil)
	c.requireMatchesMock(s, "read without a prior identity", read.NewState, read.NewIdentity, id)

	state, identity = c.apply(c.stateValue(read.NewState), read.NewIdentity, mock.values(update))
	c.requireMatchesMock(s, "update", state, identity, id)

	// Vanished out of band: the state is removed, and the identity is still
	// reported, from the prior state, with or without a prior identity.
	if !mock.Delete(s.mockKind, id) {
		t.Fatalf("could not delete %s %s out of band", s.kind.name, id)
	}
	for name, prior := range map[string]*tfprotov6.ResourceIdentityData{"with identity": identity, "without identity": nil} {
		gone := c.read(state, prior)
		if got := c.attributes(c.typ, gone.NewState); got != nil {
			t.Errorf("%s: read of a deleted %s kept state %v, want it removed", name, s.kind.name, got)
		}
		if got := c.identityID(gone.NewIdentity); got != id {
			t.Errorf("%s: read of a deleted %s returned identity id %q, want %q", name, s.kind.name, got, id)
		}
	}
}

// values is v with every {{name}} in its strings replaced, as expand does.
func (m *scenarioMock) values(v protocolValues) protocolValues {
	out := make(protocolValues, len(v))
	for name, value := range v {
		var s string
		if value.Type().Is(tftypes.String) && value.IsKnown() && !value.IsNull() && value.As(&s) == nil {
			value = tftypes.NewValue(tftypes.String, m.expand(s))
		}
		out[name] = value
	}
	return out
}

// importByIDAndIdentity imports a seeded object by id, by identity and by
// identity in upper case, reads it as Terraform does next, and refuses a
// malformed identity id before any request.
func (s resourceScenarios) importByIDAndIdentity(t *testing.T) {
	mock := s.newMock(t)
	id := s.seed(mock)
	c := newProtocolResource(t, mock.mockHoko, s.kind.typeName())
	ctx := context.Background()
	typeName := s.kind.typeName()
	cases := map[string]*tfprotov6.ImportResourceStateRequest{
		"by id":       {TypeName: typeName, ID: id},
		"by identity": {TypeName: typeName, Identity: c.identity(typeName, id)},
		// Hoko accepts upper-case ids; the state and identity hold the
		// lower-case form every later read returns.
		"by identity in upper case": {TypeName: typeName, Identity: c.identity(typeName, strings.ToUpper(id))},
	}
	for name, req := range cases {
		resp, err := c.server.ImportResourceState(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		requireNoErrors(t, "ImportResourceState "+name, resp.Diagnostics)
		if len(resp.ImportedResources) != 1 {
			t.Fatalf("%s: imported %d resources, want 1", name, len(resp.ImportedResources))
		}
		imported := resp.ImportedResources[0]
		if got := c.attributes(c.typ, imported.State)["id"]; got != id {
			t.Errorf("%s: imported state id = %q, want %q", name, got, id)
		}
		read := c.read(imported.State, imported.Identity)
		c.requireMatchesMock(s, name+", then read", read.NewState, read.NewIdentity, id)
	}

	mock.ResetRequests()
	resp, err := c.server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{
		TypeName: typeName, Identity: c.identity(typeName, "not-a-uuid"),
	})
	if err != nil {
		t.Fatal(err)
	}
	requireError(t, "ImportResourceState", resp.Diagnostics, "Invalid "+s.kind.title()+" ID",
		fmt.Sprintf(`The identity id "not-a-uuid" is not a %s id`, s.kind.name))
	if n := len(mock.Requests()); n != 0 {
		t.Errorf("a malformed identity id sent %d requests, want none", n)
	}
}

// requireMatchesMock checks that a state and identity after step are those
// of the live object id on the mock.
func (c protocolResource) requireMatchesMock(s resourceScenarios, step string, state *tfprotov6.DynamicValue,
	identity *tfprotov6.ResourceIdentityData, id string) {
	c.t.Helper()
	if got := c.identityID(identity); got != id || !uuidRegexp.MatchString(id) {
		c.t.Fatalf("%s: identity id %q, want the id %q in the state", step, got, id)
	}
	objects, err := c.mock.liveObjects(s.mockKind)
	if err != nil {
		c.t.Fatal(err)
	}
	i := slices.IndexFunc(objects, func(o wireObject) bool { return o["id"] == id })
	if i < 0 {
		c.t.Fatalf("%s: the mock holds no %s %s", step, s.kind.name, id)
	}
	if err := sameAsWire(c.values(c.typ, state), objects[i]); err != nil {
		c.t.Errorf("%s: %v", step, err)
	}
}

// identityAcceptance runs the identity scenarios on Terraform 1.12+:
// create, update in place and import by identity and by id; an import
// block with an identity leading to an empty plan; and the identity of a
// resource deleted out of band.
func (s resourceScenarios) identityAcceptance(t *testing.T) {
	checks := []statecheck.StateCheck{
		statecheck.ExpectIdentity(s.address(), map[string]knownvalue.Check{"id": knownvalue.StringRegexp(uuidRegexp)}),
		statecheck.ExpectIdentityValueMatchesState(s.address(), tfjsonpath.New("id")),
	}
	versions := []tfversion.TerraformVersionCheck{needsResourceIdentity}
	t.Run("OnCreateUpdateAndImport", func(t *testing.T) {
		t.Parallel()
		m := s.newMock(t)
		sameID := statecheck.CompareValue(compare.ValuesSame())
		tc := s.testCase(m,
			resource.TestStep{Config: s.config(m, s.full), ConfigStateChecks: append(checks, sameID.AddStateValue(s.address(), tfjsonpath.New("id")))},
			resource.TestStep{
				Config: s.config(m, s.changed),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(s.address(), plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: append(checks, sameID.AddStateValue(s.address(), tfjsonpath.New("id"))),
			},
			resource.TestStep{ResourceName: s.address(), ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
			resource.TestStep{ResourceName: s.address(), ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			s.importStep(),
		)
		tc.TerraformVersionChecks = versions
		resource.UnitTest(t, tc)
	})
	t.Run("ImportBlockWithIdentityLeadsToEmptyPlan", func(t *testing.T) {
		t.Parallel()
		m := s.newMock(t)
		id := s.seed(m)
		config := s.config(m, s.full) + fmt.Sprintf("import {\n  to       = %s\n  identity = { id = %q }\n}\n", s.address(), id)
		tc := s.testCase(m,
			resource.TestStep{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(s.address(), plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: append(checks, statecheck.ExpectKnownValue(s.address(), tfjsonpath.New("id"), knownvalue.StringExact(id))),
			},
			resource.TestStep{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		)
		tc.TerraformVersionChecks = versions
		resource.UnitTest(t, tc)
	})
	t.Run("WhenDeletedOutOfBand", func(t *testing.T) {
		t.Parallel()
		m := s.newMock(t)
		differentID := statecheck.CompareValue(compare.ValuesDiffer())
		tc := s.testCase(m,
			resource.TestStep{Config: s.config(m, s.full), ConfigStateChecks: append(checks, differentID.AddStateValue(s.address(), tfjsonpath.New("id")))},
			resource.TestStep{
				// The refresh removes the vanished object; it must still
				// report an identity, or Terraform 1.12+ fails the plan.
				PreConfig: func() { m.Delete(s.mockKind, m.onlyID(t, s.mockKind)) },
				Config:    s.config(m, s.full),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(s.address(), plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: append(checks, differentID.AddStateValue(s.address(), tfjsonpath.New("id"))),
			},
			resource.TestStep{ResourceName: s.address(), ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		)
		tc.TerraformVersionChecks = versions
		resource.UnitTest(t, tc)
	})
}
