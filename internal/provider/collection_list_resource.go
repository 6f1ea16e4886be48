package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ list.ListResource              = (*collectionListResource)(nil)
	_ list.ListResourceWithConfigure = (*collectionListResource)(nil)
)

// NewCollectionListResource returns the hoko_collection list resource, which
// `terraform query` (Terraform 1.14+) uses to find collections to adopt.
func NewCollectionListResource() list.ListResource {
	return &collectionListResource{}
}

// collectionListResource lists the workspace's collections with their
// identities and, when asked, their full resource objects.
type collectionListResource struct {
	client *hoko.Client
}

// collectionListModel is the configuration of a hoko_collection list block.
type collectionListModel struct {
	NameContains types.String `tfsdk:"name_contains"`
}

// Metadata names the list resource hoko_collection, after the resource it
// lists.
func (r *collectionListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_collection"
}

// ListResourceConfigSchema describes the list block's config: the same name
// filter as the hoko_collections data source.
func (r *collectionListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: "Lists the collections of the Hoko workspace, oldest first, each with its identity and, when " +
			"`include_resource` is set, all of its attributes, so that `terraform query -generate-config-out=...` " +
			"can write the resource and import blocks that adopt them. The whole workspace is read page by page " +
			"(10,000 collections per request); results are handed to Terraform as each page arrives.",
		Attributes: map[string]listschema.Attribute{
			nameContainsAttribute: listschema.StringAttribute{
				Description: nameContainsDescription,
				Optional:    true,
				Validators:  nameContainsValidators(),
			},
		},
	}
}

// Configure takes the API client the provider built.
func (r *collectionListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// List streams the collections that pass the filter. Pages are read oldest
// first, so that collections created while the query runs land after the
// pages already read instead of shifting them; a page is only requested when
// Terraform still wants results, and none after the limit is reached.
func (r *collectionListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg collectionListModel
	diags := req.Config.Get(ctx, &cfg)
	if cfg.NameContains.IsUnknown() {
		diags.AddAttributeError(path.Root(nameContainsAttribute), "Unknown Name Filter",
			"The name_contains filter depends on a value that is not known yet, so the collections to list cannot "+
				"be chosen. Set it to a known value, or leave it out to list every collection.")
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		var pushed int64
		for page, err := range r.client.Collections().Pages(ctx, hoko.ListOptions{Sort: hoko.SortAsc}) {
			if err != nil {
				var diags diag.Diagnostics
				addAPIError(&diags, "list the workspace's collections", err)
				push(list.ListResult{Diagnostics: diags})
				return
			}
			for _, col := range page {
				if !matchesNameFilter(col.Name, cfg.NameContains) {
					continue
				}
				if !push(collectionListResult(ctx, req, col)) {
					return
				}
				if pushed++; req.Limit > 0 && pushed >= req.Limit {
					return
				}
			}
		}
	}
}

// collectionListResult is the list result of one collection: its name to
// show, its identity, and its resource object when Terraform asks for it.
func collectionListResult(ctx context.Context, req list.ListRequest, col hoko.Collection) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = col.Name
	result.Diagnostics.Append(result.Identity.Set(ctx, newCollectionIdentityModel(col.ID))...)
	if req.IncludeResource {
		result.Diagnostics.Append(result.Resource.Set(ctx, collectionResourceModel{
			collectionModel: newCollectionModel(col), Timeouts: nullCollectionTimeouts(),
		})...)
	}
	return result
}
