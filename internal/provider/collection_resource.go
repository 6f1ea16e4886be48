package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ resource.Resource                = (*collectionResource)(nil)
	_ resource.ResourceWithConfigure   = (*collectionResource)(nil)
	_ resource.ResourceWithImportState = (*collectionResource)(nil)
	_ resource.ResourceWithIdentity    = (*collectionResource)(nil)
)

// NewCollectionResource returns the hoko_collection resource.
func NewCollectionResource() resource.Resource {
	return &collectionResource{}
}

// collectionResource manages one Hoko collection through the upsert API.
type collectionResource struct {
	objects kindObjects[hoko.Collection, hoko.CollectionItem]
}

// Metadata names the resource hoko_collection.
func (r *collectionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_collection"
}

// Schema describes hoko_collection.
func (r *collectionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manages a Hoko collection: a named group of short links in a workspace, where every link " +
			"belongs to exactly one collection. Changes are applied in place through Hoko's upsert API, so a " +
			"collection is never replaced; destroying it soft-deletes it on Hoko.",
		Attributes: addTimestampAttributes(map[string]schema.Attribute{
			"id": idAttribute(collectionKind),
			"name": schema.StringAttribute{
				Description: "The collection's name, 1 to 32 characters and not only spaces, unique among the live collections of the " +
					"workspace: Hoko refuses a name that another collection holds. Renaming updates the collection in place.",
				Required:   true,
				Validators: []validator.String{stringvalidator.UTF8LengthBetween(1, 32), notBlank()},
			},
			"description": schema.StringAttribute{
				Description: "The collection's free-text description; Hoko documents no length limit. Leave it out " +
					"for no description: removing it from the configuration clears it on Hoko, because the update " +
					"sends an explicit `null`. An empty string `\"\"` is a value of its own: Hoko stores it and the " +
					"provider keeps it as `\"\"`, never as null. Terraform's human-readable plan and `terraform show` do not " +
					"tell the two apart (a change between them is listed as an update that hides `description` among the " +
					"unchanged attributes, and `show` prints `\"\"` as `null`); `terraform show -json` does.",
				Optional: true,
			},
		}, collectionKind),
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx, collectionKind)},
	}
}

// IdentitySchema declares the identity: the id, required for import.
func (r *collectionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema(collectionKind)
}

// Configure takes the API client the provider built.
func (r *collectionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.objects = collectionObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// Create sends one PUT item without an id; a name another collection holds
// fails with the import block that adopts it.
func (r *collectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createObject[collectionResourceModel](ctx, r.objects, req, resp)
}

// Read refreshes the state; a collection that is gone is removed from it.
func (r *collectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readObject[collectionResourceModel](ctx, r.objects, req, resp)
}

// Update sends one PUT item with the id, the name and the description (null
// when the configuration no longer sets it); a rename to a name another
// collection holds fails with the import hint, as a create does.
func (r *collectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateObject[collectionResourceModel](ctx, r.objects, req, resp)
}

// Delete soft-deletes the collection; one already gone counts as deleted.
func (r *collectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteObject[collectionResourceModel](ctx, r.objects, req, resp)
}

// ImportState adopts an existing collection by id or by identity.
func (r *collectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObject(ctx, collectionKind, req, resp)
}
