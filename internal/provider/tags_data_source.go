package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ datasource.DataSource              = (*tagsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*tagsDataSource)(nil)
)

// NewTagsDataSource returns the hoko_tags data source.
func NewTagsDataSource() datasource.DataSource {
	return &tagsDataSource{}
}

// tagsDataSource lists every tag of the workspace.
type tagsDataSource struct {
	objects kindObjects[hoko.Tag, hoko.TagItem]
}

// tagsDataSourceModel is the configuration and result of hoko_tags.
type tagsDataSourceModel struct {
	nameFilterModel
	Tags []tagModel `tfsdk:"tags"`
}

// Metadata names the data source hoko_tags.
func (d *tagsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tags"
}

// Schema describes hoko_tags.
func (d *tagsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = pluralSchema(tagKind, "Lists every tag of the Hoko workspace, optionally filtered by name. All "+
		"pages are read (10,000 tags per request, the API's maximum), so workspaces of any size are listed in full.",
		"The tags found, in Hoko's order for tags: by id, not by creation time.", map[string]schema.Attribute{
			"id":    schema.StringAttribute{Description: "The tag's id, a UUID.", Computed: true},
			"name":  schema.StringAttribute{Description: "The tag's name, unique in the workspace.", Computed: true},
			"color": tagColorAttribute(),
		})
}

// Configure takes the API client the provider built.
func (d *tagsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.objects = tagObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// Read lists the whole workspace and keeps the tags the name filter lets
// through.
func (d *tagsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readList[tagsDataSourceModel](ctx, d.objects, req, resp, newTagModel)
}

// withFound is the model with the tags found.
func (m tagsDataSourceModel) withFound(found []tagModel) tagsDataSourceModel {
	m.Tags = found
	return m
}
