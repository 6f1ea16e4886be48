// Command floor is the benchmark's plugin floor: a provider built with the
// same framework version as the Hoko provider, whose resources keep what the
// configuration says in state, make up what is known only after apply, and
// call no API. Each resource has the schema shape of the Hoko resource the
// benchmark compares it with (floor_test.go holds them to it), so the floor
// costs what a plugin process, the framework and the same state cost, and
// the Hoko provider's excess over it is the cost of talking to Hoko.
//
// The benchmark builds it into its working directory and starts it through
// the same wrapper that measures the Hoko provider's memory
// (../rusage.go). It is a binary of its own, not a mode of the benchmark's,
// so that the floor carries no code of the harness or the mock. Like the
// Hoko provider, it writes no log that Terraform would drop
// (internal/pluginlog), so that the floor does not pay what the provider
// no longer does.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	providerschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hoko/terraform-provider-hoko/internal/pluginlog"
)

// address is the floor provider's address, which the benchmark's
// dev_overrides name.
const address = "registry.terraform.io/hoko/floor"

func main() {
	if !pluginlog.Kept() {
		if err := pluginlog.Quiet(); err != nil {
			fmt.Fprintln(os.Stderr, "floor provider: its logs stay on:", err)
		}
	}
	err := providerserver.Serve(context.Background(), func() provider.Provider { return floorProvider{} },
		providerserver.ServeOpts{Address: address})
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor provider:", err)
		os.Exit(1)
	}
}

// floorProvider is the floor provider; it has no configuration.
type floorProvider struct{}

func (floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "floor"
}

func (floorProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerschema.Schema{}
}

func (floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

// Resources are floor_collection and floor_link (shapes.go).
func (floorProvider) Resources(context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, r := range floorResources {
		out = append(out, func() resource.Resource { return r })
	}
	return out
}

func (floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
