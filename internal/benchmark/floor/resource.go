package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// floorResource is a resource of a given schema that calls no API: a create
// or an update stores the plan with every value not known yet made up, a
// read keeps the state, a delete forgets it. Like the Hoko resources it has
// an identity, its id.
type floorResource struct {
	// name is the type name after the provider's, e.g. "link" for floor_link.
	name   string
	schema func(context.Context) schema.Schema
}

var (
	_ resource.Resource             = floorResource{}
	_ resource.ResourceWithIdentity = floorResource{}
)

func (r floorResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.name
}

func (r floorResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema(ctx)
}

func (floorResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"id": identityschema.StringAttribute{RequiredForImport: true},
	}}
}

func (floorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.Diagnostics.Append(store(ctx, req.Plan.Raw, &resp.State, resp.Identity)...)
}

// Read keeps the state, and reports the identity, which a Terraform older
// than 1.12 does not keep.
func (floorResource) Read(ctx context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	resp.Diagnostics.Append(setIdentity(ctx, resp.State, resp.Identity)...)
}

func (floorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.Append(store(ctx, req.Plan.Raw, &resp.State, resp.Identity)...)
}

func (floorResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// store writes the plan, settled, to the state, and the identity.
func store(ctx context.Context, plan tftypes.Value, state *tfsdk.State, identity *tfsdk.ResourceIdentity) diag.Diagnostics {
	settled, err := settle(plan)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Floor Write Failed", err.Error())
		return diags
	}
	state.Raw = settled
	return setIdentity(ctx, *state, identity)
}

// setIdentity sets identity (nil when Terraform has none) to the state's id.
func setIdentity(ctx context.Context, state tfsdk.State, identity *tfsdk.ResourceIdentity) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	var id string
	diags := state.GetAttribute(ctx, path.Root("id"), &id)
	return append(diags, identity.SetAttribute(ctx, path.Root("id"), id)...)
}

// settle replaces every value of a plan that is not known yet with one
// made up as a server would: an id, a timestamp, a short id or URL.
func settle(plan tftypes.Value) (tftypes.Value, error) {
	return tftypes.Transform(plan, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		steps := p.Steps()
		name, ok := steps[len(steps)-1].(tftypes.AttributeName)
		if !ok || !v.Type().Is(tftypes.String) {
			return v, fmt.Errorf("%s is unknown and not a string attribute; the floor makes up strings only", p)
		}
		return tftypes.NewValue(tftypes.String, madeUp(string(name))), nil
	})
}

// madeUp is a value for the computed attribute name, of the size Hoko's
// would have.
func madeUp(name string) string {
	switch {
	case name == "id":
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
	case strings.HasSuffix(name, "_at"):
		return time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	case strings.HasSuffix(name, "_url"):
		return "https://hoko.to/" + rand.Text()[:7]
	}
	return rand.Text()[:7]
}
