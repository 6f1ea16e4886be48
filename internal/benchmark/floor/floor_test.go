package main

import (
	"context"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hoko/terraform-provider-hoko/internal/provider"
)

// TestShapes_AreTheHokoResources holds each floor resource to the schema of
// the Hoko resource it stands in for, so the floor cannot drift from what
// it is compared with: the same value type (attributes, nesting, blocks),
// the same required, optional and computed attributes with the same plan
// modifiers, and an identity of the same type.
func TestShapes_AreTheHokoResources(t *testing.T) {
	ctx := context.Background()
	hoko := map[string]resource.Resource{
		"collection": provider.NewCollectionResource(), "tag": provider.NewTagResource(),
		"partner": provider.NewPartnerResource(), "link": provider.NewLinkResource(),
	}
	if len(floorResources) != len(hoko) {
		t.Errorf("%d floor resources, want one for each of %v", len(floorResources), slices.Sorted(maps.Keys(hoko)))
	}
	for _, floor := range floorResources {
		h, ok := hoko[floor.name]
		if !ok {
			t.Errorf("floor_%s stands in for no Hoko resource", floor.name)
			continue
		}
		want, got := schemaOf(t, h), schemaOf(t, floor)
		if w, g := want.Type().TerraformType(ctx), got.Type().TerraformType(ctx); !w.Equal(g) {
			t.Errorf("floor_%s has type\n  %s\nhoko_%s\n  %s", floor.name, g, floor.name, w)
		}
		w, g := flags(ctx, "", want.Attributes), flags(ctx, "", got.Attributes)
		for _, attr := range slices.Sorted(maps.Keys(mapUnion(w, g))) {
			if w[attr] != g[attr] {
				t.Errorf("floor_%s.%s is %q, hoko_%s's %q", floor.name, attr, g[attr], floor.name, w[attr])
			}
		}
		wantID, gotID := identityType(t, h), identityType(t, floor)
		if !gotID.Equal(wantID) {
			t.Errorf("floor_%s identity %s, hoko_%s %s", floor.name, gotID, floor.name, wantID)
		}
	}
}

// schemaOf is r's schema.
func schemaOf(t *testing.T, r resource.Resource) schema.Schema {
	t.Helper()
	var resp resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return resp.Schema
}

// identityType is the type of r's identity.
func identityType(t *testing.T, r resource.Resource) tftypes.Type {
	t.Helper()
	withIdentity, ok := r.(resource.ResourceWithIdentity)
	if !ok {
		return nil
	}
	var resp resource.IdentitySchemaResponse
	withIdentity.IdentitySchema(context.Background(), resource.IdentitySchemaRequest{}, &resp)
	return resp.IdentitySchema.Type().TerraformType(context.Background())
}

// flags describes each attribute, nested ones under their parent's name:
// required, optional or computed, and its plan modifiers.
func flags(ctx context.Context, prefix string, attrs map[string]schema.Attribute) map[string]string {
	out := map[string]string{}
	for name, a := range attrs {
		var f []string
		for flag, set := range map[string]bool{"required": a.IsRequired(), "optional": a.IsOptional(), "computed": a.IsComputed()} {
			if set {
				f = append(f, flag)
			}
		}
		slices.Sort(f)
		if s, ok := a.(schema.StringAttribute); ok {
			for _, m := range s.PlanModifiers {
				f = append(f, m.Description(ctx))
			}
		}
		out[prefix+name] = strings.Join(f, ", ")
		if nested, ok := a.(schema.SingleNestedAttribute); ok {
			maps.Copy(out, flags(ctx, prefix+name+".", nested.Attributes))
		}
	}
	return out
}

func TestSettle_MakesUpWhatIsUnknownAndKeepsTheRest(t *testing.T) {
	ctx := context.Background()
	typ, ok := linkShape(ctx).Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("floor_link's type is not an object")
	}
	values := map[string]tftypes.Value{}
	for name, attrType := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(attrType, nil)
	}
	for _, name := range []string{"id", "short_id", "short_url", "created_at", "updated_at"} {
		values[name] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	}
	values["url"] = tftypes.NewValue(tftypes.String, "https://example.com/a")
	utm, ok := typ.AttributeTypes["utm"].(tftypes.Object)
	if !ok {
		t.Fatal("floor_link's utm is not an object")
	}
	utmValues := map[string]tftypes.Value{}
	for name, attrType := range utm.AttributeTypes {
		utmValues[name] = tftypes.NewValue(attrType, nil)
	}
	utmValues["source"] = tftypes.NewValue(tftypes.String, "newsletter")
	values["utm"] = tftypes.NewValue(utm, utmValues)

	state, err := settle(tftypes.NewValue(typ, values))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]tftypes.Value
	if err := state.As(&got); err != nil {
		t.Fatal(err)
	}
	for name, pattern := range map[string]string{
		"id":         `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`,
		"short_id":   `^[A-Z2-7]{7}$`,
		"short_url":  `^https://hoko\.to/[A-Z2-7]{7}$`,
		"created_at": `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`,
		"updated_at": `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`,
		"url":        `^https://example\.com/a$`,
	} {
		var s string
		if err := got[name].As(&s); err != nil || !regexp.MustCompile(pattern).MatchString(s) {
			t.Errorf("%s = %v (%v), want a value matching %s", name, got[name], err, pattern)
		}
	}
	if !got["title"].IsNull() || !got["qr_code_url"].IsNull() || !got["utm"].Equal(values["utm"]) {
		t.Errorf("settle changed known values: title %v, qr_code_url %v, utm %v", got["title"], got["qr_code_url"], got["utm"])
	}

	unknownObject := tftypes.NewValue(typ, mapWith(values, "utm", tftypes.NewValue(utm, tftypes.UnknownValue)))
	if _, err := settle(unknownObject); err == nil || !strings.Contains(err.Error(), "utm") {
		t.Errorf("an unknown utm object gave %v, want an error naming it", err)
	}
}

// mapUnion is every key of a and b.
func mapUnion(a, b map[string]string) map[string]string {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}

// mapWith is a copy of m with key set to v.
func mapWith(m map[string]tftypes.Value, key string, v tftypes.Value) map[string]tftypes.Value {
	out := maps.Clone(m)
	out[key] = v
	return out
}
