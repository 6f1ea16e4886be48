package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
		searched = fmt.Sprintf("named %q", name.ValueString())
		obj, err = o.store.Holder(ctx, named(name.ValueString()))
	}
	if errors.Is(err, hoko.ErrNotFound) {
		diags.AddError(o.kind.title()+" Not Found",
			fmt.Sprintf("No live %s %s exists in this Hoko workspace. Names are case-sensitive, and deleted %s "+
				"cannot be found. Check the value, or list the workspace's %s with the %ss data source.\n\nError: %s",
				o.kind.name, searched, o.kind.plural, o.kind.plural, o.kind.typeName(), err))
		return obj, false
	}
	if err != nil {
		addAPIError(diags, o.kind, fmt.Sprintf("look up the %s %s", o.kind.name, searched), err)
		return obj, false
	}
	return obj, true
}

// listObjects reads every page of the workspace's objects of o's kind in
// the order sort asks for ("" for the server's default) and returns those
// the name filter lets through, each translated by model. The result is an
// empty slice rather than nil when nothing matches, so that
// length(data.hoko_tags.x.tags) is 0 and not an error.
func listObjects[M, T, I any](ctx context.Context, o kindObjects[T, I], sort string, filter types.String,
	model func(T) M, diags *diag.Diagnostics) []M {
	found := []M{}
	for page, err := range o.store.Pages(ctx, hoko.ListOptions{Sort: sort}) {
		if err != nil {
			addAPIError(diags, o.kind, "list the workspace's "+o.kind.plural, err)
			return nil
		}
		for _, obj := range page {
			if matchesNameFilter(o.name(obj), filter) {
				found = append(found, model(obj))
			}
		}
	}
	return found
}
