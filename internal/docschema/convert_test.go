package main

import (
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
)

func TestIdentitySchema_Converts(t *testing.T) {
	t.Parallel()
	got, err := identitySchema("hoko_thing", &tfprotov6.ResourceIdentitySchema{
		Version: 2,
		IdentityAttributes: []*tfprotov6.ResourceIdentitySchemaAttribute{
			{Name: "id", Type: tftypes.String, RequiredForImport: true, Description: "The id."},
			{Name: "region", Type: tftypes.String, OptionalForImport: true},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	id, region := got.Attributes["id"], got.Attributes["region"]
	switch {
	case got.Version != 2 || len(got.Attributes) != 2 || id == nil || region == nil:
		t.Fatalf("want version 2 with id and region, got version %d with %v", got.Version, keys(got.Attributes))
	case !id.IdentityType.Equals(cty.String) || !id.RequiredForImport || id.OptionalForImport || id.Description != "The id.":
		t.Errorf("id: got %+v", id)
	case !region.IdentityType.Equals(cty.String) || region.RequiredForImport || !region.OptionalForImport:
		t.Errorf("region: got %+v", region)
	}
}

func TestListResourceSchema_Converts(t *testing.T) {
	t.Parallel()
	got, err := listResourceSchema("hoko_thing", &tfprotov6.Schema{
		Version: 1,
		Block: &tfprotov6.SchemaBlock{
			Description:     "Lists **things**.",
			DescriptionKind: tfprotov6.StringKindMarkdown,
			Deprecated:      true,
			Attributes: []*tfprotov6.SchemaAttribute{
				{Name: "owner", Type: tftypes.String, Required: true, Sensitive: true, Description: "The owner."},
				{Name: "label", Type: tftypes.String, Optional: true, Deprecated: true},
			},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	b := got.Block
	if got.Version != 1 || b.Description != "Lists **things**." || b.DescriptionKind != tfjson.SchemaDescriptionKindMarkdown || !b.Deprecated {
		t.Errorf("block: got version %d, %+v", got.Version, b)
	}
	owner, label := b.Attributes["owner"], b.Attributes["label"]
	switch {
	case len(b.Attributes) != 2 || owner == nil || label == nil:
		t.Fatalf("want owner and label, got %v", keys(b.Attributes))
	case !owner.AttributeType.Equals(cty.String) || !owner.Required || owner.Optional || !owner.Sensitive ||
		owner.Description != "The owner." || owner.DescriptionKind != tfjson.SchemaDescriptionKindPlain:
		t.Errorf("owner: got %+v", owner)
	case !label.Optional || label.Required || !label.Deprecated || label.Sensitive:
		t.Errorf("label: got %+v", label)
	}
}

// Anything the conversion does not know fails, naming the object and the
// file to extend, instead of vanishing from the docs.
func TestConvert_UnsupportedFails(t *testing.T) {
	t.Parallel()
	stringAttr := &tfprotov6.SchemaAttribute{Name: "ok", Type: tftypes.String, Optional: true}
	for name, convert := range map[string]func() error{
		"identity number": func() error {
			_, err := identitySchema("hoko_thing", &tfprotov6.ResourceIdentitySchema{
				IdentityAttributes: []*tfprotov6.ResourceIdentitySchemaAttribute{{Name: "port", Type: tftypes.Number, RequiredForImport: true}},
			})
			return err
		},
		"identity list": func() error {
			_, err := identitySchema("hoko_thing", &tfprotov6.ResourceIdentitySchema{
				IdentityAttributes: []*tfprotov6.ResourceIdentitySchemaAttribute{{Name: "port", Type: tftypes.List{ElementType: tftypes.String}, RequiredForImport: true}},
			})
			return err
		},
		"list resource bool": func() error {
			_, err := listResourceSchema("hoko_thing", &tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{
				Attributes: []*tfprotov6.SchemaAttribute{stringAttr, {Name: "port", Type: tftypes.Bool, Optional: true}},
			}})
			return err
		},
		"list resource nested attribute": func() error {
			_, err := listResourceSchema("hoko_thing", &tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{
				Attributes: []*tfprotov6.SchemaAttribute{{Name: "port", Optional: true, NestedType: &tfprotov6.SchemaObject{
					Nesting: tfprotov6.SchemaObjectNestingModeSingle, Attributes: []*tfprotov6.SchemaAttribute{stringAttr},
				}}},
			}})
			return err
		},
		"list resource nested block": func() error {
			_, err := listResourceSchema("hoko_thing", &tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{
				Attributes: []*tfprotov6.SchemaAttribute{stringAttr},
				BlockTypes: []*tfprotov6.SchemaNestedBlock{{TypeName: "port", Nesting: tfprotov6.SchemaNestedBlockNestingModeSingle,
					Block: &tfprotov6.SchemaBlock{Attributes: []*tfprotov6.SchemaAttribute{stringAttr}}}},
			}})
			return err
		},
	} {
		err := convert()
		if err == nil {
			t.Errorf("%s: want an error, got none", name)
			continue
		}
		for _, want := range []string{"hoko_thing", `"port"`, "extend", "internal/docschema/convert.go"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: the error %q does not name %s", name, err, want)
			}
		}
	}
}
