package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// uuidPattern matches the canonical textual form of a UUID, which is how
// Hoko writes collection ids.
var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// isUUID reports whether s is a well-formed collection id.
func isUUID(s string) bool { return uuidPattern.MatchString(s) }

var _ validator.String = notBlankValidator{}

// notBlank returns a validator for name attributes, of any kind: it refuses,
// at plan time, a value of only white space, which Hoko answers with a bare
// "Invalid request" at apply. The empty string is left to the attribute's
// length validator, so that "" is not reported twice.
func notBlank() validator.String { return notBlankValidator{} }

// notBlankValidator is notBlank's validator.
type notBlankValidator struct{}

// Description says what the validator accepts.
func (notBlankValidator) Description(context.Context) string {
	return "must contain a character other than white space"
}

// MarkdownDescription says what the validator accepts.
func (v notBlankValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateString refuses a non-empty value of only white space. Unknown and
// null values are checked when they are known.
func (v notBlankValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if s == "" || strings.TrimSpace(s) != "" {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Blank Value",
		fmt.Sprintf("%s %s: Hoko refuses a value of only spaces. Got %q.", req.Path, v.Description(ctx), s))
}
