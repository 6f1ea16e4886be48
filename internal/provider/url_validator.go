package provider

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Hoko accepts a link's destination and preview image only as an absolute
// http or https URL with a host, of at most 2,048 characters. Checking that
// here makes a typo fail at plan time, naming the attribute, instead of as
// a bare "Invalid request" half-way through an apply.

// maxURLLength is the longest URL Hoko accepts, in characters.
const maxURLLength = 2048

var _ validator.String = httpURLValidator{}

// checkHTTPURL returns why s is not a URL Hoko accepts, or nil.
func checkHTTPURL(s string) error {
	if n := utf8.RuneCountInString(s); n > maxURLLength {
		return fmt.Errorf("it is %d characters long; Hoko accepts at most %d", n, maxURLLength)
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("it is not a URL: %w", err)
	}
	if scheme := strings.ToLower(u.Scheme); scheme != "http" && scheme != "https" {
		return fmt.Errorf("it must start with https:// or http://, such as \"https://example.com/spring-sale\"")
	}
	if u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("it has no host; write it as \"https://example.com/path\"")
	}
	return nil
}

// httpURLValidator accepts what checkHTTPURL accepts.
type httpURLValidator struct{}

// Description says what the validator accepts.
func (httpURLValidator) Description(context.Context) string {
	return fmt.Sprintf("must be an absolute http or https URL with a host, at most %d characters", maxURLLength)
}

// MarkdownDescription says what the validator accepts.
func (v httpURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateString refuses a URL Hoko would refuse. Unknown values are checked
// once they are known, at apply.
func (v httpURLValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := checkHTTPURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid URL",
			fmt.Sprintf("%s %s, but %q is not: %s.", req.Path, v.Description(ctx), req.ConfigValue.ValueString(), err))
	}
}
