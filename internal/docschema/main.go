// Command docschema writes the providers schema JSON that `make generate`
// and `make docs-validate` hand to tfplugindocs (--providers-schema): the
// output of `terraform providers schema -json`, read from standard input,
// completed with the resource identity and list resource schemas that the
// provider itself declares.
//
// Terraform 1.11, the one these machines have, prints neither: identities
// arrived in 1.12 and list resources in 1.14. Without them tfplugindocs
// refuses the identity import example (import-by-identity.tf) and writes no
// list resource page. Everything else still comes from Terraform, so the
// pages describe the schema exactly as Terraform sees it.
//
// Usage:
//
//	terraform providers schema -json | go run ./internal/docschema -out FILE
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/hoko/terraform-provider-hoko/internal/provider"
)

const (
	// address is the provider's registry address, as main.go serves it and
	// as Terraform keys the provider in its schema output.
	address = "registry.terraform.io/hoko/hoko"
	// shortName is the key the provider is written under: tfplugindocs
	// looks a schema file up by the provider's short name (or under the
	// hashicorp namespace), never by another namespace's address.
	shortName = "hoko"
)

func main() {
	out := flag.String("out", "", "`file` to write the completed providers schema JSON to")
	flag.Parse()
	if *out == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: terraform providers schema -json | docschema -out FILE")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Stdin, *out); err != nil {
		fmt.Fprintln(os.Stderr, "docschema:", err)
		os.Exit(1)
	}
}

// run completes the Terraform schema JSON read from in and writes it to
// outPath. The file is written whole or not at all, so a failed run never
// leaves tfplugindocs a truncated schema from which it would write pages
// missing objects.
func run(ctx context.Context, in io.Reader, outPath string) error {
	terraformJSON, err := io.ReadAll(in)
	if err != nil {
		return fmt.Errorf("reading Terraform's schema JSON: %w", err)
	}
	completed, err := complete(ctx, terraformJSON)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(outPath), ".docschema-*.json")
	if err != nil {
		return err
	}
	// Only a failed run leaves the temporary file behind to remove.
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(completed); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), outPath)
}

// complete returns Terraform's schema JSON with the provider's resource
// identity and list resource schemas in it, the provider keyed by its short
// name. The provider's own declarations replace whatever Terraform printed
// for them, so the pages come out the same whichever Terraform runs.
func complete(ctx context.Context, terraformJSON []byte) ([]byte, error) {
	var schemas tfjson.ProviderSchemas
	if err := json.Unmarshal(terraformJSON, &schemas); err != nil {
		return nil, fmt.Errorf("reading Terraform's schema JSON: %w", err)
	}
	ps, ok := schemas.Schemas[address]
	if !ok {
		return nil, fmt.Errorf("terraform's schema JSON has no provider %q; run `terraform providers schema -json` "+
			"in a configuration that requires source \"hoko/hoko\", with a dev_overrides CLI config for the built provider",
			address)
	}
	identities, lists, err := declaredSchemas(ctx)
	if err != nil {
		return nil, err
	}
	ps.ResourceIdentitySchemas = identities
	ps.ListResourceSchemas = lists
	schemas.Schemas = map[string]*tfjson.ProviderSchema{shortName: ps}
	out, err := json.MarshalIndent(&schemas, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("writing the completed schema JSON: %w", err)
	}
	return append(out, '\n'), nil
}

// declaredSchemas starts the provider in-process, as the acceptance tests
// do, and returns its resource identity and list resource schemas in
// Terraform's JSON form.
func declaredSchemas(ctx context.Context) (map[string]*tfjson.IdentitySchema, map[string]*tfjson.Schema, error) {
	server, err := providerserver.NewProtocol6WithError(provider.New("docs")())()
	if err != nil {
		return nil, nil, fmt.Errorf("starting the provider: %w", err)
	}

	idResp, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err == nil {
		err = diagnosticsError(idResp.Diagnostics)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("GetResourceIdentitySchemas: %w", err)
	}
	identities := make(map[string]*tfjson.IdentitySchema, len(idResp.IdentitySchemas))
	for name, s := range idResp.IdentitySchemas {
		if identities[name], err = identitySchema(name, s); err != nil {
			return nil, nil, err
		}
	}

	// terraform-plugin-go v0.31 has no RPC of its own for list resource
	// schemas: they come with the provider schema.
	schemaResp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err == nil {
		err = diagnosticsError(schemaResp.Diagnostics)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("GetProviderSchema: %w", err)
	}
	lists := make(map[string]*tfjson.Schema, len(schemaResp.ListResourceSchemas))
	for name, s := range schemaResp.ListResourceSchemas {
		if lists[name], err = listResourceSchema(name, s); err != nil {
			return nil, nil, err
		}
	}
	return identities, lists, nil
}

// diagnosticsError returns the first error diagnostic as an error, or nil.
func diagnosticsError(diags []*tfprotov6.Diagnostic) error {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return fmt.Errorf("%s: %s", d.Summary, d.Detail)
		}
	}
	return nil
}
