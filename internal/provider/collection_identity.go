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
)

// This file holds hoko_collection's resource identity and import. The
// identity is the collection's id alone: it is what Hoko looks collections up
// by, and it never changes, so Terraform 1.12+ can import with
// `identity = { id = "..." }` and `terraform query` can hand it out.

// IdentitySchema declares the identity: the id, required for import.
func (r *collectionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				Description: "The collection's id, a UUID assigned by Hoko when the collection is created. " +
					"It never changes, so it identifies the collection for import and for `terraform query`.",
				RequiredForImport: true,
			},
		},
	}
}

// setCollectionIdentity records the identity of collection id. Terraform
// before 1.12 knows nothing of identities; the framework then passes no
// identity, and there is nothing to set.
func setCollectionIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id string, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.Set(ctx, newCollectionIdentityModel(id))...)
}

// ImportState adopts an existing collection by the id of an import block (or
// `terraform import`), or by the id in an import block's identity. A
// malformed id is refused before any request is sent; the Read that follows
// fills in the rest and fails the import if no live collection has the id.
func (r *collectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, source := req.ID, "import id"
	if id == "" && req.Identity != nil {
		var identity collectionIdentityModel
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
		if resp.Diagnostics.HasError() {
			return
		}
		id, source = identity.ID.ValueString(), "identity id"
	}
	if !isUUID(id) {
		resp.Diagnostics.AddError("Invalid Collection ID",
			fmt.Sprintf("The %s %q is not a collection id. Hoko collection ids are UUIDs such as "+
				"\"550e8400-e29b-41d4-a716-446655440000\"; find the id in the Hoko app or with the "+
				"hoko_collection data source.", source, id))
		return
	}
	// Hoko accepts ids in either case but always writes them in lower case;
	// storing that form keeps the state and the identity equal to what every
	// later read returns.
	id = strings.ToLower(id)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	setCollectionIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}
