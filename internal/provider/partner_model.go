package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// partnerKind is hoko_partner: names are not unique, so there is no key to
// find a partner by but its id.
var partnerKind = objectKind{
	name: "partner", plural: "partners",
	readScope: "partnersRead", writeScope: "partnersWrite",
	scopeNote: "Hoko's pages for updating and deleting partners name linksWrite instead, so give the key both " +
		"partnersWrite and linksWrite.",
}

// partnerObjects describes hoko_partner's objects to the shared helpers.
var partnerObjects = kindObjects[hoko.Partner, hoko.PartnerItem]{
	kind:    partnerKind,
	service: func(c *hoko.Client) objectStore[hoko.Partner, hoko.PartnerItem] { return c.Partners() },
	id:      func(p hoko.Partner) string { return p.ID },
	name:    func(p hoko.Partner) string { return p.Name },
	label: func(item hoko.PartnerItem) string {
		name, _ := item.Name.Get()
		return name
	},
}

// emailPattern is Hoko's check of a partner's email: one @ with text on
// both sides and no white space.
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+$`)

// partnerModel is the Terraform view of a partner. This file is the one
// place that translates between it and the client's types.
type partnerModel struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Email     types.String `tfsdk:"email"`
	Phone     types.String `tfsdk:"phone"`
	CreatedAt types.String `tfsdk:"created_at"`
	UpdatedAt types.String `tfsdk:"updated_at"`
}

// partnerResourceModel is hoko_partner's full model: the partner and the
// timeouts block.
type partnerResourceModel struct {
	partnerModel
	resourceTimeouts
}

// newPartnerModel returns the model of a partner the API returned.
func newPartnerModel(p hoko.Partner) partnerModel {
	return partnerModel{
		ID:        types.StringValue(p.ID),
		Name:      types.StringValue(p.Name),
		Email:     types.StringPointerValue(p.Email),
		Phone:     types.StringPointerValue(p.Phone),
		CreatedAt: types.StringValue(formatTime(p.CreatedAt)),
		UpdatedAt: types.StringValue(formatTime(p.UpdatedAt)),
	}
}

// objectID is the partner's id.
func (m partnerModel) objectID() string { return m.ID.ValueString() }

// createItem is the PUT item that creates the planned partner: no id, and no
// email or phone key at all when none is configured.
func (m partnerModel) createItem() hoko.PartnerItem {
	item := hoko.PartnerItem{Name: hoko.Value(m.Name.ValueString())}
	if !m.Email.IsNull() {
		item.Email = hoko.Value(m.Email.ValueString())
	}
	if !m.Phone.IsNull() {
		item.Phone = hoko.Value(m.Phone.ValueString())
	}
	return item
}

// updateItem is the PUT item that makes partner id match the plan. Email
// and phone are always sent, as JSON null when the configuration no longer
// sets them, because the API keeps any field it is not sent.
func (m partnerModel) updateItem(id string) hoko.PartnerItem {
	return hoko.PartnerItem{
		ID:    id,
		Name:  hoko.Value(m.Name.ValueString()),
		Email: hoko.FromPointer(m.Email.ValueStringPointer()),
		Phone: hoko.FromPointer(m.Phone.ValueStringPointer()),
	}
}

// with returns the model of p, keeping m's timeouts.
func (m partnerResourceModel) with(p hoko.Partner) partnerResourceModel {
	return partnerResourceModel{partnerModel: newPartnerModel(p), resourceTimeouts: m.resourceTimeouts}
}

// partnerListObject is the resource object of a list result.
func partnerListObject(p hoko.Partner) any {
	return partnerResourceModel{partnerModel: newPartnerModel(p), resourceTimeouts: nullTimeouts()}
}

// lookupKeys is the id a hoko_partner data source looks up by; partners
// have no unique name to look up.
func (m partnerModel) lookupKeys() (id, name types.String) { return m.ID, types.StringNull() }

// withID is the model with the id set to id.
func (m partnerModel) withID(id types.String) partnerModel {
	m.ID = id
	return m
}
