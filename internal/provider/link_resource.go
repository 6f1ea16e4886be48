package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ resource.Resource                = (*linkResource)(nil)
	_ resource.ResourceWithConfigure   = (*linkResource)(nil)
	_ resource.ResourceWithImportState = (*linkResource)(nil)
	_ resource.ResourceWithIdentity    = (*linkResource)(nil)
)

// NewLinkResource returns the hoko_link resource.
func NewLinkResource() resource.Resource {
	return &linkResource{}
}

// linkResource manages one Hoko short link through the upsert API.
type linkResource struct {
	objects kindObjects[hoko.Link, hoko.LinkItem]
}

// Metadata names the resource hoko_link.
func (r *linkResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_link"
}

// Schema describes hoko_link.
func (r *linkResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	kept := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		Description: "Manages a Hoko short link: a destination URL in a collection, with the short URL and QR code " +
			"Hoko serves for it, optional UTM values, and an optional external id for syncing with other systems. " +
			"Every change, a move to another collection included, is applied in place through Hoko's upsert API, " +
			"so a link is never replaced and its short URL never changes; destroying it soft-deletes it on Hoko.",
		Attributes: addTimestampAttributes(map[string]schema.Attribute{
			"id": idAttribute(linkKind),
			"url": schema.StringAttribute{
				Description: "The destination a visitor of the short URL is sent to: an absolute `http` or " +
					"`https` URL with a host, at most 2,048 characters, checked at plan time. To add UTM " +
					"parameters to it, see the `utm_url` function.",
				Required:   true,
				Validators: []validator.String{httpURLValidator{}},
			},
			"collection_id": schema.StringAttribute{
				Description: "The id of the collection the link belongs to, usually `hoko_collection.<name>.id`. " +
					"Changing it moves the link to the other collection in place: it keeps its id and short URL. " +
					"An id that names no live collection fails with a diagnostic saying so.",
				Required:   true,
				Validators: idLookupValidators(collectionKind),
			},
			"title": schema.StringAttribute{
				Description: "The link's title. Removing it from the configuration clears it on Hoko (the " +
					"update sends an explicit `null`); `\"\"` is kept as an empty string, distinct from null.",
				Optional: true,
			},
			"description": schema.StringAttribute{
				Description: "The link's description. Removing it clears it on Hoko; `\"\"` is kept as an empty " +
					"string, distinct from null.",
				Optional: true,
			},
			"image": schema.StringAttribute{
				Description: "The URL of the link's preview image, checked at plan time like `url`. Removing it " +
					"clears it on Hoko.",
				Optional:   true,
				Validators: []validator.String{httpURLValidator{}},
			},
			"utm": schema.SingleNestedAttribute{
				Description: "The link's UTM values, written `utm = { source = \"newsletter\", medium = \"email\" }`; " +
					"every key is optional. Hoko merges UTM values key by key, so a key removed from the " +
					"configuration is sent as `null` inside `utm`, and removing `utm` altogether clears every key. " +
					"Hoko does not tell `utm = {}` from no `utm`: both mean no key is set.",
				Optional:   true,
				Attributes: utmResourceAttributes(),
			},
			"external_id": schema.StringAttribute{
				Description: "An id of your own for the link, for syncing with other systems; unique among the live " +
					"links of the workspace. A value another link holds fails with a diagnostic that names that " +
					"link's id and shows the `import` block adopting it. Removing it clears it on Hoko.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"tenant_id": schema.StringAttribute{
				Description: "A tenant id of your own, for links kept on behalf of several customers. Removing it " +
					"clears it on Hoko.",
				Optional: true,
			},
			"partner_id": schema.StringAttribute{
				Description: "The id of the partner the link is attributed to, usually `hoko_partner.<name>.id`. " +
					"Removing it detaches the partner. An id that names no live partner fails with a diagnostic " +
					"saying so.",
				Optional:   true,
				Validators: idLookupValidators(partnerKind),
			},
			"short_id": schema.StringAttribute{
				Description: "The short id Hoko assigned when the link was created; it never changes. " +
					shortFieldsNote,
				Computed:      true,
				PlanModifiers: kept,
			},
			"short_url": schema.StringAttribute{
				Description:   "The short URL Hoko serves for the link, under `https://hoko.to`. " + shortFieldsNote,
				Computed:      true,
				PlanModifiers: kept,
			},
			"qr_code_url": schema.StringAttribute{
				Description:   "The URL of the link's QR code image. " + shortFieldsNote,
				Computed:      true,
				PlanModifiers: kept,
			},
		}, linkKind),
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx, linkKind)},
	}
}

// shortFieldsNote is said of each computed short link attribute.
const shortFieldsNote = "Hoko's pages promise this value but do not show its JSON name, so the name the provider " +
	"reads (`shortId`, `shortUrl`, `qrCodeUrl`) is unverified against the live API: when Hoko's answer lacks it, " +
	"the attribute is null, never an error, and a value once known is kept."

// utmResourceAttributes are the keys of the resource's utm attribute.
func utmResourceAttributes() map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{}
	for key, description := range utmKeyDescriptions {
		attrs[key] = schema.StringAttribute{Description: description, Optional: true}
	}
	return attrs
}

// utmKeyDescriptions document the keys of a link's utm.
var utmKeyDescriptions = map[string]string{
	"source":   "The campaign's source (`utm_source`), such as `newsletter`.",
	"medium":   "The campaign's medium (`utm_medium`), such as `email`.",
	"campaign": "The campaign's name (`utm_campaign`), such as `spring_sale`.",
	"term":     "The paid search term (`utm_term`).",
	"content":  "What tells links of one campaign apart (`utm_content`), such as `hero_banner`.",
	"referral": "Hoko's referral value, kept by Hoko with the link's UTM values.",
}

// IdentitySchema declares the identity: the id, required for import.
func (r *linkResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema(linkKind)
}

// Configure takes the API client the provider built.
func (r *linkResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.objects = linkObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// Create sends one PUT item without an id. A taken external id fails with
// the import block that adopts its link; a missing collection or partner is
// named.
func (r *linkResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createObject[linkResourceModel](ctx, r.objects, req, resp)
}

// Read refreshes the state; a link that is gone is removed from it.
func (r *linkResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readObject[linkResourceModel](ctx, r.objects, req, resp)
}

// Update sends one PUT item with the id and every field, null for those the
// configuration no longer sets, so a move to another collection happens in
// place.
func (r *linkResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateObject[linkResourceModel](ctx, r.objects, req, resp)
}

// Delete soft-deletes the link; one already gone counts as deleted.
func (r *linkResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteObject[linkResourceModel](ctx, r.objects, req, resp)
}

// ImportState adopts an existing link by id or by identity.
func (r *linkResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importObject(ctx, linkKind, req, resp)
}
