package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// collectionModel is the Terraform view of a collection. This file is the one
// place that translates between it and the client's types.
type collectionModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	CreatedAt   types.String `tfsdk:"created_at"`
	UpdatedAt   types.String `tfsdk:"updated_at"`
}

// collectionIdentityModel is the resource identity of a collection: its id,
// which is all Hoko needs to find it and never changes.
type collectionIdentityModel struct {
	ID types.String `tfsdk:"id"`
}

// newCollectionIdentityModel returns the identity of the collection with id.
func newCollectionIdentityModel(id string) collectionIdentityModel {
	return collectionIdentityModel{ID: types.StringValue(id)}
}

// newCollectionModel returns the model of a collection the API returned.
func newCollectionModel(col hoko.Collection) collectionModel {
	return collectionModel{
		ID:          types.StringValue(col.ID),
		Name:        types.StringValue(col.Name),
		Description: types.StringPointerValue(col.Description),
		CreatedAt:   types.StringValue(formatTime(col.CreatedAt)),
		UpdatedAt:   types.StringValue(formatTime(col.UpdatedAt)),
	}
}

// createItem is the PUT item that creates the planned collection: no id, and
// no description key at all when none is configured.
func (m collectionModel) createItem() hoko.CollectionItem {
	item := hoko.CollectionItem{Name: hoko.Value(m.Name.ValueString())}
	if !m.Description.IsNull() {
		item.Description = hoko.Value(m.Description.ValueString())
	}
	return item
}

// updateItem is the PUT item that makes collection id match the plan. The
// description is always sent, as JSON null when the configuration no longer
// sets it, because the API keeps any field it is not sent.
func (m collectionModel) updateItem(id string) hoko.CollectionItem {
	return hoko.CollectionItem{
		ID:          id,
		Name:        hoko.Value(m.Name.ValueString()),
		Description: hoko.FromPointer(m.Description.ValueStringPointer()),
	}
}

// formatTime writes a timestamp as RFC 3339 in UTC, keeping whatever
// fractional seconds the API sent.
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
