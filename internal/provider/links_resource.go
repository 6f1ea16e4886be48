package provider

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
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

// linksSetOf reads the framework's model of hoko_links.
func linksSetOf(ctx context.Context, m linksResourceModel, diags *diag.Diagnostics) linksSet {
	return linksSet{
		collectionID: m.CollectionID, forgetRemoved: m.ForgetRemoved, resourceTimeouts: m.resourceTimeouts,
		entries: entriesOf(ctx, m.Links, diags), linksUnknown: m.Links.IsUnknown(),
	}
}

// model is s as the framework's model of hoko_links.
func (s linksSet) model(ctx context.Context, diags *diag.Diagnostics) linksResourceModel {
	switch {
	case s.linksUnknown:
		return s.attributes(types.MapUnknown(entryType(ctx)))
	case s.entries == nil:
		return s.attributes(types.MapNull(entryType(ctx)))
	}
	return s.attributes(mapOf(ctx, s.entries, diags))
}

// attributes is the framework's model of s with the links map given.
func (s linksSet) attributes(links types.Map) linksResourceModel {
	return linksResourceModel{CollectionID: s.collectionID, Links: links, ForgetRemoved: s.forgetRemoved, resourceTimeouts: s.resourceTimeouts}
}

// The framework's path to hoko_links: each method reads the request into a
// linksSet, runs the operation of links_operations.go and writes its
// result. The provider's server serves hoko_links itself with the same
// operations (links_server.go), so Terraform reaches these only where it
// talks to the framework's server directly.

// ValidateConfig checks the entries against each other (validateEntries);
// the attributes' own validators check each entry.
func (r *linksResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var links types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("links"), &links)...)
	if resp.Diagnostics.HasError() || links.IsNull() || links.IsUnknown() {
		return
	}
	validateEntries(entriesOf(ctx, links, &resp.Diagnostics), &resp.Diagnostics)
}

// ModifyPlan gives every entry the computed values of the link it is, so
// that a change of one entry among thousands plans that entry alone, and a
// renamed key keeps its link (see linkPlan.planEntries).
func (r *linksResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var config, state linksResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	c, s := linksSetOf(ctx, config, &resp.Diagnostics), linksSetOf(ctx, state, &resp.Diagnostics)
	elsewhere := elsewhereKeys(ctx, req.Private, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	plan := planLinks(c, s, elsewhere).model(ctx, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
	}
}

// Create is create's framework path.
func (r *linksResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan linksResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	p := linksSetOf(ctx, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.setState(ctx, r.create(ctx, p, &resp.Diagnostics), &resp.State, &resp.Diagnostics)
}

// Read is read's framework path.
func (r *linksResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state linksResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	s := linksSetOf(ctx, state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.setState(ctx, r.read(ctx, s, resp.Private, &resp.Diagnostics), &resp.State, &resp.Diagnostics)
}

// Update is update's framework path.
func (r *linksResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state linksResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	p, s := linksSetOf(ctx, plan, &resp.Diagnostics), linksSetOf(ctx, state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.setState(ctx, r.update(ctx, p, s, resp.Private, &resp.Diagnostics), &resp.State, &resp.Diagnostics)
}

// Delete is delete's framework path; the framework removes the resource
// from the state unless it failed.
func (r *linksResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state linksResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	s := linksSetOf(ctx, state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.setState(ctx, r.delete(ctx, s, &resp.Diagnostics), &resp.State, &resp.Diagnostics)
}

// setState stores an operation's result, unless it returned none.
func (r *linksResource) setState(ctx context.Context, s *linksSet, state *tfsdk.State, diags *diag.Diagnostics) {
	if s == nil {
		return
	}
	m := s.model(ctx, diags)
	if !diags.HasError() {
		diags.Append(state.Set(ctx, m)...)
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
