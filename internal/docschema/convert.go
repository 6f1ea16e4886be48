package main

import (
	"fmt"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
)

// This file turns protocol schemas into Terraform's JSON form. It converts
// only what the provider declares today and fails on anything else, naming
// the object, so a new kind of attribute is never dropped from the docs
// without a word: extend the conversion when the build stops here.

// identitySchema converts the identity schema of resource name.
func identitySchema(name string, s *tfprotov6.ResourceIdentitySchema) (*tfjson.IdentitySchema, error) {
	out := &tfjson.IdentitySchema{
		Version:    uint64(s.Version),
		Attributes: make(map[string]*tfjson.IdentityAttribute, len(s.IdentityAttributes)),
	}
	for _, a := range s.IdentityAttributes {
		typ, err := ctyType(a.Type)
		if err != nil {
			return nil, fmt.Errorf("identity of resource %s, attribute %q: %w", name, a.Name, err)
		}
		out.Attributes[a.Name] = &tfjson.IdentityAttribute{
			IdentityType:      typ,
			Description:       a.Description,
			RequiredForImport: a.RequiredForImport,
			OptionalForImport: a.OptionalForImport,
		}
	}
	return out, nil
}

// listResourceSchema converts the config schema of list resource name.
func listResourceSchema(name string, s *tfprotov6.Schema) (*tfjson.Schema, error) {
	b := s.Block
	if b == nil {
		return nil, fmt.Errorf("list resource %s: the schema has no block", name)
	}
	if len(b.BlockTypes) > 0 {
		return nil, fmt.Errorf("list resource %s: nested block %q is not converted; extend internal/docschema/convert.go",
			name, b.BlockTypes[0].TypeName)
	}
	out := &tfjson.SchemaBlock{
		Attributes:      make(map[string]*tfjson.SchemaAttribute, len(b.Attributes)),
		Description:     b.Description,
		DescriptionKind: descriptionKind(b.DescriptionKind),
		Deprecated:      b.Deprecated,
	}
	for _, a := range b.Attributes {
		if a.NestedType != nil {
			return nil, fmt.Errorf("list resource %s, attribute %q: nested attributes are not converted; "+
				"extend internal/docschema/convert.go", name, a.Name)
		}
		typ, err := ctyType(a.Type)
		if err != nil {
			return nil, fmt.Errorf("list resource %s, attribute %q: %w", name, a.Name, err)
		}
		out.Attributes[a.Name] = &tfjson.SchemaAttribute{
			AttributeType:   typ,
			Description:     a.Description,
			DescriptionKind: descriptionKind(a.DescriptionKind),
			Deprecated:      a.Deprecated,
			Required:        a.Required,
			Optional:        a.Optional,
			Computed:        a.Computed,
			Sensitive:       a.Sensitive,
			WriteOnly:       a.WriteOnly,
		}
	}
	return &tfjson.Schema{Version: uint64(s.Version), Block: out}, nil
}

// ctyType converts an attribute type. Strings are all the provider's
// identity and list resource attributes use.
func ctyType(t tftypes.Type) (cty.Type, error) {
	if t != nil && t.Is(tftypes.String) {
		return cty.String, nil
	}
	return cty.NilType, fmt.Errorf("type %v is not converted; extend ctyType in internal/docschema/convert.go", t)
}

// descriptionKind names a description's format as Terraform's JSON does.
func descriptionKind(k tfprotov6.StringKind) tfjson.SchemaDescriptionKind {
	if k == tfprotov6.StringKindMarkdown {
		return tfjson.SchemaDescriptionKindMarkdown
	}
	return tfjson.SchemaDescriptionKindPlain
}
