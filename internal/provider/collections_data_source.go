package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ datasource.DataSource              = (*collectionsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*collectionsDataSource)(nil)
)

// NewCollectionsDataSource returns the hoko_collections data source.
func NewCollectionsDataSource() datasource.DataSource {
	return &collectionsDataSource{}
}

// collectionsDataSource lists every collection of the workspace.
type collectionsDataSource struct {
	client *hoko.Client
}

// collectionsDataSourceModel is the configuration and result of
// hoko_collections. Each collection is a collectionModel, the same
// translation the resource and the hoko_collection data source use.
type collectionsDataSourceModel struct {
	Sort         types.String      `tfsdk:"sort"`
	NameContains types.String      `tfsdk:"name_contains"`
	Collections  []collectionModel `tfsdk:"collections"`
}

// Metadata names the data source hoko_collections.
func (d *collectionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_collections"
}

// Schema describes hoko_collections.
func (d *collectionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := collectionComputedAttributes()
	item["id"] = schema.StringAttribute{
		Description: "The collection's id, a UUID.",
		Computed:    true,
	}
	item["name"] = schema.StringAttribute{
		Description: "The collection's name, unique in the workspace.",
		Computed:    true,
	}
	resp.Schema = schema.Schema{
		Description: "Lists every live collection of the Hoko workspace, optionally filtered by name. All pages are " +
			"read (10,000 collections per request, the API's maximum), so workspaces of any size are listed in full.",
		Attributes: map[string]schema.Attribute{
			"sort": schema.StringAttribute{
				Description: "The order of `collections` by creation time: `asc` for oldest first or `desc` for " +
					"newest first. Leave it out for Hoko's default, which is `desc`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(hoko.SortAsc, hoko.SortDesc)},
			},
			nameContainsAttribute: schema.StringAttribute{
				Description: nameContainsDescription,
				Optional:    true,
				Validators:  nameContainsValidators(),
			},
			"collections": schema.ListNestedAttribute{
				Description:  "The collections found, in the order `sort` asks for.",
				Computed:     true,
				NestedObject: schema.NestedAttributeObject{Attributes: item},
			},
		},
	}
}

// Configure takes the API client the provider built.
func (d *collectionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// Read lists the whole workspace and keeps the collections the name filter
// lets through.
func (d *collectionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg collectionsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	all, err := d.client.Collections().All(ctx, hoko.ListOptions{Sort: cfg.Sort.ValueString()})
	if err != nil {
		addAPIError(&resp.Diagnostics, "list the workspace's collections", err)
		return
	}
	// An empty list rather than null when nothing matches, so that
	// length(data.hoko_collections.x.collections) is 0 and not an error.
	cfg.Collections = make([]collectionModel, 0, len(all))
	for _, col := range all {
		if matchesNameFilter(col.Name, cfg.NameContains) {
			cfg.Collections = append(cfg.Collections, newCollectionModel(col))
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
