package provider

import (
	"context"
	"maps"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// protocolResource drives one managed resource type's RPCs on a protocol
// provider.
type protocolResource struct {
	*protocolProvider
	mock     *mockHoko
	typeName string
	typ      tftypes.Type
}

// newProtocolResource configures a protocol provider for mock and drives
// the resource type typeName on it.
func newProtocolResource(t *testing.T, mock *mockHoko, typeName string) protocolResource {
	p := newProtocolProvider(t, mock)
	return protocolResource{protocolProvider: p, mock: mock, typeName: typeName, typ: p.resourceType(typeName)}
}

// apply plans and applies a change from prior (null for a create) to config,
// as Terraform does, and returns the new state and identity.
func (c protocolResource) apply(prior tftypes.Value, priorIdentity *tfprotov6.ResourceIdentityData, config map[string]tftypes.Value) (*tfprotov6.DynamicValue, *tfprotov6.ResourceIdentityData) {
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
		TypeName:         c.typeName,
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
		TypeName:        c.typeName,
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
func (c protocolResource) read(state *tfprotov6.DynamicValue, identity *tfprotov6.ResourceIdentityData) *tfprotov6.ReadResourceResponse {
	c.t.Helper()
	resp, err := c.server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
		TypeName:        c.typeName,
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
func (c protocolResource) stateValue(state *tfprotov6.DynamicValue) tftypes.Value {
	c.t.Helper()
	v, err := state.Unmarshal(c.typ)
	if err != nil {
		c.t.Fatal(err)
	}
	return v
}
