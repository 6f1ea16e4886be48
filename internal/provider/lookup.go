package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// What the data sources of every kind share: a singular data source finds
// one object by id (one GET) or by its unique name (a listing), a plural one
// reads every page and keeps what the name filter lets through.

// idLookupValidators refuses, at plan time, an id that is not a UUID.
func idLookupValidators(kind objectKind) []validator.String {
	return []validator.String{stringvalidator.RegexMatches(uuidPattern,
		`must be a `+kind.name+` id, a UUID such as "550e8400-e29b-41d4-a716-446655440000"`)}
}

// lookupObject finds the one live object a singular data source names by
// id, or, when id is null, by name (for a kind whose names are unique;
// named builds the item whose holder is looked up). It reports false after
// adding a diagnostic.
func lookupObject[T, I any](ctx context.Context, o kindObjects[T, I], id, name types.String, named func(string) I,
	diags *diag.Diagnostics) (T, bool) {
	var (
		obj      T
		err      error
		searched string
	)
	if !id.IsNull() {
		searched = fmt.Sprintf("with id %q", id.ValueString())
		// Hoko writes ids in lower case but accepts either; the client
		// compares the answer with the id it asked for, so ask in lower case.
		obj, err = o.store.Get(ctx, strings.ToLower(id.ValueString()))
	} else {
		searched = o.kind.holding(name.ValueString())
		obj, err = o.store.Holder(ctx, named(name.ValueString()))
	}
	if errors.Is(err, hoko.ErrNotFound) {
		gone := fmt.Sprintf("Deleted %s cannot be found.", o.kind.plural)
		if id.IsNull() {
			gone = fmt.Sprintf("Names are case-sensitive, and deleted %s cannot be found.", o.kind.plural)
		}
		diags.AddError(o.kind.title()+" Not Found",
			fmt.Sprintf("No live %s %s exists in this Hoko workspace. %s Check the value, or list the "+
				"workspace's %s with the %ss data source.\n\nError: %s",
				o.kind.name, searched, gone, o.kind.plural, o.kind.typeName(), err))
		return obj, false
	}
	if err != nil {
		action := fmt.Sprintf("look up the %s %s", o.kind.name, searched)
		if !addDiscoveryTimeout(ctx, diags, action) {
			addAPIError(diags, o.kind, action, err)
		}
		return obj, false
	}
	return obj, true
}

// listQuery is what a listing asks the API for (order and server-side
// filters) and which of the objects it returns are kept.
type listQuery[T any] struct {
	opts hoko.ListOptions
	// keep reports whether an object passes the filters the API lacks; nil
	// keeps every object.
	keep func(T) bool
}

// nameQuery is the listing of o's kind in sort order, kept by the name
// filter.
func nameQuery[T, I any](o kindObjects[T, I], sort string, filter types.String) listQuery[T] {
	return listQuery[T]{opts: hoko.ListOptions{Sort: sort}, keep: func(obj T) bool { return matchesNameFilter(o.name(obj), filter) }}
}

// listMatching reads every page q asks for and returns the objects q keeps,
// each translated by model. The result is an empty slice rather than nil
// when nothing matches, so that length(data.hoko_tags.x.tags) is 0 and not
// an error.
func listMatching[M, T, I any](ctx context.Context, o kindObjects[T, I], q listQuery[T], model func(T) M,
	diags *diag.Diagnostics) []M {
	found := []M{}
	for page, err := range o.store.Pages(ctx, q.opts) {
		if err != nil {
			action := "list the workspace's " + o.kind.plural
			if !addDiscoveryTimeout(ctx, diags, action) {
				addAPIError(diags, o.kind, action, err)
			}
			return nil
		}
		for _, obj := range page {
			if q.keep == nil || q.keep(obj) {
				found = append(found, model(obj))
			}
		}
	}
	return found
}

// lookupModel is what readLookup needs of a singular data source's model M.
type lookupModel[M any] interface {
	// lookupKeys are the configured id and name; either may be null.
	lookupKeys() (id, name types.String)
	// withID is the model with the id set to id.
	withID(id types.String) M
}

// readLookup is a singular data source's Read: the object the configuration
// names, translated by model. named builds the item whose holder has a
// name; nil for a kind looked up by id alone.
func readLookup[M lookupModel[M], T, I any](ctx context.Context, o kindObjects[T, I], req datasource.ReadRequest,
	resp *datasource.ReadResponse, named func(string) I, model func(T) M) {
	var cfg M
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, name := cfg.lookupKeys()
	ctx, cancel := boundDiscovery(ctx, discoveryTimeout)
	defer cancel()
	obj, ok := lookupObject(ctx, o, id, name, named, &resp.Diagnostics)
	if !ok {
		return
	}
	found := model(obj)
	if !id.IsNull() {
		// Keep the id as configured (it may be in upper case): Terraform
		// refuses a data source that changes a configured value.
		found = found.withID(id)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, found)...)
}

// listModel is what readList needs of a plural data source's model C,
// whose found objects are of model type M.
type listModel[C, M any] interface {
	// query is the configured sort ("" for the server's default) and name
	// filter.
	query() (sort string, nameContains types.String)
	// withFound is the model with the objects found.
	withFound(found []M) C
}

// readList is a plural data source's Read: every page of the workspace,
// the objects the name filter lets through, each translated by model.
func readList[C listModel[C, M], M, T, I any](ctx context.Context, o kindObjects[T, I], req datasource.ReadRequest,
	resp *datasource.ReadResponse, model func(T) M) {
	readQueried(ctx, o, req, resp, func(cfg C) listQuery[T] {
		sort, filter := cfg.query()
		return nameQuery(o, sort, filter)
	}, model)
}

// foundModel is what readQueried needs of a plural data source's model C,
// whose found objects are of model type M.
type foundModel[C, M any] interface {
	// withFound is the model with the objects found.
	withFound(found []M) C
}

// readQueried is the Read of a plural data source with filters of its own:
// query says, from the configuration, what to list and keep.
func readQueried[C foundModel[C, M], M, T, I any](ctx context.Context, o kindObjects[T, I],
	req datasource.ReadRequest, resp *datasource.ReadResponse, query func(C) listQuery[T], model func(T) M) {
	var cfg C
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := boundDiscovery(ctx, discoveryTimeout)
	defer cancel()
	found := listMatching(ctx, o, query(cfg), model, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg.withFound(found))...)
}

// pluralSchema is the schema of the data source listing kind: the name
// filter, and the objects found in an attribute named after the kind's
// plural (described by found), each with the attributes item describes.
func pluralSchema(kind objectKind, description, found string, item map[string]schema.Attribute) schema.Schema {
	return schema.Schema{
		Description: description,
		Attributes: map[string]schema.Attribute{
			nameContainsAttribute: schema.StringAttribute{
				Description: nameContainsDescription(kind),
				Optional:    true,
				Validators:  nameContainsValidators(),
			},
			kind.plural: schema.ListNestedAttribute{
				Description:  found,
				Computed:     true,
				NestedObject: schema.NestedAttributeObject{Attributes: item},
			},
		},
	}
}
