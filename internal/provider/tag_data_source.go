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
	_ datasource.DataSource                     = (*tagDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*tagDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*tagDataSource)(nil)
)

// NewTagDataSource returns the hoko_tag data source.
func NewTagDataSource() datasource.DataSource {
	return &tagDataSource{}
}

// tagDataSource looks up one existing tag by id or by name.
type tagDataSource struct {
	objects kindObjects[hoko.Tag, hoko.TagItem]
}

// Metadata names the data source hoko_tag.
func (d *tagDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tag"
}

// Schema describes hoko_tag, whose attributes are those of the resource.
func (d *tagDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Looks up one existing Hoko tag by `id` or by `name` (set exactly one). Reading fails when " +
			"no tag matches.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description: "The id of the tag to look up, a UUID. Set either `id` or `name`; when looking up by " +
					"name, this is the id of the tag found.",
				Optional:   true,
				Computed:   true,
				Validators: idLookupValidators(tagKind),
			},
			"name": schema.StringAttribute{
				Description: "The exact name of the tag to look up; names are unique per workspace and " +
					"case-sensitive. Set either `name` or `id`; when looking up by id, this is the tag's name. A " +
					"lookup by name reads the whole workspace, as Hoko has no name filter; a lookup by id is one request.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"color": tagColorAttribute(),
		},
	}
}

// tagColorAttribute is the colour of a tag a data source found.
func tagColorAttribute() schema.StringAttribute {
	return schema.StringAttribute{Description: "The tag's colour, such as `blue`.", Computed: true}
}

// ConfigValidators requires exactly one of id and name, so the lookup is
// never ambiguous and the error comes at plan time, before any request.
func (d *tagDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

// Configure takes the API client the provider built.
func (d *tagDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.objects = tagObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// Read looks the tag up with one GET by id, or by listing the workspace for
// a name.
func (d *tagDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readLookup(ctx, d.objects, req, resp, tagNamed, newTagModel)
}
