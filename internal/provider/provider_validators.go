package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// Validators for provider arguments, so that a mistyped setting fails at
// validate and plan time, before any request, instead of at configure time
// half-way into an apply. Configure checks the same rules again, because the
// environment-variable fallbacks never pass through a validator.

var (
	_ validator.String = positiveDurationValidator{}
	_ validator.String = endpointValidator{}
)

// positiveDurationValidator accepts a Go duration greater than zero.
type positiveDurationValidator struct{}

// Description says what the validator accepts.
func (positiveDurationValidator) Description(context.Context) string {
	return "must be a positive Go duration such as \"30s\" or \"2m\""
}

// MarkdownDescription says what the validator accepts.
func (v positiveDurationValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateString refuses a value that is not a positive duration. Unknown
// and null values are left to Configure, which knows the fallbacks.
func (v positiveDurationValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	raw := req.ConfigValue.ValueString()
	if d, err := time.ParseDuration(raw); err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Duration",
			fmt.Sprintf("%s %s; got %q.", req.Path, v.Description(ctx), raw))
	}
}

// endpointValidator accepts a base URL the key may be sent to: https, or
// plain http to a loopback host only.
type endpointValidator struct{}

// Description says what the validator accepts.
func (endpointValidator) Description(context.Context) string {
	return "must be an https:// base URL, or http:// to a loopback host"
}

// MarkdownDescription says what the validator accepts.
func (v endpointValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateString refuses an endpoint the client would refuse, with the
// client's own explanation.
func (endpointValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "" {
		return
	}
	if _, err := hoko.ParseEndpoint(req.ConfigValue.ValueString()); err != nil {
		addEndpointError(&resp.Diagnostics, req.Path, req.ConfigValue.ValueString(), err)
	}
}

// addEndpointError reports an endpoint the client refused. The client's
// error quotes the endpoint with its secrets redacted; but a diagnostic tied
// to the attribute makes Terraform quote the configuration line, secret and
// all, so an endpoint that carries one (user:key@, a query) is reported
// without the attribute path, naming the argument in words instead.
func addEndpointError(diags *diag.Diagnostics, attr path.Path, raw string, err error) {
	const summary = "Invalid Hoko Endpoint"
	detail := "The provider cannot use the configured endpoint: " + err.Error() + "."
	if hoko.RedactEndpoint(raw) != strings.TrimSpace(raw) {
		diags.AddError(summary, detail+" (This is the endpoint argument of the hoko provider block or the "+
			envEndpoint+" environment variable; its line is not quoted, so that the secret in it is not shown.)")
		return
	}
	diags.AddAttributeError(attr, summary, detail)
}
