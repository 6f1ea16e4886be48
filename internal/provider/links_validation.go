package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// How the provider's server validates hoko_links' entries. The framework
// validates a configuration attribute by attribute, logging each step with
// a context that grows with every value it has seen, so a map of 2,000
// entries took over a second per call, and Terraform validates a
// configuration two or three times per command. The server hands the
// framework the configuration with an empty links map, so the framework
// still checks every other attribute and block, and checks the entries
// itself here the way the framework checks nested attributes: the same
// attribute definitions, the same validators, the same paths and the same
// diagnostics; then the checks across entries (validateEntries).

// entryChecks walks the entries of links: for each entry (by key) and each
// attribute of the schema's entry object, the framework's checks of a
// configured attribute and the attribute's validators.
type entryChecks struct {
	config tfsdk.Config
	caps   validator.ValidateSchemaClientCapabilities
	diags  *diag.Diagnostics
}

// linksEntryObject is the schema of one entry of links.
func linksEntryObject() schema.NestedAttributeObject {
	links, _ := linksSchema().Attributes["links"].(schema.MapNestedAttribute)
	return links.NestedObject
}

// entryChecksApply reports whether entryChecks covers every kind of
// attribute an entry has; when it does not, the server leaves the whole
// validation to the framework. A test makes sure it does.
func entryChecksApply() bool {
	links, ok := linksSchema().Attributes["links"].(schema.MapNestedAttribute)
	return ok && len(links.Validators) == 0 && checkable(links.NestedObject.Attributes)
}

// checkable reports whether entryChecks knows every attribute of attrs.
func checkable(attrs map[string]schema.Attribute) bool {
	for _, a := range attrs {
		switch a := a.(type) {
		case schema.StringAttribute:
			if a.IsWriteOnly() {
				return false
			}
		case schema.SingleNestedAttribute:
			if a.IsWriteOnly() || !checkable(a.Attributes) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// check validates every entry of links, a known map.
func (c entryChecks) check(ctx context.Context, links tftypes.Value) {
	var elems map[string]tftypes.Value
	if err := links.As(&elems); err != nil {
		c.diags.AddAttributeError(path.Root("links"), "Unreadable Links", "The provider could not read links: "+err.Error()+
			". This is a bug in the provider; please report it.")
		return
	}
	entry := linksEntryObject()
	for _, key := range slices.Sorted(maps.Keys(elems)) {
		c.object(ctx, path.Root("links").AtMapKey(key), entry.Type(), entry.Validators, entry.Attributes, elems[key])
	}
}

// object checks an object of type typ as the framework's
// NestedAttributeObjectValidate does: its validators, then each attribute;
// the attributes of a null object are null, those of an unknown one
// unknown.
func (c entryChecks) object(ctx context.Context, p path.Path, typ attr.Type, validators []validator.Object,
	attrs map[string]schema.Attribute, v tftypes.Value) {
	c.objectValidators(ctx, p, typ, validators, v)
	var values map[string]tftypes.Value
	if v.IsKnown() && !v.IsNull() {
		_ = v.As(&values)
	}
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		av, ok := values[name]
		if !ok {
			var raw any
			if !v.IsKnown() {
				raw = tftypes.UnknownValue
			}
			av = tftypes.NewValue(attrs[name].GetType().TerraformType(ctx), raw)
		}
		c.attribute(ctx, p.AtName(name), attrs[name], av)
	}
}

// objectValidators runs validators on v, an object of type typ.
func (c entryChecks) objectValidators(ctx context.Context, p path.Path, typ attr.Type, validators []validator.Object, v tftypes.Value) {
	if len(validators) == 0 {
		return
	}
	value, err := typ.ValueFromTerraform(ctx, v)
	object, ok := value.(basetypes.ObjectValue)
	if err != nil || !ok {
		c.diags.AddAttributeError(p, "Unreadable Value", fmt.Sprintf("The provider could not read the object at %s (%v). "+
			"This is a bug in the provider; please report it.", p, err))
		return
	}
	req := validator.ObjectRequest{ClientCapabilities: c.caps, Config: c.config, ConfigValue: object, Path: p, PathExpression: p.Expression()}
	for _, vd := range validators {
		resp := &validator.ObjectResponse{}
		vd.ValidateObject(ctx, req, resp)
		c.diags.Append(resp.Diagnostics...)
	}
}

// attribute checks one attribute's value as the framework's
// AttributeValidate does.
func (c entryChecks) attribute(ctx context.Context, p path.Path, a schema.Attribute, v tftypes.Value) {
	null, unknown := v.IsNull(), !v.IsKnown()
	if a.IsComputed() && !a.IsOptional() && !null {
		c.diags.AddAttributeError(p, "Invalid Configuration for Read-Only Attribute",
			"Cannot set value for this attribute as the provider has marked it as read-only. Remove the configuration line setting the value.\n\n"+
				"Refer to the provider documentation or contact the provider developers for additional information about configurable and read-only attributes that are supported.")
	}
	if a.IsRequired() && null {
		c.diags.AddAttributeError(p, "Missing Configuration for Required Attribute",
			fmt.Sprintf("Must set a configuration value for the %s attribute as the provider has marked it as required.\n\n", p.String())+
				"Refer to the provider documentation or contact the provider developers for additional information about configurable attributes that are required.")
	}
	switch a := a.(type) {
	case schema.StringAttribute:
		s, ok := stringValue(v)
		if !ok {
			c.diags.AddAttributeError(p, "Unreadable Value", fmt.Sprintf("The provider could not read %s as a string. "+
				"This is a bug in the provider; please report it.", p))
			return
		}
		req := validator.StringRequest{ClientCapabilities: c.caps, Config: c.config, ConfigValue: s, Path: p, PathExpression: p.Expression()}
		for _, vd := range a.Validators {
			resp := &validator.StringResponse{}
			vd.ValidateString(ctx, req, resp)
			c.diags.Append(resp.Diagnostics...)
		}
	case schema.SingleNestedAttribute:
		c.objectValidators(ctx, p, a.GetType(), a.Validators, v)
		if !null && !unknown {
			c.object(ctx, p, a.GetType(), nil, a.Attributes, v)
		}
	}
	if msg := a.GetDeprecationMessage(); msg != "" && !null && !unknown {
		c.diags.AddAttributeWarning(p, "Attribute Deprecated", msg)
	}
}
