package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Every resource's identity is the object's id alone: it is what Hoko looks
// objects up by, and it never changes, so Terraform 1.12+ can import with
// `identity = { id = "..." }` and `terraform query` can hand it out.

// idIdentityModel is the resource identity of any Hoko object: its id.
type idIdentityModel struct {
	ID types.String `tfsdk:"id"`
}

// idIdentitySchema declares the identity of a resource of kind: the id,
// required for import.
func idIdentitySchema(kind objectKind) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				Description: fmt.Sprintf("The %s's id, a UUID assigned by Hoko when the %s is created. "+
					"It never changes, so it identifies the %s for import and for `terraform query`.", kind.name, kind.name, kind.name),
				RequiredForImport: true,
			},
		},
	}
}

// setIDIdentity records the identity of the object with id. Terraform
// before 1.12 knows nothing of identities; the framework then passes no
// identity, and there is nothing to set.
func setIDIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id string, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.Set(ctx, idIdentityModel{ID: types.StringValue(id)})...)
}

// importObject adopts an existing object of kind by the id of an import
// block (or `terraform import`), or by the id in an import block's identity.
// A malformed id is refused before any request is sent; the Read that
// follows fills in the rest and fails the import if no live object has the
// id.
func importObject(ctx context.Context, kind objectKind, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, source := req.ID, "import id"
	if id == "" && req.Identity != nil {
		var identity idIdentityModel
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
		if resp.Diagnostics.HasError() {
			return
		}
		id, source = identity.ID.ValueString(), "identity id"
	}
	if !isUUID(id) {
		resp.Diagnostics.AddError(fmt.Sprintf("Invalid %s ID", kind.title()),
			fmt.Sprintf("The %s %q is not a %s id. Hoko %s ids are UUIDs such as "+
				"\"550e8400-e29b-41d4-a716-446655440000\"; find the id in the Hoko app or with the "+
				"%s data source.", source, id, kind.name, kind.name, kind.typeName()))
		return
	}
	// Hoko accepts ids in either case but always writes them in lower case;
	// storing that form keeps the state and the identity equal to what every
	// later read returns.
	id = strings.ToLower(id)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	setIDIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}
