package provider

import (
	"context"
	"fmt"
	"maps"
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

// The acceptance tests in this file need resource identity (Terraform 1.12+;
// OpenTofu 1.12 has it too) and are skipped on older CLIs; the TestProtocol
// tests cover the same behaviour on any Terraform by calling the provider's
// RPCs directly.

// identityChecks asserts that the identity of hoko_collection.test is its id.
func identityChecks() []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectIdentity(testCollection, map[string]knownvalue.Check{"id": knownvalue.StringRegexp(uuidRegexp)}),
		statecheck.ExpectIdentityValueMatchesState(testCollection, tfjsonpath.New("id")),
	}
}

func TestAccCollection_IdentityOnCreateUpdateAndImport(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{needsResourceIdentity},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: mock.config(`resource "hoko_collection" "test" { name = "Before" }`),
				ConfigStateChecks: append(identityChecks(),
					sameID.AddStateValue(testCollection, tfjsonpath.New("id"))),
			},
			{
				Config: mock.config(`resource "hoko_collection" "test" { name = "After" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: append(identityChecks(),
					sameID.AddStateValue(testCollection, tfjsonpath.New("id"))),
			},
			{ResourceName: testCollection, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
			{ResourceName: testCollection, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccCollection_ImportBlockWithIdentityLeadsToEmptyPlan(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	existing := mock.Seed("Existing", new("made in the Hoko app"))
	config := mock.config(fmt.Sprintf(`
import {
  to       = hoko_collection.test
  identity = { id = %q }
}
resource "hoko_collection" "test" {
  name        = "Existing"
  description = "made in the Hoko app"
}`, existing.ID))
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{needsResourceIdentity},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: append(identityChecks(),
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("id"), knownvalue.StringExact(existing.ID))),
			},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

func TestAccCollection_IdentityWhenDeletedOutOfBand(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	config := mock.config(`resource "hoko_collection" "test" { name = "Fragile" }`)
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{needsResourceIdentity},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: append(identityChecks(), differentID.AddStateValue(testCollection, tfjsonpath.New("id"))),
			},
			{
				// The refresh removes the vanished collection; it must still
				// report an identity, or Terraform 1.12+ fails the plan.
				PreConfig: func() {
					c, _ := mock.CollectionByName("Fragile")
					mock.SoftDelete(c.ID)
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: append(identityChecks(), differentID.AddStateValue(testCollection, tfjsonpath.New("id"))),
			},
			{ResourceName: testCollection, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

func TestProtocolCollection_IdentitySchema(t *testing.T) {
	t.Parallel()
	p := newProtocolProvider(t, newMockHoko(t))
	resp, err := p.server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	requireNoErrors(t, "GetResourceIdentitySchemas", resp.Diagnostics)
	if len(resp.IdentitySchemas) != 1 {
		t.Fatalf("identity schemas for %d resources, want only hoko_collection", len(resp.IdentitySchemas))
	}
	s := resp.IdentitySchemas["hoko_collection"]
	if s == nil || s.Version != 0 || len(s.IdentityAttributes) != 1 {
		t.Fatalf("hoko_collection identity schema = %+v, want version 0 with one attribute", s)
	}
	attr := s.IdentityAttributes[0]
	if attr.Name != "id" || !attr.Type.Is(tftypes.String) || !attr.RequiredForImport || attr.OptionalForImport {
		t.Errorf("identity attribute = %+v, want id, a string, required for import", attr)
	}
	if !strings.HasSuffix(attr.Description, ".") || len(attr.Description) < 40 {
		t.Errorf("identity attribute description %q is not a full sentence", attr.Description)
	}
}

// protocolCollection drives hoko_collection's RPCs on a protocol provider.
type protocolCollection struct {
	*protocolProvider
	typ tftypes.Type
}

func newProtocolCollection(t *testing.T, mock *mockHoko) protocolCollection {
	p := newProtocolProvider(t, mock)
	return protocolCollection{protocolProvider: p, typ: p.resourceType("hoko_collection")}
}

// apply plans and applies a change from prior (null for a create) to config,
// as Terraform does, and returns the new state and identity.
func (c protocolCollection) apply(prior tftypes.Value, priorIdentity *tfprotov6.ResourceIdentityData, config map[string]tftypes.Value) (*tfprotov6.DynamicValue, *tfprotov6.ResourceIdentityData) {
	c.t.Helper()
	ctx := context.Background()
	cfg := c.value(c.typ, config)
	proposed := cfg
	if !prior.IsNull() {
		// Terraform proposes the prior state with the configuration's
		// changes; the computed attributes keep their prior values.
		var priorAttrs map[string]tftypes.Value
		if err := prior.As(&priorAttrs); err != nil {
			c.t.Fatal(err)
		}
		// As hands out the prior value's own map: copy it, or the prior
		// state sent below would already hold the change.
		attrs := maps.Clone(priorAttrs)
		for name, v := range config {
			attrs[name] = v
		}
		proposed = tftypes.NewValue(c.typ, attrs)
	}
	plan, err := c.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName:         "hoko_collection",
		PriorState:       c.dynamic(c.typ, prior),
		PriorIdentity:    priorIdentity,
		ProposedNewState: c.dynamic(c.typ, proposed),
		Config:           c.dynamic(c.typ, cfg),
	})
	if err != nil {
		c.t.Fatal(err)
	}
	requireNoErrors(c.t, "PlanResourceChange", plan.Diagnostics)
	applied, err := c.server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName:        "hoko_collection",
		PriorState:      c.dynamic(c.typ, prior),
		PlannedState:    plan.PlannedState,
		PlannedIdentity: plan.PlannedIdentity,
		Config:          c.dynamic(c.typ, cfg),
	})
	if err != nil {
		c.t.Fatal(err)
	}
	requireNoErrors(c.t, "ApplyResourceChange", applied.Diagnostics)
	return applied.NewState, applied.NewIdentity
}

// read refreshes a state, as Terraform does before every plan.
func (c protocolCollection) read(state *tfprotov6.DynamicValue, identity *tfprotov6.ResourceIdentityData) *tfprotov6.ReadResourceResponse {
	c.t.Helper()
	resp, err := c.server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
		TypeName:        "hoko_collection",
		CurrentState:    state,
		CurrentIdentity: identity,
	})
	if err != nil {
		c.t.Fatal(err)
	}
	requireNoErrors(c.t, "ReadResource", resp.Diagnostics)
	return resp
}

// stateValue decodes a state for use as a prior state.
func (c protocolCollection) stateValue(state *tfprotov6.DynamicValue) tftypes.Value {
	c.t.Helper()
	v, err := state.Unmarshal(c.typ)
	if err != nil {
		c.t.Fatal(err)
	}
	return v
}

func TestProtocolCollection_IdentityOnCreateReadUpdateAndVanish(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	c := newProtocolCollection(t, mock)

	// Create: the identity is the id Hoko assigned.
	state, identity := c.apply(tftypes.NewValue(c.typ, nil), nil, map[string]tftypes.Value{
		"name":        tftypes.NewValue(tftypes.String, "Docs"),
		"description": tftypes.NewValue(tftypes.String, "Product documentation"),
	})
	created, ok := mock.CollectionByName("Docs")
	if !ok {
		t.Fatal("the create did not reach the mock")
	}
	if got := c.attributes(c.typ, state)["id"]; got != created.ID {
		t.Fatalf("created state id = %q, want the mock's %q", got, created.ID)
	}
	if got := c.identityID(identity); got != created.ID {
		t.Fatalf("create returned identity id %q, want %q", got, created.ID)
	}

	// Read of a state written before identities existed: the identity is
	// filled in from the state.
	read := c.read(state, nil)
	if got := c.identityID(read.NewIdentity); got != created.ID {
		t.Errorf("read without a prior identity returned identity id %q, want %q", got, created.ID)
	}
	if got := c.attributes(c.typ, read.NewState); got["name"] != "Docs" || got["description"] != "Product documentation" {
		t.Errorf("read state = %v", got)
	}

	// Update in place: same id, same identity.
	state, identity = c.apply(c.stateValue(read.NewState), read.NewIdentity, map[string]tftypes.Value{
		"name":        tftypes.NewValue(tftypes.String, "Docs v2"),
		"description": tftypes.NewValue(tftypes.String, nil),
	})
	if got := c.attributes(c.typ, state); got["id"] != created.ID || got["name"] != "Docs v2" || got["description"] != "<null>" {
		t.Errorf("updated state = %v, want id %s named Docs v2 without description", got, created.ID)
	}
	if got := c.identityID(identity); got != created.ID {
		t.Errorf("update returned identity id %q, want %q", got, created.ID)
	}
	if renamed, _ := mock.Collection(created.ID); renamed.Name != "Docs v2" || renamed.Description != nil {
		t.Errorf("mock holds %+v after the update", renamed)
	}

	// Vanished out of band: the state is removed, and the identity is still
	// reported, from the prior state, with or without a prior identity.
	mock.SoftDelete(created.ID)
	for name, prior := range map[string]*tfprotov6.ResourceIdentityData{"with identity": identity, "without identity": nil} {
		gone := c.read(state, prior)
		if got := c.attributes(c.typ, gone.NewState); got != nil {
			t.Errorf("%s: read of a deleted collection kept state %v, want it removed", name, got)
		}
		if got := c.identityID(gone.NewIdentity); got != created.ID {
			t.Errorf("%s: read of a deleted collection returned identity id %q, want %q", name, got, created.ID)
		}
	}
}

func TestProtocolCollection_ImportByIDAndByIdentity(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	existing := mock.Seed("Existing", new("made in the Hoko app"))
	c := newProtocolCollection(t, mock)
	ctx := context.Background()

	cases := map[string]*tfprotov6.ImportResourceStateRequest{
		"by id":       {TypeName: "hoko_collection", ID: existing.ID},
		"by identity": {TypeName: "hoko_collection", Identity: c.identity("hoko_collection", existing.ID)},
		// Hoko accepts upper-case ids; the state and identity hold the
		// lower-case form every later read returns.
		"by identity in upper case": {TypeName: "hoko_collection", Identity: c.identity("hoko_collection", strings.ToUpper(existing.ID))},
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
		if got := c.attributes(c.typ, imported.State)["id"]; got != existing.ID {
			t.Errorf("%s: imported state id = %q, want %q", name, got, existing.ID)
		}
		if got := c.identityID(imported.Identity); got != existing.ID {
			t.Errorf("%s: imported identity id = %q, want %q", name, got, existing.ID)
		}
		// Terraform reads the imported resource next, which fills in the rest.
		read := c.read(imported.State, imported.Identity)
		want := map[string]string{"id": existing.ID, "name": "Existing", "description": "made in the Hoko app"}
		got := c.attributes(c.typ, read.NewState)
		for attr, v := range want {
			if got[attr] != v {
				t.Errorf("%s: state after import and read has %s = %q, want %q", name, attr, got[attr], v)
			}
		}
		if got := c.identityID(read.NewIdentity); got != existing.ID {
			t.Errorf("%s: identity after import and read = %q, want %q", name, got, existing.ID)
		}
	}

	// A malformed id in the identity is refused before any request.
	mock.ResetRequests()
	resp, err := c.server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{
		TypeName: "hoko_collection", Identity: c.identity("hoko_collection", "not-a-uuid"),
	})
	if err != nil {
		t.Fatal(err)
	}
	requireError(t, "ImportResourceState", resp.Diagnostics, "Invalid Collection ID", `The identity id "not-a-uuid" is not a collection id`)
	if n := len(mock.Requests()); n != 0 {
		t.Errorf("a malformed identity id sent %d requests, want none", n)
	}
}
