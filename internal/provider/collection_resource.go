package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ resource.Resource                = (*collectionResource)(nil)
	_ resource.ResourceWithConfigure   = (*collectionResource)(nil)
	_ resource.ResourceWithImportState = (*collectionResource)(nil)
	_ resource.ResourceWithIdentity    = (*collectionResource)(nil)
)

// NewCollectionResource returns the hoko_collection resource.
func NewCollectionResource() resource.Resource {
	return &collectionResource{}
}

// collectionResource manages one Hoko collection through the upsert API.
type collectionResource struct {
	client *hoko.Client
}

// Metadata names the resource hoko_collection.
func (r *collectionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_collection"
}

// Schema describes hoko_collection.
func (r *collectionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manages a Hoko collection: a named group of short links in a workspace, where every link " +
			"belongs to exactly one collection. Changes are applied in place through Hoko's upsert API, so a " +
			"collection is never replaced; destroying it soft-deletes it on Hoko.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description: "The collection's id, a UUID assigned by Hoko when the collection is created. It never " +
					"changes, and it is the id an existing collection is imported by.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Description: "The collection's name, 1 to 32 characters and not only spaces, unique among the live collections of the " +
					"workspace: Hoko refuses a name that another collection holds. Renaming updates the collection in place.",
				Required:   true,
				Validators: []validator.String{stringvalidator.UTF8LengthBetween(1, 32), notBlank()},
			},
			"description": schema.StringAttribute{
				Description: "The collection's free-text description; Hoko documents no length limit. Leave it out " +
					"for no description: removing it from the configuration clears it on Hoko, because the update " +
					"sends an explicit `null`. An empty string `\"\"` is a value of its own: Hoko stores it and the " +
					"provider keeps it as `\"\"`, never as null. Terraform's human-readable plan and `terraform show` do not " +
					"tell the two apart (a change between them is listed as an update that hides `description` among the " +
					"unchanged attributes, and `show` prints `\"\"` as `null`); `terraform show -json` does.",
				Optional: true,
			},
			"created_at": schema.StringAttribute{
				Description:   "When the collection was created, in RFC 3339 format (UTC).",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"updated_at": schema.StringAttribute{
				Description: "When the collection was last written, in RFC 3339 format (UTC). Every update changes it.",
				Computed:    true,
			},
		},
		Blocks: map[string]schema.Block{"timeouts": collectionTimeoutsBlock(ctx)},
	}
}

// Configure takes the API client the provider built.
func (r *collectionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// Create sends one PUT item without an id and stores what Hoko returned. The
// client coalesces creates that Terraform runs at the same time into one PUT.
func (r *collectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan collectionResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	ctx, cancel := boundOperation(ctx, "create", plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	written, err := r.client.Collections().Upsert(ctx, plan.createItem())
	if err != nil {
		r.addCreateError(ctx, &resp.Diagnostics, name, err)
		return
	}
	rememberManaged(r.client, written.ID)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan.with(written))...)
	setCollectionIdentity(ctx, resp.Identity, written.ID, &resp.Diagnostics)
}

// addCreateError explains a failed create. A 400 is most often a name that
// is already taken; the API cannot say so, so look the name up and, when a
// collection holds it, say whether to adopt it (see name_taken.go).
func (r *collectionResource) addCreateError(ctx context.Context, diags *diag.Diagnostics, name string, err error) {
	if hoko.StatusCode(err) == http.StatusBadRequest {
		if existing, findErr := r.client.Collections().Holder(ctx, hoko.CollectionItem{Name: hoko.Value(name)}); findErr == nil {
			addNameTakenError(diags, r.client, "collection", "hoko_collection", name, existing.ID, err)
			return
		}
	}
	addOperationError(ctx, diags, fmt.Sprintf("create collection %q", name), err)
}

// Read refreshes the state from Hoko; a collection that is gone is removed
// from the state so that the next plan creates it again.
func (r *collectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state collectionResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel := boundOperation(ctx, "read", state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	// The identity comes first, from the prior state: Terraform 1.12+ wants
	// one even from a Read that removes a vanished collection, and state
	// written before identities existed has none yet.
	setCollectionIdentity(ctx, resp.Identity, state.ID.ValueString(), &resp.Diagnostics)
	col, err := r.client.Collections().Get(ctx, state.ID.ValueString())
	if errors.Is(err, hoko.ErrNotFound) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addOperationError(ctx, &resp.Diagnostics, fmt.Sprintf("read collection %q", state.ID.ValueString()), err)
		return
	}
	rememberManaged(r.client, col.ID)
	resp.Diagnostics.Append(resp.State.Set(ctx, state.with(col))...)
}

// Update sends one PUT item with the id, the name and the description (null
// when the configuration no longer sets it), so the collection is changed in
// place and never replaced.
func (r *collectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state collectionResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel := boundOperation(ctx, "update", plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	if plan.Name.Equal(state.Name) && plan.Description.Equal(state.Description) {
		// Only the timeouts block changed; Hoko knows nothing of it, so
		// nothing is sent.
		state.Timeouts = plan.Timeouts
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		setCollectionIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
		return
	}
	written, err := r.client.Collections().Upsert(ctx, plan.updateItem(id))
	if err != nil {
		addOperationError(ctx, &resp.Diagnostics, fmt.Sprintf("update collection %q", id), err)
		return
	}
	rememberManaged(r.client, written.ID)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan.with(written))...)
	setCollectionIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

// Delete soft-deletes the collection. The API answers 400 for an id that is
// already gone, so a 400 is checked with a GET: gone counts as deleted. The
// client coalesces concurrent deletes and splits a refused batch, so the 400
// seen here is this id's own.
func (r *collectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state collectionResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel := boundOperation(ctx, "delete", state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	err := r.client.Collections().Delete(ctx, id)
	if hoko.StatusCode(err) == http.StatusBadRequest {
		if _, getErr := r.client.Collections().Get(ctx, id); errors.Is(getErr, hoko.ErrNotFound) {
			return
		}
	}
	if err != nil {
		addOperationError(ctx, &resp.Diagnostics, fmt.Sprintf("delete collection %q", id), err)
	}
}
