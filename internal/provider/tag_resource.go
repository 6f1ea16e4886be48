package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ resource.Resource                = (*tagResource)(nil)
	_ resource.ResourceWithConfigure   = (*tagResource)(nil)
	_ resource.ResourceWithImportState = (*tagResource)(nil)
	_ resource.ResourceWithIdentity    = (*tagResource)(nil)
)

// NewTagResource returns the hoko_tag resource.
func NewTagResource() resource.Resource {
	return &tagResource{}
}

// tagResource manages one Hoko tag through the upsert API.
type tagResource struct {
	objects kindObjects[hoko.Tag, hoko.TagItem]
}

// Metadata names the resource hoko_tag.
func (r *tagResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tag"
}

// Schema describes hoko_tag.
func (r *tagResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manages a Hoko tag: a coloured label for the links of a workspace. Renames and colour changes " +
			"are applied in place, so a tag is never replaced. Destroying a tag deletes it **permanently**: Hoko " +
			"has no soft delete for tags, the tag cannot be restored, and every link loses its association with it.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute(tagKind),
			"name": schema.StringAttribute{
				Description: "The tag's name, 1 to 50 characters and not only spaces, unique among the tags of the workspace: Hoko " +
					"refuses a name that another tag holds, and the provider then shows the import block that " +
					"adopts that tag. Renaming updates the tag in place.",
				Required:   true,
				Validators: []validator.String{stringvalidator.UTF8LengthBetween(1, 50), notBlank()},
			},
			"color": schema.StringAttribute{
				Description: "The tag's colour, one of `" + joinColors() + "`. Defaults to `" + defaultTagColor +
					"`, as on Hoko: removing `color` from the configuration sets the tag back to `" + defaultTagColor + "`.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(defaultTagColor),
				Validators: []validator.String{stringvalidator.OneOf(tagColors...)},
			},
		},
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx, tagKind)},
	}
}

// IdentitySchema declares the identity: the id, required for import.
func (r *tagResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema(tagKind)
}

// Configure takes the API client the provider built.
func (r *tagResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.objects = tagObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// Create sends one PUT item without an id; a name another tag holds fails
// with the import block that adopts it.
func (r *tagResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createObject[tagResourceModel](ctx, r.objects, req, resp)
}

// Read refreshes the state; a tag that is gone is removed from it.
func (r *tagResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readObject[tagResourceModel](ctx, r.objects, req, resp)
}

// Update sends one PUT item with the id, the name and the colour; a rename
// to a name another tag holds fails with the import hint.
func (r *tagResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateObject[tagResourceModel](ctx, r.objects, req, resp)
}

// Delete deletes the tag for good; one already gone counts as deleted.
func (r *tagResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteObject[tagResourceModel](ctx, r.objects, req, resp)
}

// ImportState adopts an existing tag by id or by identity.
func (r *tagResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObject(ctx, tagKind, req, resp)
}
