package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

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
	client *hoko.Client
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
		Optional: true,
		Computed: true,
		Validators: []validator.String{stringvalidator.RegexMatches(uuidPattern,
			`must be a collection id, a UUID such as "550e8400-e29b-41d4-a716-446655440000"`)},
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
	return map[string]schema.Attribute{
		"description": schema.StringAttribute{
			Description: "The collection's description, or null when it has none.",
			Computed:    true,
		},
		"created_at": schema.StringAttribute{
			Description: "When the collection was created, in RFC 3339 format (UTC).",
			Computed:    true,
		},
		"updated_at": schema.StringAttribute{
			Description: "When the collection was last written, in RFC 3339 format (UTC).",
			Computed:    true,
		},
	}
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
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// Read looks the collection up with one GET by id, or by listing the
// workspace for a name.
func (d *collectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg collectionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}

	var (
		col      hoko.Collection
		err      error
		searched string
	)
	if !cfg.ID.IsNull() {
		searched = fmt.Sprintf("with id %q", cfg.ID.ValueString())
		// Hoko writes ids in lower case but accepts either; the client
		// compares the answer with the id it asked for, so ask in lower case.
		col, err = d.client.Collections().Get(ctx, strings.ToLower(cfg.ID.ValueString()))
	} else {
		searched = fmt.Sprintf("named %q", cfg.Name.ValueString())
		col, err = d.client.Collections().Holder(ctx, hoko.CollectionItem{Name: hoko.Value(cfg.Name.ValueString())})
	}
	if errors.Is(err, hoko.ErrNotFound) {
		resp.Diagnostics.AddError("Collection Not Found",
			fmt.Sprintf("No live collection %s exists in this Hoko workspace. Names are case-sensitive, and "+
				"deleted collections cannot be found. Check the value, or list the workspace's collections with "+
				"the hoko_collections data source.\n\nError: %s", searched, err))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "look up the collection "+searched, err)
		return
	}

	found := newCollectionModel(col)
	if !cfg.ID.IsNull() {
		// Keep the id as configured (it may be in upper case): Terraform
		// refuses a data source that changes a configured value.
		found.ID = cfg.ID
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, found)...)
}
