package provider

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// How the provider's server reads and writes hoko_links' values. The
// framework reads a value into a model by reflection that compiles a
// regular expression for every struct field of every entry it reads
// (terraform-plugin-framework v1.19.0), about half a millisecond an entry,
// and more under the race detector. So the server lets the framework read
// and write every attribute but links, a handful of values, and reads and
// writes the links map with entryCodec: the same tfsdk tags matched to the
// same attribute types, once, and then a few allocations a value. A value
// the codec does not take (a null or unknown entry or utm) goes to the
// framework's own conversion (entriesOf), diagnostics included.

// linksSchema is hoko_links' schema, built once.
var linksSchema = sync.OnceValue(func() schema.Schema {
	var resp resource.SchemaResponse
	(&linksResource{}).Schema(context.Background(), resource.SchemaRequest{}, &resp)
	return resp.Schema
})

// linksTypes are the Terraform types of hoko_links: the resource's
// object, the links map and one entry.
type linksTypes struct {
	object tftypes.Object
	links  tftypes.Map
	entry  tftypes.Object
}

// linksType is hoko_links' Terraform types, from its schema.
var linksType = sync.OnceValue(func() linksTypes {
	object, _ := linksSchema().Type().TerraformType(context.Background()).(tftypes.Object)
	links, _ := object.AttributeTypes["links"].(tftypes.Map)
	entry, _ := links.ElementType.(tftypes.Object)
	return linksTypes{object: object, links: links, entry: entry}
})

// entryCodec reads and writes one entry as a linkEntryModel; nil, with
// entryCodecErr saying why, if the model and the schema ever disagree
// (a test makes sure they do not), and then every entry goes through the
// framework.
var entryCodec, entryCodecErr = func() (*objectCodec, error) {
	return newObjectCodec(reflect.TypeFor[linkEntryModel](), linksType().entry)
}()

// linksSource says which of a request's values is read, for the
// framework's wording of what could not be read.
type linksSource int

const (
	fromConfig linksSource = iota
	fromPlan
	fromState
)

// decodeLinks reads a hoko_links value of a request; null reports a null
// one (no prior state, a destroy's plan).
func decodeLinks(ctx context.Context, dv *tfprotov6.DynamicValue, from linksSource, diags *diag.Diagnostics) (s linksSet, null bool) {
	v, ok := unmarshalLinks(dv, diags)
	if !ok || v.IsNull() {
		return linksSet{}, true
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		diags.AddError("Unreadable Request", "Terraform sent a hoko_links value the provider cannot read: "+err.Error()+
			". This is a bug in the provider; please report it.")
		return linksSet{}, true
	}
	links := attrs["links"]
	attrs["links"] = tftypes.NewValue(linksType().links, nil)
	rest := tftypes.NewValue(linksType().object, attrs)
	var m linksResourceModel
	switch from {
	case fromConfig:
		diags.Append(tfsdk.Config{Schema: linksSchema(), Raw: rest}.Get(ctx, &m)...)
	case fromPlan:
		diags.Append(tfsdk.Plan{Schema: linksSchema(), Raw: rest}.Get(ctx, &m)...)
	default:
		diags.Append(tfsdk.State{Schema: linksSchema(), Raw: rest}.Get(ctx, &m)...)
	}
	s = linksSetOf(ctx, m, diags)
	s.entries, s.linksUnknown = decodeEntries(ctx, links, diags)
	return s, false
}

// unmarshalLinks decodes a request's hoko_links value; a missing one is
// null.
func unmarshalLinks(dv *tfprotov6.DynamicValue, diags *diag.Diagnostics) (tftypes.Value, bool) {
	if dv == nil {
		return tftypes.NewValue(linksType().object, nil), true
	}
	v, err := dv.Unmarshal(linksType().object)
	if err != nil {
		diags.AddError("Unreadable Request", "Terraform sent a hoko_links value the provider cannot read: "+err.Error()+
			". This is a bug in the provider; please report it.")
		return v, false
	}
	return v, true
}

// decodeEntries reads a links map: nil for a null or unknown one (unknown
// says which).
func decodeEntries(ctx context.Context, links tftypes.Value, diags *diag.Diagnostics) (entries map[string]linkEntryModel, unknown bool) {
	if !links.IsKnown() {
		return nil, true
	}
	if links.IsNull() {
		return nil, false
	}
	var elems map[string]tftypes.Value
	if err := links.As(&elems); err == nil && entryCodec != nil {
		entries = make(map[string]linkEntryModel, len(elems))
		for key, v := range elems {
			var e linkEntryModel
			if !entryCodec.decode(v, reflect.ValueOf(&e).Elem()) {
				return frameworkEntries(ctx, links, diags), false
			}
			entries[key] = e
		}
		return entries, false
	}
	return frameworkEntries(ctx, links, diags), false
}

// frameworkEntries reads a links map the framework's way, for the values
// entryCodec does not take: the framework says what is wrong with them.
func frameworkEntries(ctx context.Context, links tftypes.Value, diags *diag.Diagnostics) map[string]linkEntryModel {
	v, err := types.MapType{ElemType: entryType(ctx)}.ValueFromTerraform(ctx, links)
	if err != nil {
		diags.AddError("Unreadable Links", "The provider could not read links: "+err.Error()+
			". This is a bug in the provider; please report it.")
		return nil
	}
	m, _ := v.(types.Map)
	return entriesOf(ctx, m, diags)
}

// encodeLinks writes s as a hoko_links value for a response.
func encodeLinks(ctx context.Context, s linksSet, diags *diag.Diagnostics) *tfprotov6.DynamicValue {
	out := tfsdk.State{Schema: linksSchema(), Raw: tftypes.NewValue(linksType().object, nil)}
	diags.Append(out.Set(ctx, s.attributes(types.MapNull(entryType(ctx))))...)
	if diags.HasError() {
		return nil
	}
	var attrs map[string]tftypes.Value
	if err := out.Raw.As(&attrs); err != nil {
		diags.AddError("Unwritable State", "The provider could not write hoko_links: "+err.Error()+
			". This is a bug in the provider; please report it.")
		return nil
	}
	attrs["links"] = encodeEntries(ctx, s, diags)
	return dynamicLinks(tftypes.NewValue(linksType().object, attrs), diags)
}

// encodeEntries writes s's links map.
func encodeEntries(ctx context.Context, s linksSet, diags *diag.Diagnostics) tftypes.Value {
	switch {
	case s.linksUnknown:
		return tftypes.NewValue(linksType().links, tftypes.UnknownValue)
	case s.entries == nil:
		return tftypes.NewValue(linksType().links, nil)
	case entryCodec == nil:
		v, err := mapOf(ctx, s.entries, diags).ToTerraformValue(ctx)
		if err != nil {
			diags.AddError("Unwritable State", "The provider could not write links: "+err.Error()+
				". This is a bug in the provider; please report it.")
		}
		return v
	}
	elems := make(map[string]tftypes.Value, len(s.entries))
	for key, e := range s.entries {
		elems[key] = entryCodec.encode(reflect.ValueOf(e))
	}
	return tftypes.NewValue(linksType().links, elems)
}

// dynamicLinks is a hoko_links value as the protocol sends it.
func dynamicLinks(v tftypes.Value, diags *diag.Diagnostics) *tfprotov6.DynamicValue {
	dv, err := tfprotov6.NewDynamicValue(linksType().object, v)
	if err != nil {
		diags.AddError("Unwritable State", "The provider could not encode hoko_links: "+err.Error()+
			". This is a bug in the provider; please report it.")
		return nil
	}
	return &dv
}

// objectCodec reads and writes Terraform objects of typ as structs whose
// fields are types.String or pointers to such structs (a null object is a
// nil pointer), matched by their tfsdk tags as the framework matches them.
type objectCodec struct {
	typ    tftypes.Object
	goType reflect.Type
	fields []fieldCodec
}

// fieldCodec is one field of an objectCodec: the attribute it holds, its
// index, and for a pointer field the codec of what it points to.
type fieldCodec struct {
	name   string
	index  int
	nested *objectCodec
}

// newObjectCodec matches goType's fields to typ's attributes, one to one.
func newObjectCodec(goType reflect.Type, typ tftypes.Object) (*objectCodec, error) {
	c := &objectCodec{typ: typ, goType: goType}
	for i := range goType.NumField() {
		f := goType.Field(i)
		name := f.Tag.Get("tfsdk")
		attrType, ok := typ.AttributeTypes[name]
		if !ok || !f.IsExported() {
			return nil, fmt.Errorf("%s.%s (tfsdk %q) is no attribute of %s", goType, f.Name, name, typ)
		}
		fc := fieldCodec{name: name, index: i}
		switch {
		case f.Type == reflect.TypeFor[types.String]() && attrType.Is(tftypes.String):
		case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct:
			object, ok := attrType.(tftypes.Object)
			if !ok {
				return nil, fmt.Errorf("%s.%s points to a struct, but %q is a %s", goType, f.Name, name, attrType)
			}
			nested, err := newObjectCodec(f.Type.Elem(), object)
			if err != nil {
				return nil, err
			}
			fc.nested = nested
		default:
			return nil, fmt.Errorf("%s.%s is a %s, which the codec does not read", goType, f.Name, f.Type)
		}
		c.fields = append(c.fields, fc)
	}
	if len(c.fields) != len(typ.AttributeTypes) {
		return nil, fmt.Errorf("%s has %d fields for the %d attributes of %s", goType, len(c.fields), len(typ.AttributeTypes), typ)
	}
	return c, nil
}

// decode reads v into out, a settable struct of c's type; false when v is
// null or unknown, or holds a null or unknown object where the struct has
// a pointer that cannot say unknown, all of which the framework handles.
func (c *objectCodec) decode(v tftypes.Value, out reflect.Value) bool {
	if !v.IsKnown() || v.IsNull() {
		return false
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		return false
	}
	for _, f := range c.fields {
		av := attrs[f.name]
		field := out.Field(f.index)
		if f.nested == nil {
			s, ok := stringValue(av)
			if !ok {
				return false
			}
			field.Set(reflect.ValueOf(s))
			continue
		}
		if !av.IsKnown() {
			return false
		}
		if av.IsNull() {
			field.SetZero()
			continue
		}
		ptr := reflect.New(f.nested.goType)
		if !f.nested.decode(av, ptr.Elem()) {
			return false
		}
		field.Set(ptr)
	}
	return true
}

// stringValue is a string value as the framework reads it.
func stringValue(v tftypes.Value) (types.String, bool) {
	switch {
	case !v.IsKnown():
		return types.StringUnknown(), true
	case v.IsNull():
		return types.StringNull(), true
	}
	var s string
	if err := v.As(&s); err != nil {
		return types.String{}, false
	}
	return types.StringValue(s), true
}

// encode writes in, a struct of c's type, as a Terraform object.
func (c *objectCodec) encode(in reflect.Value) tftypes.Value {
	attrs := make(map[string]tftypes.Value, len(c.fields))
	for _, f := range c.fields {
		field := in.Field(f.index)
		if f.nested == nil {
			s, _ := field.Interface().(types.String)
			attrs[f.name] = stringTerraform(s)
			continue
		}
		if field.IsNil() {
			attrs[f.name] = tftypes.NewValue(f.nested.typ, nil)
			continue
		}
		attrs[f.name] = f.nested.encode(field.Elem())
	}
	return tftypes.NewValue(c.typ, attrs)
}

// stringTerraform is s as the framework writes it.
func stringTerraform(s types.String) tftypes.Value {
	switch {
	case s.IsUnknown():
		return tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	case s.IsNull():
		return tftypes.NewValue(tftypes.String, nil)
	}
	return tftypes.NewValue(tftypes.String, s.ValueString())
}
