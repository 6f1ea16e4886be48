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

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ resource.Resource                   = (*linksResource)(nil)
	_ resource.ResourceWithConfigure      = (*linksResource)(nil)
	_ resource.ResourceWithImportState    = (*linksResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*linksResource)(nil)
	_ resource.ResourceWithValidateConfig = (*linksResource)(nil)
)

// linksKind names hoko_links in diagnostics and its timeouts block; its
// requests are link requests, with the link scopes.
var linksKind = objectKind{
	name: "link set", plural: "link sets",
	readScope: linkKind.readScope, writeScope: linkKind.writeScope,
	uniqueKey: linkKind.uniqueKey, uniqueKeyWords: linkKind.uniqueKeyWords, uniqueKeyCaps: linkKind.uniqueKeyCaps,
}

// elsewhereKey is the private state key holding the entry keys whose link
// the last refresh found in another collection, so that the plan moves
// them back although no attribute of the entry shows it.
const elsewhereKey = "links_elsewhere"

// importingKey marks a state that an import has just begun: its Read
// adopts every link of the collection.
const importingKey = "links_importing"

// NewLinksResource returns the hoko_links resource.
func NewLinksResource() resource.Resource {
	return &linksResource{}
}

// linksResource manages many links of one collection as one resource, so
// that a plan and an apply cost a few bulk requests instead of one
// Terraform resource per link.
type linksResource struct {
	client *hoko.Client
}

// linksResourceModel is hoko_links' model.
type linksResourceModel struct {
	CollectionID  types.String `tfsdk:"collection_id"`
	Links         types.Map    `tfsdk:"links"`
	ForgetRemoved types.Bool   `tfsdk:"forget_removed"`
	resourceTimeouts
}

// Metadata names the resource hoko_links.
func (r *linksResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_links"
}

// Schema describes hoko_links. An entry has hoko_link's attributes, taken
// from hoko_link's own schema so the two never drift apart, without
// collection_id (the set's) and with an id the configuration may set.
func (r *linksResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manages many Hoko short links of one collection as one resource: a map from keys of your own " +
			"to links. A plan and an apply cost a few bulk requests whatever the number of links, where each " +
			"`hoko_link` is a resource of its own for Terraform to walk; choose `hoko_links` for hundreds or " +
			"thousands of generated links, `hoko_link` for a few links you refer to one by one. Changes are planned " +
			"per key and applied in place: one `PUT` with the new and changed links and one `DELETE` of the " +
			"removed ones, split only at the provider's `max_batch_size`. Only the links this resource created or " +
			"imported are managed: other links of the collection are left alone.",
		Attributes: map[string]schema.Attribute{
			"collection_id": schema.StringAttribute{
				Description: "The id of the collection the links belong to, usually `hoko_collection.<name>.id`. " +
					"Changing it moves every link to the other collection in place: each keeps its id and short URL.",
				Required:   true,
				Validators: idLookupValidators(collectionKind),
			},
			"links": schema.MapNestedAttribute{
				Description: "The links, by keys of your own (a product id, a placement name). An entry has the " +
					"attributes of a `hoko_link` but `collection_id`. Adding, changing or removing an entry plans " +
					"exactly that entry; a removed entry's link is deleted (see `forget_removed`). Renaming a key " +
					"keeps its link when the entry keeps its `external_id` or, without one, all of its fields. " +
					"External ids must be unique within the map, checked at plan time.",
				Required:     true,
				NestedObject: schema.NestedAttributeObject{Attributes: linkEntryAttributes(ctx)},
			},
			"forget_removed": schema.BoolAttribute{
				Description: "When `true`, a link removed from `links` is only let go of, not deleted: it stays on " +
					"Hoko, unmanaged, so a `hoko_link` (with an `import` block) or another `hoko_links` (with the " +
					"entry's `id`) can take it over in the same apply. Defaults to `false`. Destroying the " +
					"resource deletes every link it manages either way; use a `removed` block to keep them.",
				Optional: true,
			},
		},
		Blocks: map[string]schema.Block{"timeouts": timeoutsBlock(ctx, linksKind)},
	}
}

// linkEntryAttributes are hoko_link's attributes without collection_id,
// with an id the configuration may set to adopt an existing link, and
// without plan modifiers: ModifyPlan keeps each entry's computed values.
func linkEntryAttributes(ctx context.Context) map[string]schema.Attribute {
	var link resource.SchemaResponse
	(&linkResource{}).Schema(ctx, resource.SchemaRequest{}, &link)
	attrs := maps.Clone(link.Schema.Attributes)
	delete(attrs, "collection_id")
	for name, a := range attrs {
		if s, ok := a.(schema.StringAttribute); ok && s.Computed {
			s.PlanModifiers = nil
			attrs[name] = s
		}
	}
	attrs["id"] = schema.StringAttribute{
		Description: "The link's id, a UUID assigned by Hoko when the link is created. Set it to adopt an existing " +
			"link into the set (one a `hoko_link` let go of with a `removed` block, for instance): the apply " +
			"updates that link in place to the entry instead of creating one. Left unset, it is computed.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{idLookupValidators(linkKind)[0]},
	}
	return attrs
}

// Configure takes the API client the provider built.
func (r *linksResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// entryType is the object type of one entry, from the schema.
func entryType(ctx context.Context) attr.Type {
	return schema.NestedAttributeObject{Attributes: linkEntryAttributes(ctx)}.Type()
}

// entriesOf reads a links map; nil for a null one.
func entriesOf(ctx context.Context, m types.Map, diags *diag.Diagnostics) map[string]linkEntryModel {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	entries := make(map[string]linkEntryModel, len(m.Elements()))
	diags.Append(m.ElementsAs(ctx, &entries, false)...)
	return entries
}

// mapOf is the links map of entries.
func mapOf(ctx context.Context, entries map[string]linkEntryModel, diags *diag.Diagnostics) types.Map {
	if entries == nil {
		entries = map[string]linkEntryModel{}
	}
	m, d := types.MapValueFrom(ctx, entryType(ctx), entries)
	diags.Append(d...)
	return m
}

// ValidateConfig refuses external ids that two entries share, naming both
// keys: Hoko would refuse the whole request with a bare "Invalid request".
// Each entry's URLs and ids are checked by the attributes' own validators,
// whose diagnostics name the entry's key in their path.
func (r *linksResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var links types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("links"), &links)...)
	if resp.Diagnostics.HasError() || links.IsNull() || links.IsUnknown() {
		return
	}
	entries := entriesOf(ctx, links, &resp.Diagnostics)
	for _, dup := range sharedValues(entries, func(e linkEntryModel) types.String { return e.ExternalID }) {
		resp.Diagnostics.AddAttributeError(path.Root("links").AtMapKey(dup.keys[1]).AtName("external_id"),
			"Duplicate External ID",
			fmt.Sprintf("The entries %q and %q of links both have external_id %q, but Hoko keeps external ids unique "+
				"among a workspace's links. Give each entry its own external_id, or remove one of the entries.",
				dup.keys[0], dup.keys[1], dup.value))
	}
	for _, dup := range sharedValues(entries, func(e linkEntryModel) types.String { return e.ID }) {
		resp.Diagnostics.AddAttributeError(path.Root("links").AtMapKey(dup.keys[1]).AtName("id"),
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

// ModifyPlan gives every entry the computed values of the link it is, so
// that a change of one entry among thousands plans that entry alone, and a
// renamed key keeps its link (see linkPlan.planEntries). The provider's
// server plans hoko_links itself with the same function (links_server.go);
// this is the framework's path to it.
func (r *linksResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var config, state linksResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	plan := planLinks(ctx, config, state, elsewhereKeys(ctx, req.Private, &resp.Diagnostics), &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
	}
}

// planLinks is the plan of hoko_links for config, given the prior state
// (zero for a create): the configuration, with each entry's computed
// values kept from the link it is or unknown.
func planLinks(ctx context.Context, config, state linksResourceModel, elsewhere map[string]bool, diags *diag.Diagnostics) linksResourceModel {
	plan := config
	if config.Links.IsUnknown() {
		return plan
	}
	p := linkPlan{
		planned: entriesOf(ctx, config.Links, diags), prior: entriesOf(ctx, state.Links, diags),
		// An unknown collection (created in the same apply) is a move:
		// every entry is planned as changed.
		collectionID: config.CollectionID.ValueString(),
		moved:        !state.CollectionID.IsNull() && !config.CollectionID.Equal(state.CollectionID),
		elsewhere:    elsewhere,
	}
	if diags.HasError() {
		return plan
	}
	entries, _ := p.planEntries()
	plan.Links = mapOf(ctx, entries, diags)
	return plan
}

// privateGetter is what the requests' private state offers.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// elsewhereKeys reads the keys the last refresh found in another
// collection.
func elsewhereKeys(ctx context.Context, private privateGetter, diags *diag.Diagnostics) map[string]bool {
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

// Create writes every entry: one PUT (split at max_batch_size) with a
// create for each entry and an update for each entry whose id adopts an
// existing link. What was written reaches the state even when a request
// fails, so no link is ever left unrecorded.
func (r *linksResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan linksResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	ctx, cancel := boundOperation(ctx, "create", plan.operationTimeouts(), &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	p := linkPlan{planned: entriesOf(ctx, plan.Links, &resp.Diagnostics), collectionID: plan.CollectionID.ValueString()}
	if resp.Diagnostics.HasError() {
		return
	}
	plan.Links = r.apply(ctx, p, false, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// Read refreshes every entry from one listing of the workspace's links
// (one request per 10,000 links): an entry whose link is gone is removed,
// so the next plan creates it again; one changed out of band takes Hoko's
// values, so the next plan updates it back. After an import, it adopts
// every link of the collection instead.
func (r *linksResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state linksResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel := boundOperation(ctx, "read", state.operationTimeouts(), &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	importing, d := req.Private.GetKey(ctx, importingKey)
	resp.Diagnostics.Append(d...)
	collectionID := state.CollectionID.ValueString()
	prior := entriesOf(ctx, state.Links, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || len(prior) == 0 && len(importing) == 0 {
		return
	}
	all, err := r.client.Links().All(ctx, hoko.ListOptions{Sort: hoko.SortAsc})
	if err != nil {
		addOperationError(ctx, &resp.Diagnostics, linksKind, fmt.Sprintf("read the links of collection %q", collectionID), err)
		return
	}
	var entries map[string]linkEntryModel
	var elsewhere []string
	if len(importing) > 0 {
		entries = adoptCollection(all, collectionID)
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importingKey, nil)...)
	} else {
		entries, elsewhere = refreshEntries(prior, all, collectionID)
	}
	raw, _ := json.Marshal(elsewhere)
	if len(elsewhere) == 0 {
		raw = nil
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, elsewhereKey, raw)...)
	state.Links = mapOf(ctx, entries, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
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

// Update sends exactly the changes: one DELETE of the links no entry is
// anymore (unless forget_removed), then one PUT with the new entries and
// the changed ones, each split only at max_batch_size. Unchanged entries
// are not sent.
func (r *linksResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state linksResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel := boundOperation(ctx, "update", plan.operationTimeouts(), &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	p := linkPlan{
		planned: entriesOf(ctx, plan.Links, &resp.Diagnostics), prior: entriesOf(ctx, state.Links, &resp.Diagnostics),
		collectionID: plan.CollectionID.ValueString(), moved: !plan.CollectionID.Equal(state.CollectionID),
		elsewhere: elsewhereKeys(ctx, req.Private, &resp.Diagnostics),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	plan.Links = r.apply(ctx, p, plan.ForgetRemoved.ValueBool(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, elsewhereKey, nil)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// apply sends p's changes and returns the entries to store: those written,
// those kept, and, where a request failed, the prior entry of a link that
// was to be updated or deleted (so the next plan tries again). A create
// that failed is left out; the next plan creates it.
func (r *linksResource) apply(ctx context.Context, p linkPlan, forget bool, diags *diag.Diagnostics) types.Map {
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
	return mapOf(ctx, entries, diags)
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

// liveAmong lists the links and returns which of ids are live.
func liveAmong(ctx context.Context, links *hoko.Objects[hoko.Link, hoko.LinkItem], ids []string) (map[string]bool, error) {
	all, err := links.All(ctx, hoko.ListOptions{Sort: hoko.SortAsc})
	if err != nil {
		return nil, err
	}
	wanted := setOf(ids)
	live := map[string]bool{}
	for _, l := range all {
		if wanted[l.ID] {
			live[l.ID] = true
		}
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

// Delete deletes every link the set manages; links of the collection that
// it does not manage are left alone.
func (r *linksResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state linksResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel := boundOperation(ctx, "delete", state.operationTimeouts(), &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	prior := entriesOf(ctx, state.Links, &resp.Diagnostics)
	var ids []string
	for _, key := range slices.Sorted(maps.Keys(prior)) {
		if id := prior[key].ID; isKnown(id) {
			ids = append(ids, id.ValueString())
		}
	}
	if live := r.deleteLinks(ctx, ids, &resp.Diagnostics); len(live) > 0 {
		// Keep what is still there, so that destroy can be run again.
		left := map[string]linkEntryModel{}
		for key, e := range prior {
			if live[e.ID.ValueString()] {
				left[key] = e
			}
		}
		state.Links = mapOf(ctx, left, &resp.Diagnostics)
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	}
}

// ImportState adopts every link of a collection, by the collection's id;
// the Read that follows lists them.
func (r *linksResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.ToLower(strings.TrimSpace(req.ID))
	if !isUUID(id) {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("hoko_links is imported by the id of the collection whose links it adopts, a UUID such as "+
				"\"550e8400-e29b-41d4-a716-446655440000\"; got %q.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("collection_id"), id)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importingKey, []byte("true"))...)
}
