package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// collectionKind is hoko_collection: names unique per workspace.
var collectionKind = objectKind{
	name: "collection", plural: "collections",
	readScope: "collectionsRead", writeScope: "collectionsWrite",
	uniqueKey: "name",
}

// collectionObjects describes hoko_collection's objects.
var collectionObjects = kindObjects[hoko.Collection, hoko.CollectionItem]{
	kind:    collectionKind,
	service: func(c *hoko.Client) objectStore[hoko.Collection, hoko.CollectionItem] { return c.Collections() },
	id:      func(c hoko.Collection) string { return c.ID },
	name:    func(c hoko.Collection) string { return c.Name },
	label:   collectionItemName,
	key:     collectionItemName,
}

// collectionItemName is the name an item sends.
func collectionItemName(item hoko.CollectionItem) string {
	name, _ := item.Name.Get()
	return name
}

// collectionModel is the Terraform view of a collection. This file is the one
// place that translates between it and the client's types.
type collectionModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	CreatedAt   types.String `tfsdk:"created_at"`
	UpdatedAt   types.String `tfsdk:"updated_at"`
}

// collectionResourceModel is hoko_collection's full model: the collection
// (shared with the data sources) and the resource's timeouts block.
type collectionResourceModel struct {
	collectionModel
	resourceTimeouts
}

// with returns the model of col, keeping m's timeouts: they are
// configuration, which the API knows nothing of.
func (m collectionResourceModel) with(col hoko.Collection) collectionResourceModel {
	return collectionResourceModel{collectionModel: newCollectionModel(col), resourceTimeouts: m.resourceTimeouts}
}

// collectionListObject is the resource object of a list result.
func collectionListObject(col hoko.Collection) any {
	return collectionResourceModel{collectionModel: newCollectionModel(col), resourceTimeouts: nullTimeouts()}
}

// objectID is the collection's id.
func (m collectionModel) objectID() string { return m.ID.ValueString() }

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

// collectionNamed is the item whose holder is the collection named name.
func collectionNamed(name string) hoko.CollectionItem {
	return hoko.CollectionItem{Name: hoko.Value(name)}
}

// lookupKeys are the id and name a hoko_collection data source looks up by.
func (m collectionModel) lookupKeys() (id, name types.String) { return m.ID, m.Name }

// withID is the model with the id set to id.
func (m collectionModel) withID(id types.String) collectionModel {
	m.ID = id
	return m
}
