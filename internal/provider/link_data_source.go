package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ datasource.DataSource                     = (*linkDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*linkDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*linkDataSource)(nil)
)

// NewLinkDataSource returns the hoko_link data source.
func NewLinkDataSource() datasource.DataSource {
	return &linkDataSource{}
}

// linkDataSource looks up one existing link by id or by external id.
type linkDataSource struct {
	objects kindObjects[hoko.Link, hoko.LinkItem]
}

// Metadata names the data source hoko_link.
func (d *linkDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_link"
}

// Schema describes hoko_link. Its attributes are those of the resource, so
// the same model (linkModel) carries both.
func (d *linkDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := linkComputedAttributes()
	attrs["id"] = schema.StringAttribute{
		Description: "The id of the link to look up, a UUID. Set either `id` or `external_id`; when looking up " +
			"by external id, this is the id of the link found.",
		Optional:   true,
		Computed:   true,
		Validators: idLookupValidators(linkKind),
	}
	attrs["external_id"] = schema.StringAttribute{
		Description: "The external id of the link to look up; external ids are unique among live links and " +
			"case-sensitive. Set either `external_id` or `id`. Both lookups are one request: Hoko filters by " +
			"external id.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		Description: "Looks up one existing Hoko link by `id` or by `external_id` (set exactly one). Reading fails " +
			"when no live link matches.",
		Attributes: attrs,
	}
}

// linkComputedAttributes returns the attributes of a link that both data
// sources only ever read from Hoko, so their descriptions agree.
func linkComputedAttributes() map[string]schema.Attribute {
	computed := func(description string) schema.Attribute {
		return schema.StringAttribute{Description: description, Computed: true}
	}
	utm := map[string]schema.Attribute{}
	for key, description := range utmKeyDescriptions {
		utm[key] = computed(description + " Null when not set.")
	}
	return addTimestampDataAttributes(map[string]schema.Attribute{
		"url":           computed("The link's destination URL."),
		"collection_id": computed("The id of the collection the link belongs to."),
		"title":         computed("The link's title, or null when it has none."),
		"description":   computed("The link's description, or null when it has none."),
		"image":         computed("The URL of the link's preview image, or null when it has none."),
		"utm": schema.SingleNestedAttribute{
			Description: "The link's UTM values; null when no key is set.",
			Computed:    true,
			Attributes:  utm,
		},
		"tenant_id":   computed("The link's tenant id, or null when it has none."),
		"partner_id":  computed("The id of the partner the link is attributed to, or null when it has none."),
		"short_id":    computed("The link's short id. " + shortFieldsNote),
		"short_url":   computed("The link's short URL. " + shortFieldsNote),
		"qr_code_url": computed("The URL of the link's QR code image. " + shortFieldsNote),
	}, linkKind)
}

// ConfigValidators requires exactly one of id and external_id, so the
// lookup is never ambiguous and the error comes at plan time.
func (d *linkDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("external_id")),
	}
}

// Configure takes the API client the provider built.
func (d *linkDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.objects = linkObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// Read looks the link up with one GET, by id or by the externalId filter.
func (d *linkDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readLookup(ctx, d.objects, req, resp, linkWithExternalID, newLinkModel)
}
