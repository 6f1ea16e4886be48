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
	_ resource.Resource                = (*partnerResource)(nil)
	_ resource.ResourceWithConfigure   = (*partnerResource)(nil)
	_ resource.ResourceWithImportState = (*partnerResource)(nil)
	_ resource.ResourceWithIdentity    = (*partnerResource)(nil)
)

// NewPartnerResource returns the hoko_partner resource.
func NewPartnerResource() resource.Resource {
	return &partnerResource{}
}

// partnerResource manages one Hoko partner through the upsert API.
type partnerResource struct {
	objects kindObjects[hoko.Partner, hoko.PartnerItem]
}

// Metadata names the resource hoko_partner.
func (r *partnerResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_partner"
}

// Schema describes hoko_partner.
func (r *partnerResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manages a Hoko partner: a person or company that links can be attributed to. Changes are " +
			"applied in place through Hoko's upsert API, so a partner is never replaced; destroying it soft-deletes " +
			"it on Hoko. Partner names are not unique: two partners may share a name, and each resource manages " +
			"its own partner by id.",
		Attributes: addTimestampAttributes(map[string]schema.Attribute{
			"id": idAttribute(partnerKind),
			"name": schema.StringAttribute{
				Description: "The partner's name, 1 to 100 characters and not only spaces. Names need not be unique. Renaming updates " +
					"the partner in place.",
				Required:   true,
				Validators: []validator.String{stringvalidator.UTF8LengthBetween(1, 100), notBlank()},
			},
			"email": schema.StringAttribute{
				Description: "The partner's email address, with one `@` and text on both sides of it. Leave it out " +
					"for none: removing it from the configuration clears it on Hoko, because the update sends an " +
					"explicit `null`.",
				Optional: true,
				Validators: []validator.String{stringvalidator.RegexMatches(emailPattern,
					"must be an email address: one @ with text on both sides and no spaces")},
			},
			"phone": schema.StringAttribute{
				Description: "The partner's phone number, as free text such as `+1234567890`. Leave it out for " +
					"none: removing it from the configuration clears it on Hoko (an explicit `null`).",
				Optional: true,
			},
		}, partnerKind),
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx, partnerKind)},
	}
}

// IdentitySchema declares the identity: the id, required for import.
func (r *partnerResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema(partnerKind)
}

// Configure takes the API client the provider built.
func (r *partnerResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.objects = partnerObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// Create sends one PUT item without an id. With no unique name to find it
// by, a create whose answer is lost is settled by the client (DESIGN.md).
func (r *partnerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createObject[partnerResourceModel](ctx, r.objects, req, resp)
}

// Read refreshes the state; a partner that is gone is removed from it.
func (r *partnerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readObject[partnerResourceModel](ctx, r.objects, req, resp)
}

// Update sends one PUT item with the id, the name, and the email and phone
// (null when the configuration no longer sets them).
func (r *partnerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateObject[partnerResourceModel](ctx, r.objects, req, resp)
}

// Delete soft-deletes the partner; one already gone counts as deleted.
func (r *partnerResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteObject[partnerResourceModel](ctx, r.objects, req, resp)
}

// ImportState adopts an existing partner by id or by identity.
func (r *partnerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObject(ctx, partnerKind, req, resp)
}
