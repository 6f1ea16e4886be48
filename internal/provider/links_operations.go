package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// hoko_links' operations, on its values as linksSet holds them. Both ways
// Terraform's calls reach the resource run these same functions: the
// framework's (linksResource's methods, links_resource.go) and the
// provider's own server (links_server.go), which serves hoko_links at the
// protocol level because the framework's cost per call grows faster than
// the number of entries. Neither path decides anything of its own: each
// only reads the request into a linksSet and writes the result back.

// linksSet is hoko_links' values with the links map read into entries.
type linksSet struct {
	collectionID  types.String
	forgetRemoved types.Bool
	resourceTimeouts
	// entries is the links map: nil when it is null, and when it is
	// unknown (linksUnknown).
	entries      map[string]linkEntryModel
	linksUnknown bool
}

// privateState is the resource's private state as both paths offer it:
// the framework's and the protocol server's (linksPrivate).
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// validateEntries refuses external ids that two entries share, naming both
// keys: Hoko would refuse the whole request with a bare "Invalid request";
// and ids that two entries set. Each entry's own attributes are checked by
// their validators, whose diagnostics name the entry's key in their path.
func validateEntries(entries map[string]linkEntryModel, diags *diag.Diagnostics) {
	for _, dup := range sharedValues(entries, func(e linkEntryModel) types.String { return e.ExternalID }) {
		diags.AddAttributeError(path.Root("links").AtMapKey(dup.keys[1]).AtName("external_id"),
			"Duplicate External ID",
			fmt.Sprintf("The entries %q and %q of links both have external_id %q, but Hoko keeps external ids unique "+
				"among a workspace's links. Give each entry its own external_id, or remove one of the entries.",
				dup.keys[0], dup.keys[1], dup.value))
	}
	for _, dup := range sharedValues(entries, func(e linkEntryModel) types.String { return e.ID }) {
		diags.AddAttributeError(path.Root("links").AtMapKey(dup.keys[1]).AtName("id"),
			"Duplicate Link ID",
			fmt.Sprintf("The entries %q and %q of links both set id %q, but one link can be only one entry. "+
				"Remove the id from one of them.", dup.keys[0], dup.keys[1], dup.value))
	}
}

// sharedValue is a value two entries share, and their keys in order.
type sharedValue struct {
	value string
	keys  [2]string
}

// sharedValues lists the known values of field that more than one entry
// holds, each with the first key that holds it and another; in key order.
func sharedValues(entries map[string]linkEntryModel, field func(linkEntryModel) types.String) []sharedValue {
	first := map[string]string{}
	var shared []sharedValue
	for _, key := range slices.Sorted(maps.Keys(entries)) {
		v := field(entries[key])
		if !isKnown(v) {
			continue
		}
		if other, dup := first[v.ValueString()]; dup {
			shared = append(shared, sharedValue{value: v.ValueString(), keys: [2]string{other, key}})
			continue
		}
		first[v.ValueString()] = key
	}
	return shared
}

// planLinks is the plan of hoko_links for config, given the prior state
// (zero for a create): the configuration, with each entry's computed
// values kept from the link it is or unknown.
func planLinks(config, state linksSet, elsewhere map[string]bool) linksSet {
	plan := config
	if config.linksUnknown {
		return plan
	}
	p := linkPlan{
		planned: config.entries, prior: state.entries,
		// An unknown collection (created in the same apply) is a move:
		// every entry is planned as changed.
		collectionID: config.collectionID.ValueString(),
		moved:        !state.collectionID.IsNull() && !config.collectionID.Equal(state.collectionID),
		elsewhere:    elsewhere,
	}
	plan.entries, _ = p.planEntries()
	return plan
}

// elsewhereKeys reads the keys the last refresh found in another
// collection.
func elsewhereKeys(ctx context.Context, private privateState, diags *diag.Diagnostics) map[string]bool {
	raw, d := private.GetKey(ctx, elsewhereKey)
	diags.Append(d...)
	var keys []string
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &keys); err != nil {
			diags.AddWarning("Unreadable Private State", "The provider's note of links found in another collection "+
				"could not be read and is ignored: "+err.Error())
		}
	}
	set := make(map[string]bool, len(keys))
	for _, k := range keys {
		set[k] = true
	}
	return set
}

// create writes every entry: one PUT (split at max_batch_size) with a
// create for each entry and an update for each entry whose id adopts an
// existing link. What was written reaches the state even when a request
// fails, so no link is ever left unrecorded. It returns nil when nothing
// was sent.
func (r *linksResource) create(ctx context.Context, plan linksSet, diags *diag.Diagnostics) *linksSet {
	ctx, cancel := boundOperation(ctx, "create", plan.operationTimeouts(), diags)
	defer cancel()
	if diags.HasError() {
		return nil
	}
	p := linkPlan{planned: plan.entries, collectionID: plan.collectionID.ValueString()}
	plan.entries = r.apply(ctx, p, false, diags)
	return &plan
}

// read refreshes every entry from one listing of the workspace's links
// (one request per 10,000 links, up to the last page that holds an entry's
// link): an entry whose link is gone is removed,
// so the next plan creates it again; one changed out of band takes Hoko's
// values, so the next plan updates it back. After an import, it adopts
// every link of the collection instead. It returns nil when the state
// stays as it is.
func (r *linksResource) read(ctx context.Context, state linksSet, private privateState, diags *diag.Diagnostics) *linksSet {
	ctx, cancel := boundOperation(ctx, "read", state.operationTimeouts(), diags)
	defer cancel()
	if diags.HasError() {
		return nil
	}
	importing, d := private.GetKey(ctx, importingKey)
	diags.Append(d...)
	collectionID := state.collectionID.ValueString()
	if diags.HasError() || len(state.entries) == 0 && len(importing) == 0 {
		return nil
	}
	// An import reads every page for the collection's links; a refresh
	// stops at the last page that holds one of its own.
	links, opts := r.client.Links(), hoko.ListOptions{Sort: hoko.SortAsc}
	var listed []hoko.Link
	var err error
	if len(importing) > 0 {
		listed, err = links.All(ctx, opts)
	} else {
		listed, err = links.Among(ctx, opts, entryIDs(state.entries))
	}
	if err != nil {
		addOperationError(ctx, diags, linksKind, fmt.Sprintf("read the links of collection %q", collectionID), err)
		return nil
	}
	var elsewhere []string
	if len(importing) > 0 {
		state.entries = adoptCollection(listed, collectionID)
		diags.Append(private.SetKey(ctx, importingKey, nil)...)
	} else {
		state.entries, elsewhere = refreshEntries(state.entries, listed, collectionID)
	}
	raw, _ := json.Marshal(elsewhere)
	if len(elsewhere) == 0 {
		raw = nil
	}
	diags.Append(private.SetKey(ctx, elsewhereKey, raw)...)
	return &state
}

// refreshEntries is prior as the listing all shows it, and the keys whose
// link is live but in another collection than collectionID.
func refreshEntries(prior map[string]linkEntryModel, all []hoko.Link, collectionID string) (map[string]linkEntryModel, []string) {
	byID := make(map[string]hoko.Link, len(all))
	for _, l := range all {
		byID[l.ID] = l
	}
	entries := make(map[string]linkEntryModel, len(prior))
	var elsewhere []string
	for _, key := range slices.Sorted(maps.Keys(prior)) {
		e := prior[key]
		l, live := byID[e.ID.ValueString()]
		if !live {
			continue
		}
		if l.CollectionID != collectionID {
			elsewhere = append(elsewhere, key)
		}
		entries[key] = e.with(l)
	}
	return entries, elsewhere
}

// adoptCollection makes an entry of every link of collectionID, keyed by
// its external id where it has one and by its id otherwise.
func adoptCollection(all []hoko.Link, collectionID string) map[string]linkEntryModel {
	entries := make(map[string]linkEntryModel)
	taken := make(map[string]bool)
	for _, l := range all {
		if l.CollectionID != collectionID {
			continue
		}
		key := importKey(l, taken)
		taken[key] = true
		entries[key] = linkEntry(newLinkModel(l))
	}
	return entries
}

// update sends exactly the changes: one DELETE of the links no entry is
// anymore (unless forget_removed), then one PUT with the new entries and
// the changed ones, each split only at max_batch_size. Unchanged entries
// are not sent. It returns nil when nothing was sent.
func (r *linksResource) update(ctx context.Context, plan, state linksSet, private privateState, diags *diag.Diagnostics) *linksSet {
	ctx, cancel := boundOperation(ctx, "update", plan.operationTimeouts(), diags)
	defer cancel()
	if diags.HasError() {
		return nil
	}
	p := linkPlan{
		planned: plan.entries, prior: state.entries,
		collectionID: plan.collectionID.ValueString(), moved: !plan.collectionID.Equal(state.collectionID),
		elsewhere: elsewhereKeys(ctx, private, diags),
	}
	if diags.HasError() {
		return nil
	}
	plan.entries = r.apply(ctx, p, plan.forgetRemoved.ValueBool(), diags)
	diags.Append(private.SetKey(ctx, elsewhereKey, nil)...)
	return &plan
}

// delete deletes every link the set manages; links of the collection that
// it does not manage are left alone. It returns the entries whose link is
// still live after a failure, so that destroy can be run again, or nil.
func (r *linksResource) delete(ctx context.Context, state linksSet, diags *diag.Diagnostics) *linksSet {
	ctx, cancel := boundOperation(ctx, "delete", state.operationTimeouts(), diags)
	defer cancel()
	if diags.HasError() {
		return nil
	}
	ids := entryIDs(state.entries)
	live := r.deleteLinks(ctx, ids, diags)
	if len(live) == 0 {
		return nil
	}
	left := map[string]linkEntryModel{}
	for key, e := range state.entries {
		if live[e.ID.ValueString()] {
			left[key] = e
		}
	}
	state.entries = left
	return &state
}

// apply sends p's changes and returns the entries to store: those written,
// those kept, and, where a request failed, the prior entry of a link that
// was to be updated or deleted (so the next plan tries again). A create
// that failed is left out; the next plan creates it.
func (r *linksResource) apply(ctx context.Context, p linkPlan, forget bool, diags *diag.Diagnostics) map[string]linkEntryModel {
	c := p.changes(forget)
	entries := c.kept
	links := r.client.Links()
	if stillLive := r.deleteLinks(ctx, c.deletes, diags); len(stillLive) > 0 {
		for key, e := range p.prior {
			if stillLive[e.ID.ValueString()] {
				entries[key] = e
			}
		}
	}
	written, err := links.UpsertAll(ctx, c.items)
	priorByID := make(map[string]string, len(p.prior))
	for key, e := range p.prior {
		priorByID[e.ID.ValueString()] = key
	}
	for i, key := range c.keys {
		planned := p.planned[key]
		switch {
		case i < len(written) && written[i].ID != "":
			entries[key] = planned.with(written[i])
		case c.items[i].ID != "":
			if priorKey, ok := priorByID[c.items[i].ID]; ok {
				entries[priorKey] = p.prior[priorKey]
			}
		}
	}
	if err != nil {
		r.addWriteError(ctx, diags, p, c, written, err)
	}
	return entries
}

// deleteLinks deletes ids and returns those that are still live after a
// failure. The API refuses a whole request for one id that is already gone,
// so after a failure the survivors are listed and sent once more.
func (r *linksResource) deleteLinks(ctx context.Context, ids []string, diags *diag.Diagnostics) map[string]bool {
	links := r.client.Links()
	err := links.DeleteAll(ctx, ids)
	if err == nil {
		return nil
	}
	live, listErr := liveAmong(ctx, links, ids)
	if listErr == nil && len(live) > 0 {
		err = links.DeleteAll(ctx, slices.Sorted(maps.Keys(live)))
		if err == nil {
			return nil
		}
		live, listErr = liveAmong(ctx, links, ids)
	}
	switch {
	case listErr != nil:
		addOperationError(ctx, diags, linksKind, fmt.Sprintf("delete %d links", len(ids)),
			fmt.Errorf("%w; listing the links to see which are gone failed too: %w", err, listErr))
		return setOf(ids)
	case len(live) > 0:
		addOperationError(ctx, diags, linksKind, fmt.Sprintf("delete %d of %d links", len(live), len(ids)), err)
	}
	return live
}

// entryIDs is the known link ids of entries, in key order.
func entryIDs(entries map[string]linkEntryModel) []string {
	var ids []string
	for _, key := range slices.Sorted(maps.Keys(entries)) {
		if id := entries[key].ID; isKnown(id) {
			ids = append(ids, id.ValueString())
		}
	}
	return ids
}

// liveAmong lists the links and returns which of ids are live.
func liveAmong(ctx context.Context, links *hoko.Objects[hoko.Link, hoko.LinkItem], ids []string) (map[string]bool, error) {
	found, err := links.Among(ctx, hoko.ListOptions{Sort: hoko.SortAsc}, ids)
	if err != nil {
		return nil, err
	}
	live := map[string]bool{}
	for _, l := range found {
		live[l.ID] = true
	}
	return live, nil
}

// setOf is ids as a set.
func setOf(ids []string) map[string]bool {
	set := make(map[string]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return set
}

// addWriteError explains a failed PUT. A 400 fails a whole request without
// saying which item was bad; the likeliest cause is an external id another
// link holds, so the links are listed once and every entry whose external
// id a link outside the set holds is named with that link's id.
func (r *linksResource) addWriteError(ctx context.Context, diags *diag.Diagnostics, p linkPlan, c linkChanges,
	written []hoko.Link, err error) {
	failed := 0
	for i := range c.keys {
		if i >= len(written) || written[i].ID == "" {
			failed++
		}
	}
	action := fmt.Sprintf("write %d of %d links to collection %q", failed, len(c.keys), p.collectionID)
	if hoko.StatusCode(err) == http.StatusBadRequest && !errors.Is(err, hoko.ErrOutcomeUnknown) {
		if all, listErr := r.client.Links().All(ctx, hoko.ListOptions{Sort: hoko.SortAsc}); listErr == nil {
			holders := map[string]string{} // external id -> link id
			for _, l := range all {
				if l.ExternalID != nil {
					holders[*l.ExternalID] = l.ID
				}
			}
			var taken []string
			for i, key := range c.keys {
				externalID, set := c.items[i].ExternalID.Get()
				if holder, held := holders[externalID]; set && held && holder != c.items[i].ID {
					taken = append(taken, fmt.Sprintf("links[%q]: external_id %q is held by link %q", key, externalID, holder))
				}
			}
			if len(taken) > 0 {
				diags.AddError("Link External ID Already Taken",
					fmt.Sprintf("Could not %s: Hoko keeps external ids unique per workspace, and links outside this "+
						"set hold some of them:\n  %s\n\nChoose other external ids, or take the links over by setting "+
						"the entry's id to the link's id.\n\nServer message: %s", action, strings.Join(taken, "\n  "),
						apiMessage(err)))
				return
			}
		}
	}
	addOperationError(ctx, diags, linksKind, action, err)
}
