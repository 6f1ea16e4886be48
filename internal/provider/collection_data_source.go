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
	_ datasource.DataSource                     = (*collectionDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*collectionDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*collectionDataSource)(nil)
)

// NewCollectionDataSource returns the hoko_collection data source.
func NewCollectionDataSource() datasource.DataSource {
	return &collectionDataSource{}
}

// collectionDataSource looks up one existing collection by id or by name.
type collectionDataSource struct {
	objects kindObjects[hoko.Collection, hoko.CollectionItem]
}

// Metadata names the data source hoko_collection.
func (d *collectionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_collection"
}

// Schema describes hoko_collection. Its attributes are those of the resource,
// so the same model (collectionModel) carries both.
func (d *collectionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := collectionComputedAttributes()
	attrs["id"] = schema.StringAttribute{
		Description: "The id of the collection to look up, a UUID. Set either `id` or `name`; when looking up " +
			"by name, this is the id of the collection found.",
		Optional:   true,
		Computed:   true,
		Validators: idLookupValidators(collectionKind),
	}
	attrs["name"] = schema.StringAttribute{
		Description: "The exact name of the collection to look up; names are unique per workspace and " +
			"case-sensitive. Set either `name` or `id`; when looking up by id, this is the collection's name. " +
			"A lookup by name reads the whole workspace, as Hoko has no name filter; a lookup by id is one request.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		Description: "Looks up one existing Hoko collection by `id` or by `name` (set exactly one), for example the " +
			"`Links` collection every workspace starts with. Reading fails when no live collection matches.",
		Attributes: attrs,
	}
}

// collectionComputedAttributes returns the attributes of a collection that
// both data sources only ever read from Hoko, so their descriptions agree.
func collectionComputedAttributes() map[string]schema.Attribute {
	return addTimestampDataAttributes(map[string]schema.Attribute{
		"description": schema.StringAttribute{
			Description: "The collection's description, or null when it has none.",
			Computed:    true,
		},
	}, collectionKind)
}

// ConfigValidators requires exactly one of id and name, so the lookup is
// never ambiguous and the error comes at plan time, before any request.
func (d *collectionDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

// Configure takes the API client the provider built.
func (d *collectionDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.objects = collectionObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// Read looks the collection up with one GET by id, or by listing the
// workspace for a name.
func (d *collectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readLookup(ctx, d.objects, req, resp, collectionNamed, newCollectionModel)
}
