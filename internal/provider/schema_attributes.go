package provider

import (
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
)

// Attributes every kind's schemas describe alike: the server-assigned id
// and timestamps.

// idAttribute is a resource's id: assigned by Hoko, never changed, and what
// the resource is imported by.
func idAttribute(kind objectKind) schema.StringAttribute {
	return schema.StringAttribute{
		Description: "The " + kind.name + "'s id, a UUID assigned by Hoko when the " + kind.name + " is created. It " +
			"never changes, and it is the id an existing " + kind.name + " is imported by.",
		Computed:      true,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// addTimestampAttributes adds a resource's created_at (kept across
// updates) and updated_at (unknown in every plan that updates).
func addTimestampAttributes(attrs map[string]schema.Attribute, kind objectKind) map[string]schema.Attribute {
	attrs["created_at"] = schema.StringAttribute{
		Description:   "When the " + kind.name + " was created, in RFC 3339 format (UTC).",
		Computed:      true,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	attrs["updated_at"] = schema.StringAttribute{
		Description: "When the " + kind.name + " was last written, in RFC 3339 format (UTC). Every update changes it.",
		Computed:    true,
	}
	return attrs
}

// addTimestampDataAttributes adds a data source's created_at and updated_at.
func addTimestampDataAttributes(attrs map[string]dschema.Attribute, kind objectKind) map[string]dschema.Attribute {
	attrs["created_at"] = dschema.StringAttribute{
		Description: "When the " + kind.name + " was created, in RFC 3339 format (UTC).",
		Computed:    true,
	}
	attrs["updated_at"] = dschema.StringAttribute{
		Description: "When the " + kind.name + " was last written, in RFC 3339 format (UTC).",
		Computed:    true,
	}
	return attrs
}
