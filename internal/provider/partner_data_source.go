package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ datasource.DataSource              = (*partnerDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*partnerDataSource)(nil)
)

// NewPartnerDataSource returns the hoko_partner data source.
func NewPartnerDataSource() datasource.DataSource {
	return &partnerDataSource{}
}

// partnerDataSource looks up one existing partner by id.
type partnerDataSource struct {
	objects kindObjects[hoko.Partner, hoko.PartnerItem]
}

// Metadata names the data source hoko_partner.
func (d *partnerDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_partner"
}

// Schema describes hoko_partner: the id to look up, and what Hoko holds.
func (d *partnerDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := partnerComputedAttributes()
	attrs["id"] = schema.StringAttribute{
		Description: "The id of the partner to look up, a UUID. Partner names are not unique, so a partner is " +
			"looked up by id only; use hoko_partners to find partners by name.",
		Required:   true,
		Validators: idLookupValidators(partnerKind),
	}
	resp.Schema = schema.Schema{
		Description: "Looks up one existing Hoko partner by `id` with one request. Reading fails when no live " +
			"partner has the id.",
		Attributes: attrs,
	}
}

// partnerComputedAttributes returns the attributes of a partner that both
// data sources only ever read from Hoko, so their descriptions agree.
func partnerComputedAttributes() map[string]schema.Attribute {
	return addTimestampDataAttributes(map[string]schema.Attribute{
		"name":  schema.StringAttribute{Description: "The partner's name; names need not be unique.", Computed: true},
		"email": schema.StringAttribute{Description: "The partner's email address, or null when it has none.", Computed: true},
		"phone": schema.StringAttribute{Description: "The partner's phone number, or null when it has none.", Computed: true},
	}, partnerKind)
}

// Configure takes the API client the provider built.
func (d *partnerDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.objects = partnerObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// Read looks the partner up with one GET by id.
func (d *partnerDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readLookup(ctx, d.objects, req, resp, nil, newPartnerModel)
}
