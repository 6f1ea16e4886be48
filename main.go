// Command terraform-provider-hoko is the Terraform provider for the Hoko API.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/hoko/terraform-provider-hoko/internal/provider"
)

// version is set at build time by goreleaser or the Makefile
// (-ldflags "-X main.version=..."); "dev" marks a local build.
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/hoko/hoko",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
