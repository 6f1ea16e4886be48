package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// Every list resource (`terraform query`, Terraform 1.14+) lists one kind
// the same way: the name filter as its only argument, the whole workspace
// read page by page, each object handed out with its identity and, when
// asked, its resource object.

// nameFilterModel is the configuration of a list block, and the filter of
// a plural data source.
type nameFilterModel struct {
	NameContains types.String `tfsdk:"name_contains"`
}

// query asks for Hoko's own order and the name filter, for a plural data
// source that has no sort of its own.
func (m nameFilterModel) query() (string, types.String) { return "", m.NameContains }

// nameFilterListSchema is the configuration schema of the list resource of
// kind, described by description.
func nameFilterListSchema(kind objectKind, description string) listschema.Schema {
	return listschema.Schema{
		Description: description,
		Attributes: map[string]listschema.Attribute{
			nameContainsAttribute: listschema.StringAttribute{
				Description: nameContainsDescription(kind),
				Optional:    true,
				Validators:  nameContainsValidators(),
			},
		},
	}
}

// streamObjects answers a list request for o's kind with the objects that
// pass the name filter. Pages are read in ascending order, so that objects
// created while the query runs tend to land after the pages already read
// instead of shifting them; a page is only requested when Terraform still
// wants results, and none after the limit is reached. resourceOf builds the
// resource model of one object, for requests that include it.
func streamObjects[T, I any](ctx context.Context, o kindObjects[T, I], req list.ListRequest,
	stream *list.ListResultsStream, resourceOf func(T) any) {
	var cfg nameFilterModel
	diags := req.Config.Get(ctx, &cfg)
	if cfg.NameContains.IsUnknown() {
		diags.AddAttributeError(path.Root(nameContainsAttribute), "Unknown Name Filter",
			"The name_contains filter depends on a value that is not known yet, so the "+o.kind.plural+" to list "+
				"cannot be chosen. Set it to a known value, or leave it out to list every "+o.kind.name+".")
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	streamMatching(ctx, o, req, stream, nameQuery(o, hoko.SortAsc, cfg.NameContains), resourceOf)
}

// streamMatching answers a list request with the objects q keeps, as each
// page arrives. q should list oldest first (see streamObjects).
func streamMatching[T, I any](ctx context.Context, o kindObjects[T, I], req list.ListRequest,
	stream *list.ListResultsStream, q listQuery[T], resourceOf func(T) any) {
	stream.Results = func(push func(list.ListResult) bool) {
		ctx, cancel := boundDiscovery(ctx, discoveryTimeout)
		defer cancel()
		var pushed int64
		for page, err := range o.store.Pages(ctx, q.opts) {
			if err != nil {
				var diags diag.Diagnostics
				action := "list the workspace's " + o.kind.plural
				if !addDiscoveryTimeout(ctx, &diags, action) {
					addAPIError(&diags, o.kind, action, err)
				}
				push(list.ListResult{Diagnostics: diags})
				return
			}
			for _, obj := range page {
				if q.keep != nil && !q.keep(obj) {
					continue
				}
				if !push(o.listResult(ctx, req, obj, resourceOf)) {
					return
				}
				if pushed++; req.Limit > 0 && pushed >= req.Limit {
					return
				}
			}
		}
	}
}

// listResult is the list result of one object: its name to show, its
// identity, and its resource object when Terraform asks for it.
func (o kindObjects[T, I]) listResult(ctx context.Context, req list.ListRequest, obj T, resourceOf func(T) any) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = o.name(obj)
	result.Diagnostics.Append(result.Identity.Set(ctx, idIdentityModel{ID: types.StringValue(o.id(obj))})...)
	if req.IncludeResource {
		result.Diagnostics.Append(result.Resource.Set(ctx, resourceOf(obj))...)
	}
	return result
}
