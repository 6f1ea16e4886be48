package provider

import (
	"maps"
	"reflect"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// The entries of a hoko_links resource: one link each, keyed by the user's
// own key. This file decides, per entry, what a plan keeps and what an apply
// sends; the translation to and from the client's types is hoko_link's
// (linkModel), reached through link and linkEntry.

// linkEntryModel is one entry of hoko_links' links map: hoko_link's
// attributes without collection_id, which the set holds once for all.
type linkEntryModel struct {
	ID          types.String `tfsdk:"id"`
	URL         types.String `tfsdk:"url"`
	Title       types.String `tfsdk:"title"`
	Description types.String `tfsdk:"description"`
	Image       types.String `tfsdk:"image"`
	UTM         *utmModel    `tfsdk:"utm"`
	ExternalID  types.String `tfsdk:"external_id"`
	TenantID    types.String `tfsdk:"tenant_id"`
	PartnerID   types.String `tfsdk:"partner_id"`
	ShortID     types.String `tfsdk:"short_id"`
	ShortURL    types.String `tfsdk:"short_url"`
	QRCodeURL   types.String `tfsdk:"qr_code_url"`
	CreatedAt   types.String `tfsdk:"created_at"`
	UpdatedAt   types.String `tfsdk:"updated_at"`
}

// link is the entry as a hoko_link in collectionID, so that hoko_link's
// translation builds its items and reads its answers.
func (e linkEntryModel) link(collectionID string) linkModel {
	return linkModel{
		ID: e.ID, URL: e.URL, CollectionID: types.StringValue(collectionID),
		Title: e.Title, Description: e.Description, Image: e.Image, UTM: e.UTM,
		ExternalID: e.ExternalID, TenantID: e.TenantID, PartnerID: e.PartnerID,
		ShortID: e.ShortID, ShortURL: e.ShortURL, QRCodeURL: e.QRCodeURL,
		CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt,
	}
}

// linkEntry is the entry of a hoko_link model; the collection is the set's.
func linkEntry(m linkModel) linkEntryModel {
	return linkEntryModel{
		ID: m.ID, URL: m.URL, Title: m.Title, Description: m.Description, Image: m.Image, UTM: m.UTM,
		ExternalID: m.ExternalID, TenantID: m.TenantID, PartnerID: m.PartnerID,
		ShortID: m.ShortID, ShortURL: m.ShortURL, QRCodeURL: m.QRCodeURL,
		CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt,
	}
}

// with is the entry as Hoko returned l, keeping what hoko_link keeps from
// the prior model (the utm shape, short link values an answer lacks).
func (e linkEntryModel) with(l hoko.Link) linkEntryModel {
	return linkEntry(e.link(l.CollectionID).with(l))
}

// configured is what the configuration asks of the entry's link, in
// collectionID: hoko_link's create item, which holds only the set fields,
// so `utm = {}` and no utm compare equal, as Hoko cannot tell them apart.
func (e linkEntryModel) configured(collectionID string) hoko.LinkItem {
	return e.link(collectionID).createItem()
}

// hasUnknown reports whether a configurable attribute is not known yet.
func (e linkEntryModel) hasUnknown() bool {
	values := []types.String{e.URL, e.Title, e.Description, e.Image, e.ExternalID, e.TenantID, e.PartnerID}
	if u := e.UTM; u != nil {
		values = append(values, u.Source, u.Medium, u.Campaign, u.Term, u.Content, u.Referral)
	}
	return slices.ContainsFunc(values, types.String.IsUnknown)
}

// sameLink reports whether e asks for what prior already is, so that
// nothing needs to be sent for it.
func (e linkEntryModel) sameLink(prior linkEntryModel, collectionID string) bool {
	return !e.hasUnknown() && reflect.DeepEqual(e.configured(collectionID), prior.configured(collectionID))
}

// keepComputed returns e with the computed values of the link it already
// is (prior): the id and the values Hoko never changes, and updated_at too
// when nothing will be sent for it. Changing one entry among thousands then
// plans exactly that entry.
func (e linkEntryModel) keepComputed(prior linkEntryModel, unchanged bool) linkEntryModel {
	e.ID, e.ShortID, e.ShortURL, e.QRCodeURL, e.CreatedAt = prior.ID, prior.ShortID, prior.ShortURL, prior.QRCodeURL, prior.CreatedAt
	e.UpdatedAt = types.StringUnknown()
	if unchanged {
		e.UpdatedAt = prior.UpdatedAt
	}
	return e
}

// allUnknown returns e with every computed value unknown but the id, which
// is unknown unless the configuration names the link to adopt.
func (e linkEntryModel) allUnknown() linkEntryModel {
	if !isKnown(e.ID) {
		e.ID = types.StringUnknown()
	}
	e.ShortID, e.ShortURL, e.QRCodeURL = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	e.CreatedAt, e.UpdatedAt = types.StringUnknown(), types.StringUnknown()
	return e
}

// isKnown reports whether v holds a value.
func isKnown(v types.String) bool { return !v.IsNull() && !v.IsUnknown() }

// linkPlan is what ModifyPlan needs to plan the entries.
type linkPlan struct {
	// planned are the entries as Terraform proposes them; an id is known
	// where the configuration sets it (or nothing changed at all).
	planned map[string]linkEntryModel
	// prior are the entries in the state.
	prior map[string]linkEntryModel
	// collectionID is the planned collection; moved when it is not the
	// prior one, so every link is sent.
	collectionID string
	moved        bool
	// elsewhere are prior keys whose link the last refresh found in another
	// collection: each is sent again to move it back.
	elsewhere map[string]bool
}

// planEntries returns the planned entries, each with the computed values of
// the link it is, and the keys that name a link another key names too.
//
// Which link an entry is:
//   - the one its configured id names (an adoption when no prior key holds
//     it);
//   - else the link its key held before;
//   - else, for a key new to the map, the link of a key that left it, when
//     both have the same external id, or, without one, the same fields: a
//     renamed key keeps its link instead of deleting and recreating it;
//   - else none: it is created.
func (p linkPlan) planEntries() (entries map[string]linkEntryModel, sharedIDs []string) {
	priorKeyOf := make(map[string]string, len(p.prior)) // link id -> prior key
	for key, e := range p.prior {
		if isKnown(e.ID) {
			priorKeyOf[e.ID.ValueString()] = key
		}
	}
	base := make(map[string]string, len(p.planned)) // planned key -> prior key
	claimed := make(map[string]string)              // prior key -> planned key
	keys := slices.Sorted(maps.Keys(p.planned))
	idHolder := make(map[string]string) // configured id -> planned key
	for _, key := range keys {
		e := p.planned[key]
		if !isKnown(e.ID) {
			continue
		}
		id := e.ID.ValueString()
		if other, dup := idHolder[id]; dup {
			sharedIDs = append(sharedIDs, other, key)
			continue
		}
		idHolder[id] = key
		if priorKey, ok := priorKeyOf[id]; ok {
			base[key], claimed[priorKey] = priorKey, key
		}
	}
	for _, key := range keys {
		if _, ok := p.prior[key]; ok && !isKnown(p.planned[key].ID) {
			if _, taken := claimed[key]; !taken {
				base[key], claimed[key] = key, key
			}
		}
	}
	for _, key := range keys {
		e := p.planned[key]
		if _, ok := base[key]; ok || isKnown(e.ID) || e.hasUnknown() {
			continue
		}
		for _, priorKey := range slices.Sorted(maps.Keys(p.prior)) {
			if _, taken := claimed[priorKey]; taken {
				continue
			}
			if _, stays := p.planned[priorKey]; stays {
				continue
			}
			if p.samePairing(e, p.prior[priorKey]) {
				base[key], claimed[priorKey] = priorKey, key
				break
			}
		}
	}
	entries = make(map[string]linkEntryModel, len(p.planned))
	for _, key := range keys {
		e := p.planned[key]
		priorKey, ok := base[key]
		if !ok {
			entries[key] = e.allUnknown()
			continue
		}
		prior := p.prior[priorKey]
		unchanged := !p.moved && !p.elsewhere[priorKey] && e.sameLink(prior, p.collectionID)
		entries[key] = e.keepComputed(prior, unchanged)
	}
	return entries, sharedIDs
}

// samePairing reports whether a new key's entry e is the link a removed
// key's entry prior held: the same external id, or no external id on
// either and the same fields.
func (p linkPlan) samePairing(e, prior linkEntryModel) bool {
	if isKnown(e.ExternalID) || isKnown(prior.ExternalID) {
		return e.ExternalID.Equal(prior.ExternalID)
	}
	return e.sameLink(prior, p.collectionID)
}

// linkChanges is what an apply sends for the planned entries.
type linkChanges struct {
	// keys and items are the PUT: creates (no id) and updates (id and every
	// field) for the planned keys, in the same order.
	keys  []string
	items []hoko.LinkItem
	// deletes are the ids of prior links no planned entry is.
	deletes []string
	// kept are the planned entries nothing is sent for, as they stay.
	kept map[string]linkEntryModel
}

// changes works out the requests that make Hoko match planned (entries as
// ModifyPlan planned them): a link whose id no prior entry holds is
// adopted, one whose fields changed (or, with moved, every one) is updated
// with every field, null for those no longer set, and a prior link no
// entry is anymore is deleted unless forget.
func (p linkPlan) changes(forget bool) linkChanges {
	priorByID := make(map[string]string, len(p.prior)) // id -> prior key
	for key, e := range p.prior {
		if isKnown(e.ID) {
			priorByID[e.ID.ValueString()] = key
		}
	}
	c := linkChanges{kept: make(map[string]linkEntryModel)}
	planned := make(map[string]bool, len(p.planned))
	for _, key := range slices.Sorted(maps.Keys(p.planned)) {
		e := p.planned[key]
		if !isKnown(e.ID) {
			c.keys, c.items = append(c.keys, key), append(c.items, e.link(p.collectionID).createItem())
			continue
		}
		id := e.ID.ValueString()
		planned[id] = true
		priorKey, known := priorByID[id]
		if known && !p.moved && !p.elsewhere[priorKey] && e.sameLink(p.prior[priorKey], p.collectionID) {
			c.kept[key] = e.keepComputed(p.prior[priorKey], true)
			continue
		}
		c.keys, c.items = append(c.keys, key), append(c.items, e.link(p.collectionID).updateItem(id))
	}
	if !forget {
		for _, key := range slices.Sorted(maps.Keys(p.prior)) {
			if id := p.prior[key].ID; isKnown(id) && !planned[id.ValueString()] {
				c.deletes = append(c.deletes, id.ValueString())
			}
		}
	}
	return c
}

// importKey is the key an imported link gets: its external id when it has
// one that no other link's key took, else its id.
func importKey(l hoko.Link, taken map[string]bool) string {
	if l.ExternalID != nil && *l.ExternalID != "" && !taken[*l.ExternalID] {
		return *l.ExternalID
	}
	return l.ID
}
