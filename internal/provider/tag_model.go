package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// tagKind is hoko_tag: names unique per workspace.
var tagKind = objectKind{
	name: "tag", plural: "tags",
	readScope: "tagsRead", writeScope: "tagsWrite",
	uniqueKey: "name",
}

// tagObjects describes hoko_tag's objects to the shared helpers.
var tagObjects = kindObjects[hoko.Tag, hoko.TagItem]{
	kind:    tagKind,
	service: func(c *hoko.Client) objectStore[hoko.Tag, hoko.TagItem] { return c.Tags() },
	id:      func(t hoko.Tag) string { return t.ID },
	name:    func(t hoko.Tag) string { return t.Name },
	label:   tagItemName,
	key:     tagItemName,
}

// tagColors are the colours Hoko accepts for a tag, in the order its
// documentation lists them.
var tagColors = []string{
	"slate", "gray", "zinc", "neutral", "stone", "red", "orange", "amber", "yellow", "lime", "green",
	"emerald", "teal", "cyan", "sky", "blue", "indigo", "violet", "purple", "fuchsia", "pink", "rose",
}

// defaultTagColor is the colour Hoko gives a tag created without one.
const defaultTagColor = "slate"

// tagModel is the Terraform view of a tag. This file is the one place that
// translates between it and the client's types.
type tagModel struct {
	ID    types.String `tfsdk:"id"`
	Name  types.String `tfsdk:"name"`
	Color types.String `tfsdk:"color"`
}

// tagResourceModel is hoko_tag's full model: the tag and the timeouts block.
type tagResourceModel struct {
	tagModel
	resourceTimeouts
}

// newTagModel returns the model of a tag the API returned.
func newTagModel(t hoko.Tag) tagModel {
	return tagModel{ID: types.StringValue(t.ID), Name: types.StringValue(t.Name), Color: types.StringValue(t.Color)}
}

// objectID is the tag's id.
func (m tagModel) objectID() string { return m.ID.ValueString() }

// createItem is the PUT item that creates the planned tag. The colour is
// always known in a plan (its default is slate), so it is always sent.
func (m tagModel) createItem() hoko.TagItem {
	return hoko.TagItem{Name: hoko.Value(m.Name.ValueString()), Color: hoko.Value(m.Color.ValueString())}
}

// updateItem is the PUT item that makes tag id match the plan. A colour is
// never null on Hoko: a configuration without one plans slate, which is
// sent, so removing color sets the tag back to slate.
func (m tagModel) updateItem(id string) hoko.TagItem {
	item := m.createItem()
	item.ID = id
	return item
}

// with returns the model of t, keeping m's timeouts.
func (m tagResourceModel) with(t hoko.Tag) tagResourceModel {
	return tagResourceModel{tagModel: newTagModel(t), resourceTimeouts: m.resourceTimeouts}
}

// tagListObject is the resource object of a list result.
func tagListObject(t hoko.Tag) any {
	return tagResourceModel{tagModel: newTagModel(t), resourceTimeouts: nullTimeouts()}
}

// tagItemName is the name an item sends.
func tagItemName(item hoko.TagItem) string {
	name, _ := item.Name.Get()
	return name
}

// tagNamed is the item whose holder is the tag named name.
func tagNamed(name string) hoko.TagItem { return hoko.TagItem{Name: hoko.Value(name)} }

// joinColors lists the colours for a description: "slate`, `gray`, ...".
func joinColors() string { return strings.Join(tagColors, "`, `") }

// lookupKeys are the id and name a hoko_tag data source looks up by.
func (m tagModel) lookupKeys() (id, name types.String) { return m.ID, m.Name }

// withID is the model with the id set to id.
func (m tagModel) withID(id types.String) tagModel {
	m.ID = id
	return m
}
