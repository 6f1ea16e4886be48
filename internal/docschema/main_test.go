package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"
)

// terraform111JSON has the shape of Terraform 1.11's `terraform providers
// schema -json` for this provider, cut down to one resource: no identity and
// no list resource schemas.
const terraform111JSON = `{
  "format_version": "1.0",
  "provider_schemas": {
    "registry.terraform.io/hoko/hoko": {
      "provider": {"version": 0, "block": {"attributes": {
        "api_key": {"type": "string", "optional": true, "sensitive": true}
      }}},
      "resource_schemas": {
        "hoko_collection": {"version": 0, "block": {"attributes": {
          "name": {"type": "string", "description": "The name.", "description_kind": "plain", "required": true}
        }}}
      }
    }
  }
}`

// completed runs complete on terraformJSON and reads the result back the way
// tfplugindocs does.
func completed(t *testing.T, terraformJSON string) *tfjson.ProviderSchema {
	t.Helper()
	out, err := complete(context.Background(), []byte(terraformJSON))
	if err != nil {
		t.Fatal(err)
	}
	var schemas tfjson.ProviderSchemas
	if err := schemas.UnmarshalJSON(out); err != nil {
		t.Fatalf("tfplugindocs could not read the output: %v\n%s", err, out)
	}
	if len(schemas.Schemas) != 1 || schemas.Schemas[shortName] == nil {
		t.Fatalf("want the provider alone, under %q, where tfplugindocs looks; got keys %v", shortName, keys(schemas.Schemas))
	}
	return schemas.Schemas[shortName]
}

func TestComplete_AddsDeclaredIdentity(t *testing.T) {
	t.Parallel()
	ps := completed(t, terraform111JSON)

	if got, want := keys(ps.ResourceIdentitySchemas), []string{"hoko_collection", "hoko_link", "hoko_partner", "hoko_tag"}; !slices.Equal(got, want) {
		t.Fatalf("identity schemas: want %v (every per-object resource), got %v", want, got)
	}
	identity := ps.ResourceIdentitySchemas["hoko_collection"]
	if identity.Version != 0 || len(identity.Attributes) != 1 {
		t.Fatalf("identity: want version 0 with one attribute, got version %d with %v", identity.Version, keys(identity.Attributes))
	}
	id := identity.Attributes["id"]
	switch {
	case id == nil:
		t.Fatal("identity has no id attribute")
	case !id.IdentityType.Equals(cty.String):
		t.Errorf("identity id: want type string, got %s", id.IdentityType.FriendlyName())
	case !id.RequiredForImport || id.OptionalForImport:
		t.Errorf("identity id: want required for import, got required=%t optional=%t", id.RequiredForImport, id.OptionalForImport)
	case !strings.Contains(id.Description, "UUID"):
		t.Errorf("identity id: want the provider's description, got %q", id.Description)
	}
}

func TestComplete_AddsDeclaredListResource(t *testing.T) {
	t.Parallel()
	ps := completed(t, terraform111JSON)

	if got, want := keys(ps.ListResourceSchemas), []string{"hoko_collection", "hoko_link", "hoko_partner", "hoko_tag"}; !slices.Equal(got, want) {
		t.Fatalf("list resource schemas: want %v, got %v", want, got)
	}
	block := ps.ListResourceSchemas["hoko_collection"].Block
	if !strings.Contains(block.Description, "terraform query") || block.DescriptionKind != tfjson.SchemaDescriptionKindPlain {
		t.Errorf("list resource: want the provider's plain description, got %s %q", block.DescriptionKind, block.Description)
	}
	if len(block.Attributes) != 1 || len(block.NestedBlocks) != 0 {
		t.Fatalf("list resource: want one attribute and no blocks, got %v and %d blocks", keys(block.Attributes), len(block.NestedBlocks))
	}
	filter := block.Attributes["name_contains"]
	switch {
	case filter == nil:
		t.Fatal("list resource has no name_contains attribute")
	case !filter.AttributeType.Equals(cty.String):
		t.Errorf("name_contains: want type string, got %s", filter.AttributeType.FriendlyName())
	case !filter.Optional || filter.Required || filter.Computed || filter.Sensitive:
		t.Errorf("name_contains: want optional only, got %+v", filter)
	case !strings.Contains(filter.Description, "case-sensitive"):
		t.Errorf("name_contains: want the provider's description, got %q", filter.Description)
	}
}

func TestComplete_KeepsTerraformsSchemas(t *testing.T) {
	t.Parallel()
	ps := completed(t, terraform111JSON)

	name := ps.ResourceSchemas["hoko_collection"].Block.Attributes["name"]
	if name == nil || !name.Required || name.Description != "The name." || !name.AttributeType.Equals(cty.String) {
		t.Errorf("resource schema from Terraform changed: name is %+v", name)
	}
	if key := ps.ConfigSchema.Block.Attributes["api_key"]; key == nil || !key.Sensitive {
		t.Errorf("provider schema from Terraform changed: api_key is %+v", key)
	}
}

// A newer Terraform prints identities itself; the provider's declarations
// win, so the pages do not depend on which Terraform made them.
func TestComplete_ReplacesTerraformsIdentities(t *testing.T) {
	t.Parallel()
	withIdentity := strings.Replace(terraform111JSON, `"resource_schemas"`,
		`"resource_identity_schemas": {"hoko_collection": {"version": 3, "attributes": {
		  "stale": {"type": "number", "optional_for_import": true}}}},
		"resource_schemas"`, 1)
	ps := completed(t, withIdentity)

	identity := ps.ResourceIdentitySchemas["hoko_collection"]
	if got := keys(identity.Attributes); identity.Version != 0 || len(got) != 1 || got[0] != "id" {
		t.Errorf("identity: want the provider's (version 0, id), got version %d with %v", identity.Version, got)
	}
}

func TestComplete_ProviderMissing(t *testing.T) {
	t.Parallel()
	other := strings.Replace(terraform111JSON, "registry.terraform.io/hoko/hoko", "registry.terraform.io/hashicorp/hoko", 1)
	_, err := complete(context.Background(), []byte(other))
	if err == nil || !strings.Contains(err.Error(), `no provider "registry.terraform.io/hoko/hoko"`) ||
		!strings.Contains(err.Error(), "dev_overrides") {
		t.Fatalf("want an error naming the missing provider and how to get it, got %v", err)
	}
}

func TestComplete_NotTerraformJSON(t *testing.T) {
	t.Parallel()
	for name, input := range map[string]string{
		"empty":          "",
		"truncated":      terraform111JSON[:100],
		"format version": strings.Replace(terraform111JSON, `"1.0"`, `"2.0"`, 1),
	} {
		_, err := complete(context.Background(), []byte(input))
		if err == nil || !strings.Contains(err.Error(), "reading Terraform's schema JSON") {
			t.Errorf("%s: want a read error, got %v", name, err)
		}
	}
}

func TestRun_WritesWholeFileOrNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "providers-schema.json")

	if err := run(context.Background(), strings.NewReader(terraform111JSON), out); err != nil {
		t.Fatal(err)
	}
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var schemas tfjson.ProviderSchemas
	if err := schemas.UnmarshalJSON(written); err != nil || schemas.Schemas[shortName].ListResourceSchemas["hoko_collection"] == nil {
		t.Fatalf("want the completed schema in %s, got error %v:\n%s", out, err, written)
	}

	if err := run(context.Background(), strings.NewReader("{"), out); err == nil {
		t.Fatal("want an error for input that is not JSON")
	}
	after, err := os.ReadFile(out)
	if err != nil || string(after) != string(written) {
		t.Errorf("a failed run changed %s (err %v)", out, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Errorf("want only %s left in the folder, got %v (err %v)", out, entries, err)
	}
}

// keys returns the sorted keys of m, for messages and count checks.
func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
