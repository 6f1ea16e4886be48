package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The plural data sources and the list resources share one optional name
// filter, so that a query and a data source with the same filter find the
// same objects. The API has no filter of its own: every page is read and the
// filter is applied here.

// nameContainsAttribute is the name of the filter argument.
const nameContainsAttribute = "name_contains"

// nameContainsDescription documents the filter's semantics for objects of
// kind wherever it appears.
func nameContainsDescription(kind objectKind) string {
	return fmt.Sprintf("Only %s whose name contains this text are returned. The match is a case-sensitive "+
		"substring match on the whole name (`Camp` matches `Campaigns` and `Spring Camp`, but not `campaigns`); "+
		"there are no wildcards. Leave it out to return every %s. Hoko has no server-side filter, so every page "+
		"of the workspace is still read.", kind.plural, kind.name)
}

// nameContainsValidators refuses an empty filter, which would match every
// object and most likely means a variable was left empty by mistake.
func nameContainsValidators() []validator.String {
	return []validator.String{stringvalidator.LengthAtLeast(1)}
}

// matchesNameFilter reports whether an object named name passes the filter;
// a null filter passes every name.
func matchesNameFilter(name string, filter types.String) bool {
	return filter.IsNull() || strings.Contains(name, filter.ValueString())
}
