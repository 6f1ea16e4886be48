package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// addAPIError appends the diagnostic for a failed API call on objects of
// kind. action completes the sentence "Could not ...", e.g. "create tag
// \"Docs\"". Statuses a user can fix get a summary and advice of their own;
// every detail ends with the server's message or the original error.
func addAPIError(diags *diag.Diagnostics, kind objectKind, action string, err error) {
	var apiErr *hoko.Error
	if !errors.As(err, &apiErr) {
		diags.AddError("Hoko API Request Failed",
			fmt.Sprintf("Could not %s: the Hoko API could not be reached or did not answer. "+
				"Check the endpoint and your network, then run Terraform again.\n\nError: %s", action, err))
		return
	}
	switch apiErr.StatusCode {
	case http.StatusUnauthorized:
		diags.AddError("Hoko API Key Rejected",
			fmt.Sprintf("Could not %s: the Hoko API rejected the API key (HTTP 401). The key may be mistyped, "+
				"revoked or expired. Check the provider's api_key argument or the %s environment variable.\n\n"+
				"Server message: %s", action, envAPIKey, apiErr.Message))
	case http.StatusForbidden:
		// The server's list is the truth (Hoko's pages disagree on the
		// scope some writes need); the kind's own scope is the best guess
		// when it sent none.
		scopes := kind.scopeFor(apiErr.Method)
		if len(apiErr.MissingScopes) > 0 {
			scopes = strings.Join(apiErr.MissingScopes, ", ")
		}
		diags.AddError("Hoko API Key Lacks Scopes",
			fmt.Sprintf("Could not %s: the API key is valid but lacks %s (HTTP 403). %s\n\nServer message: %s",
				action, scopes, kind.scopeAdvice(), apiErr.Message))
	case http.StatusTooManyRequests:
		diags.AddError("Hoko API Rate Limit Exceeded",
			fmt.Sprintf("Could not %s: the Hoko API kept answering that the rate limit is exceeded (HTTP 429). "+
				"Wait a while and run Terraform again, or lower -parallelism.\n\nServer message: %s", action, apiErr.Message))
	default:
		diags.AddError("Hoko API Error",
			fmt.Sprintf("Could not %s.\n\nError: %s", action, err))
	}
}

// addOperationError appends the diagnostic for a failed operation of a
// resource whose context is bounded by its timeouts block (see
// boundOperation). When the operation's own time ran out, or Terraform was
// interrupted, it says so instead of blaming the API; when a create's
// outcome stayed unknown it says what the next apply may show. Everything
// else is addAPIError's.
func addOperationError(ctx context.Context, diags *diag.Diagnostics, kind objectKind, action string, err error) {
	unknown := ""
	if errors.Is(err, hoko.ErrOutcomeUnknown) {
		unknown = "\n\nThe request may have reached Hoko even though its answer was lost. " + kind.unknownOutcomeAdvice()
	}
	op, bounded := operationIn(ctx)
	switch {
	case bounded && errors.Is(ctx.Err(), context.DeadlineExceeded):
		diags.AddError("Hoko Operation Timed Out",
			fmt.Sprintf("Could not %s in time: the Hoko API was slow, failing or rate limiting, and the provider "+
				"kept retrying until the operation's time ran out. %s%s\n\nError: %s", action, op.timeoutAdvice(), unknown, err))
	case errors.Is(ctx.Err(), context.Canceled):
		diags.AddError("Hoko Operation Cancelled",
			fmt.Sprintf("Could not %s: Terraform was interrupted while the provider was waiting for the Hoko API.%s"+
				"\n\nError: %s", action, unknown, err))
	default:
		var apiDiags diag.Diagnostics
		addAPIError(&apiDiags, kind, action, err)
		for _, d := range apiDiags {
			detail := d.Detail()
			if i := strings.LastIndex(detail, "\n\n"); i >= 0 && unknown != "" {
				detail = detail[:i] + unknown + detail[i:]
			}
			diags.AddError(d.Summary(), detail)
		}
	}
}

// unknownOutcomeAdvice says what the next apply may show after a create
// whose answer was lost.
func (k objectKind) unknownOutcomeAdvice() string {
	if k.uniqueKey == "" {
		return fmt.Sprintf("If the next apply creates the %s again, check the workspace for a second one and "+
			"delete or import it.", k.name)
	}
	return fmt.Sprintf("If the next apply reports that the %s's %s is already taken, adopt that %s with the "+
		"import block it shows.", k.name, k.uniqueKeyName(), k.name)
}

// apiMessage returns the server's message from err, or err's text when the
// server sent none.
func apiMessage(err error) string {
	var apiErr *hoko.Error
	if errors.As(err, &apiErr) && apiErr.Message != "" {
		return apiErr.Message
	}
	return err.Error()
}
