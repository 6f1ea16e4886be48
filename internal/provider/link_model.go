package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// linkKind is hoko_link: external ids unique among a workspace's live links.
var linkKind = objectKind{
	name: "link", plural: "links",
	readScope: "linksRead", writeScope: "linksWrite",
	uniqueKey: "external_id", uniqueKeyWords: "external id", uniqueKeyCaps: "External ID",
}

// linkObjects describes hoko_link's objects. A link points at a collection
// and may point at a partner; Hoko answers 400 when either does not exist,
// so a refused write looks them up to say which.
var linkObjects = kindObjects[hoko.Link, hoko.LinkItem]{
	kind:    linkKind,
	service: func(c *hoko.Client) objectStore[hoko.Link, hoko.LinkItem] { return c.Links() },
	id:      func(l hoko.Link) string { return l.ID },
	name:    linkDisplayName,
	label:   func(i hoko.LinkItem) string { v, _ := i.URL.Get(); return v },
	key:     func(i hoko.LinkItem) string { v, _ := i.ExternalID.Get(); return v },
	references: func(i hoko.LinkItem) []objectReference {
		collectionID, _ := i.CollectionID.Get()
		refs := []objectReference{{attribute: "collection_id", kind: collectionKind, id: collectionID, exists: collectionExists}}
		if partnerID, ok := i.PartnerID.Get(); ok {
			refs = append(refs, objectReference{attribute: "partner_id", kind: partnerKind, id: partnerID, exists: partnerExists})
		}
		return refs
	},
}

// collectionExists reads the collection id; hoko.ErrNotFound when none is live.
func collectionExists(ctx context.Context, c *hoko.Client, id string) error {
	_, err := c.Collections().Get(ctx, id)
	return err
}

// partnerExists reads the partner id; hoko.ErrNotFound when none is live.
func partnerExists(ctx context.Context, c *hoko.Client, id string) error {
	_, err := c.Partners().Get(ctx, id)
	return err
}

// linkDisplayName is what `terraform query` shows for a link: its title, or
// its destination when it has none.
func linkDisplayName(l hoko.Link) string {
	if l.Title != nil && *l.Title != "" {
		return *l.Title
	}
	return l.URL
}

// linkModel is the Terraform view of a link, shared by the resource and the
// data sources. This file is the one place that translates between it and
// the client's types.
type linkModel struct {
	ID           types.String `tfsdk:"id"`
	URL          types.String `tfsdk:"url"`
	CollectionID types.String `tfsdk:"collection_id"`
	Title        types.String `tfsdk:"title"`
	Description  types.String `tfsdk:"description"`
	Image        types.String `tfsdk:"image"`
	UTM          *utmModel    `tfsdk:"utm"`
	ExternalID   types.String `tfsdk:"external_id"`
	TenantID     types.String `tfsdk:"tenant_id"`
	PartnerID    types.String `tfsdk:"partner_id"`
	ShortID      types.String `tfsdk:"short_id"`
	ShortURL     types.String `tfsdk:"short_url"`
	QRCodeURL    types.String `tfsdk:"qr_code_url"`
	CreatedAt    types.String `tfsdk:"created_at"`
	UpdatedAt    types.String `tfsdk:"updated_at"`
}

// utmModel is a link's utm attribute; nil in linkModel when null.
type utmModel struct {
	Source   types.String `tfsdk:"source"`
	Medium   types.String `tfsdk:"medium"`
	Campaign types.String `tfsdk:"campaign"`
	Term     types.String `tfsdk:"term"`
	Content  types.String `tfsdk:"content"`
	Referral types.String `tfsdk:"referral"`
}

// linkResourceModel is hoko_link's full model: the link and the resource's
// timeouts block.
type linkResourceModel struct {
	linkModel
	resourceTimeouts
}

// with returns the model of l, keeping m's timeouts (configuration only) and
// the parts of m the API does not decide (see linkModel.with).
func (m linkResourceModel) with(l hoko.Link) linkResourceModel {
	return linkResourceModel{linkModel: m.linkModel.with(l), resourceTimeouts: m.resourceTimeouts}
}

// linkListObject is the resource object of a list result.
func linkListObject(l hoko.Link) any {
	return linkResourceModel{linkModel: newLinkModel(l), resourceTimeouts: nullTimeouts()}
}

// newLinkModel returns the model of a link the API returned, for data
// sources and imports, which have no configuration to follow: a utm with no
// key set is null.
func newLinkModel(l hoko.Link) linkModel { return linkModel{}.with(l) }

// with returns the model of l. Two things come from m rather than from l:
//   - the shape of utm when l has no utm key set: Hoko cannot tell `utm =
//     {}` from no utm at all, so an object of nulls stays one and a null
//     stays null, and the next plan is empty either way;
//   - a short id, short URL or QR code URL that l lacks: the JSON names of
//     these are unverified, so an answer may leave them out, and the short
//     id never changes, so a value already known is kept. One never known
//     is null.
func (m linkModel) with(l hoko.Link) linkModel {
	return linkModel{
		ID:           types.StringValue(l.ID),
		URL:          types.StringValue(l.URL),
		CollectionID: types.StringValue(l.CollectionID),
		Title:        types.StringPointerValue(l.Title),
		Description:  types.StringPointerValue(l.Description),
		Image:        types.StringPointerValue(l.Image),
		UTM:          newUTMModel(l.UTM, m.UTM != nil),
		ExternalID:   types.StringPointerValue(l.ExternalID),
		TenantID:     types.StringPointerValue(l.TenantID),
		PartnerID:    types.StringPointerValue(l.PartnerID),
		ShortID:      knownOr(l.ShortID, m.ShortID),
		ShortURL:     knownOr(l.ShortURL, m.ShortURL),
		QRCodeURL:    knownOr(l.QRCodeURL, m.QRCodeURL),
		CreatedAt:    types.StringValue(formatTime(l.CreatedAt)),
		UpdatedAt:    types.StringValue(formatTime(l.UpdatedAt)),
	}
}

// knownOr is v's value, or else prior when prior is known, or else null.
func knownOr(v *string, prior types.String) types.String {
	if v != nil {
		return types.StringValue(*v)
	}
	if prior.IsUnknown() {
		return types.StringNull()
	}
	return prior
}

// newUTMModel is the utm attribute for u; with no key set it is an object
// of nulls when asObject, and null otherwise.
func newUTMModel(u hoko.UTM, asObject bool) *utmModel {
	if u == (hoko.UTM{}) && !asObject {
		return nil
	}
	return &utmModel{
		Source:   types.StringPointerValue(u.Source),
		Medium:   types.StringPointerValue(u.Medium),
		Campaign: types.StringPointerValue(u.Campaign),
		Term:     types.StringPointerValue(u.Term),
		Content:  types.StringPointerValue(u.Content),
		Referral: types.StringPointerValue(u.Referral),
	}
}

// objectID is the link's id.
func (m linkModel) objectID() string { return m.ID.ValueString() }

// createItem is the PUT item that creates the planned link: no id, and only
// the fields the configuration sets (no utm key at all when no utm key is
// set).
func (m linkModel) createItem() hoko.LinkItem {
	item := hoko.LinkItem{
		URL:          hoko.Value(m.URL.ValueString()),
		CollectionID: hoko.Value(m.CollectionID.ValueString()),
		Title:        valueIfSet(m.Title),
		Description:  valueIfSet(m.Description),
		Image:        valueIfSet(m.Image),
		ExternalID:   valueIfSet(m.ExternalID),
		TenantID:     valueIfSet(m.TenantID),
		PartnerID:    valueIfSet(m.PartnerID),
	}
	if u := m.UTM; u != nil {
		utm := hoko.UTMItem{
			Source: valueIfSet(u.Source), Medium: valueIfSet(u.Medium), Campaign: valueIfSet(u.Campaign),
			Term: valueIfSet(u.Term), Content: valueIfSet(u.Content), Referral: valueIfSet(u.Referral),
		}
		if utm != (hoko.UTMItem{}) {
			item.UTM = hoko.Value(utm)
		}
	}
	return item
}

// updateItem is the PUT item that makes link id match the plan. Every
// optional field is sent, as JSON null when the configuration no longer
// sets it, because the API keeps any field it is not sent. utm is merged by
// the API key by key, so every key is sent, a removed one as null; a
// removed utm is sent as null, which clears every key.
func (m linkModel) updateItem(id string) hoko.LinkItem {
	item := hoko.LinkItem{
		ID:           id,
		URL:          hoko.Value(m.URL.ValueString()),
		CollectionID: hoko.Value(m.CollectionID.ValueString()),
		Title:        hoko.FromPointer(m.Title.ValueStringPointer()),
		Description:  hoko.FromPointer(m.Description.ValueStringPointer()),
		Image:        hoko.FromPointer(m.Image.ValueStringPointer()),
		UTM:          hoko.Null[hoko.UTMItem](),
		ExternalID:   hoko.FromPointer(m.ExternalID.ValueStringPointer()),
		TenantID:     hoko.FromPointer(m.TenantID.ValueStringPointer()),
		PartnerID:    hoko.FromPointer(m.PartnerID.ValueStringPointer()),
	}
	if u := m.UTM; u != nil {
		item.UTM = hoko.Value(hoko.UTMItem{
			Source:   hoko.FromPointer(u.Source.ValueStringPointer()),
			Medium:   hoko.FromPointer(u.Medium.ValueStringPointer()),
			Campaign: hoko.FromPointer(u.Campaign.ValueStringPointer()),
			Term:     hoko.FromPointer(u.Term.ValueStringPointer()),
			Content:  hoko.FromPointer(u.Content.ValueStringPointer()),
			Referral: hoko.FromPointer(u.Referral.ValueStringPointer()),
		})
	}
	return item
}

// valueIfSet is a field holding v, or an absent field when v is null.
func valueIfSet(v types.String) hoko.Field[string] {
	if v.IsNull() {
		return hoko.Field[string]{}
	}
	return hoko.Value(v.ValueString())
}

// linkWithExternalID is the item whose holder is the link with that
// external id.
func linkWithExternalID(externalID string) hoko.LinkItem {
	return hoko.LinkItem{ExternalID: hoko.Value(externalID)}
}

// lookupKeys are the id and external id a hoko_link data source looks up
// by.
func (m linkModel) lookupKeys() (id, externalID types.String) { return m.ID, m.ExternalID }

// withID is the model with the id set to id.
func (m linkModel) withID(id types.String) linkModel {
	m.ID = id
	return m
}
