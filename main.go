// Command terraform-provider-hoko is the Terraform provider for the Hoko API.
package main

import (
	"flag"
	"log"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/hoko/terraform-provider-hoko/internal/pluginlog"
	"github.com/hoko/terraform-provider-hoko/internal/provider"
)

// version is set at build time by goreleaser or the Makefile
// (-ldflags "-X main.version=..."); "dev" marks a local build.
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	} else if !pluginlog.Kept() {
		// Terraform drops the log unless TF_LOG or TF_LOG_PROVIDER names a
		// level: write none, not even go-plugin's lines at start-up.
		opts = append(opts, tf6server.WithGoPluginLogger(hclog.NewNullLogger()))
		if err := pluginlog.Quiet(); err != nil {
			log.Printf("the provider's logs stay on: %v", err)
		}
	}
	server := provider.NewServer(version)
	err := tf6server.Serve("registry.terraform.io/hoko/hoko", func() tfprotov6.ProviderServer {
		s, err := server()
		if err != nil {
			log.Fatal(err.Error())
		}
		return s
	}, opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}
