package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// clientFrom takes the client the provider's Configure stored for resources
// and data sources. It is nil before the provider is configured (Terraform
// asks for schemas first), which is not an error.
func clientFrom(providerData any, diags *diag.Diagnostics) *hoko.Client {
	if providerData == nil {
		return nil
	}
	client, ok := providerData.(*hoko.Client)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *hoko.Client, got %T. This is a bug in the provider; please report it.", providerData))
		return nil
	}
	return client
}
