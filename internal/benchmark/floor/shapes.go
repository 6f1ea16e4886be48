package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
)

// floorResources are the floor's resources, each of the schema shape of
// the Hoko resource of the same name (hoko_collection, hoko_tag,
// hoko_partner, hoko_link): the same
// attributes, types and nesting, the same required, optional and computed
// ones, computed values kept across updates where Hoko's are, and the
// timeouts block. Descriptions and validators are left out: they cost
// nothing per resource.
var floorResources = []floorResource{
	{name: "collection", schema: collectionShape},
	{name: "tag", schema: tagShape},
	{name: "partner", schema: partnerShape},
	{name: "link", schema: linkShape},
}

// collectionShape is hoko_collection's shape.
func collectionShape(ctx context.Context) schema.Schema {
	return schema.Schema{
		Attributes: withTimestamps(map[string]schema.Attribute{
			"id":          kept(),
			"name":        schema.StringAttribute{Required: true},
			"description": schema.StringAttribute{Optional: true},
		}),
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx)},
	}
}

// tagShape is hoko_tag's shape: no timestamps, and a colour that defaults
// to Hoko's.
func tagShape(ctx context.Context) schema.Schema {
	return schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id":    kept(),
			"name":  schema.StringAttribute{Required: true},
			"color": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("slate")},
		},
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx)},
	}
}

// partnerShape is hoko_partner's shape.
func partnerShape(ctx context.Context) schema.Schema {
	return schema.Schema{
		Attributes: withTimestamps(map[string]schema.Attribute{
			"id":    kept(),
			"name":  schema.StringAttribute{Required: true},
			"email": schema.StringAttribute{Optional: true},
			"phone": schema.StringAttribute{Optional: true},
		}),
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx)},
	}
}

// linkShape is hoko_link's shape.
func linkShape(ctx context.Context) schema.Schema {
	optional := schema.StringAttribute{Optional: true}
	utm := map[string]schema.Attribute{}
	for _, key := range []string{"source", "medium", "campaign", "term", "content", "referral"} {
		utm[key] = optional
	}
	return schema.Schema{
		Attributes: withTimestamps(map[string]schema.Attribute{
			"id":            kept(),
			"url":           schema.StringAttribute{Required: true},
			"collection_id": schema.StringAttribute{Required: true},
			"title":         optional,
			"description":   optional,
			"image":         optional,
			"utm":           schema.SingleNestedAttribute{Optional: true, Attributes: utm},
			"external_id":   optional,
			"tenant_id":     optional,
			"partner_id":    optional,
			"short_id":      kept(),
			"short_url":     kept(),
			"qr_code_url":   kept(),
		}),
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx)},
	}
}

// kept is a computed attribute known after the create and kept by every
// update.
func kept() schema.StringAttribute {
	return schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
}

// withTimestamps adds created_at, kept, and updated_at, unknown in every
// plan that updates.
func withTimestamps(attrs map[string]schema.Attribute) map[string]schema.Attribute {
	attrs["created_at"] = kept()
	attrs["updated_at"] = schema.StringAttribute{Computed: true}
	return attrs
}

// timeoutsBlock is the Hoko resources' timeouts block.
func timeoutsBlock(ctx context.Context) schema.Block {
	return timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true})
}
