package provider

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// addAPIError appends the diagnostic for a failed API call. action completes
// the sentence "Could not ...", e.g. "create collection \"Docs\"". Statuses a
// user can fix get a summary and advice of their own; every detail ends with
// the server's message or the original error.
func addAPIError(diags *diag.Diagnostics, action string, err error) {
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
		scopes := "the required scope"
		if len(apiErr.MissingScopes) > 0 {
			scopes = strings.Join(apiErr.MissingScopes, ", ")
		}
		diags.AddError("Hoko API Key Lacks Scopes",
			fmt.Sprintf("Could not %s: the API key is valid but lacks %s (HTTP 403). Use a key that has "+
				"collectionsRead for reading and collectionsWrite for creating, updating and deleting "+
				"collections.\n\nServer message: %s", action, scopes, apiErr.Message))
	case http.StatusTooManyRequests:
		diags.AddError("Hoko API Rate Limit Exceeded",
			fmt.Sprintf("Could not %s: the Hoko API kept answering that the rate limit is exceeded (HTTP 429). "+
				"Wait a while and run Terraform again, or lower -parallelism.\n\nServer message: %s", action, apiErr.Message))
	default:
		diags.AddError("Hoko API Error",
			fmt.Sprintf("Could not %s.\n\nError: %s", action, apiErr.Error()))
	}
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
