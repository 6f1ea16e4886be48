package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ datasource.DataSource              = (*partnersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*partnersDataSource)(nil)
)

// NewPartnersDataSource returns the hoko_partners data source.
func NewPartnersDataSource() datasource.DataSource {
	return &partnersDataSource{}
}

// partnersDataSource lists every partner of the workspace.
type partnersDataSource struct {
	objects kindObjects[hoko.Partner, hoko.PartnerItem]
}

// partnersDataSourceModel is the configuration and result of hoko_partners.
type partnersDataSourceModel struct {
	nameFilterModel
	Partners []partnerModel `tfsdk:"partners"`
}

// Metadata names the data source hoko_partners.
func (d *partnersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_partners"
}

// Schema describes hoko_partners.
func (d *partnersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := partnerComputedAttributes()
	item["id"] = schema.StringAttribute{Description: "The partner's id, a UUID.", Computed: true}
	resp.Schema = pluralSchema(partnerKind, "Lists every live partner of the Hoko workspace, optionally filtered by "+
		"name; partners that share a name are all listed. All pages are read (10,000 partners per request, the "+
		"API's maximum), so workspaces of any size are listed in full.",
		"The partners found, newest first (Hoko's default order).", item)
}

// Configure takes the API client the provider built.
func (d *partnersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.objects = partnerObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// Read lists the whole workspace and keeps the partners the name filter
// lets through.
func (d *partnersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readList[partnersDataSourceModel](ctx, d.objects, req, resp, newPartnerModel)
}

// withFound is the model with the partners found.
func (m partnersDataSourceModel) withFound(found []partnerModel) partnersDataSourceModel {
	m.Partners = found
	return m
}
