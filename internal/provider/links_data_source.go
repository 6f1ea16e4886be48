package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ datasource.DataSource              = (*linksDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*linksDataSource)(nil)
)

// NewLinksDataSource returns the hoko_links data source.
func NewLinksDataSource() datasource.DataSource {
	return &linksDataSource{}
}

// linksDataSource lists the workspace's links, filtered.
type linksDataSource struct {
	objects kindObjects[hoko.Link, hoko.LinkItem]
}

// linksDataSourceModel is the configuration and result of hoko_links. Each
// link is a linkModel, the same translation the resource and the hoko_link
// data source use.
type linksDataSourceModel struct {
	linkFilterModel
	Links []linkModel `tfsdk:"links"`
}

// Metadata names the data source hoko_links.
func (d *linksDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_links"
}

// Schema describes hoko_links.
func (d *linksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := linkComputedAttributes()
	item["id"] = schema.StringAttribute{Description: "The link's id, a UUID.", Computed: true}
	item["external_id"] = schema.StringAttribute{
		Description: "The link's external id, or null when it has none.", Computed: true,
	}
	attrs := map[string]schema.Attribute{
		"links": schema.ListNestedAttribute{
			Description:  "The links found, oldest first.",
			Computed:     true,
			NestedObject: schema.NestedAttributeObject{Attributes: item},
		},
	}
	for _, f := range linkFilters() {
		attrs[f.name] = schema.StringAttribute{Description: f.description, Optional: true, Validators: f.validators}
	}
	resp.Schema = schema.Schema{
		Description: "Lists the live links of the Hoko workspace, oldest first, optionally filtered; the filters " +
			"combine with AND. All pages are read (10,000 links per request, the API's maximum), so workspaces of " +
			"any size are listed in full.",
		Attributes: attrs,
	}
}

// Configure takes the API client the provider built.
func (d *linksDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.objects = linkObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// Read lists the links the filters ask for, every page.
func (d *linksDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readQueried[linksDataSourceModel](ctx, d.objects, req, resp, linksDataSourceModel.query, newLinkModel)
}

// withFound is the model with the links found.
func (m linksDataSourceModel) withFound(found []linkModel) linksDataSourceModel {
	m.Links = found
	return m
}
