package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// The CRUD steps every resource of this provider takes the same way, for any
// kind. A resource's Create, Read, Update and Delete each call one of these
// with its own model type; what differs between kinds (the schema, and the
// translation between the model and the client's types) stays in the
// kind's own files.

// resourceModel is what the CRUD steps need of a kind's resource model M,
// the struct a plan or state of that resource is read into. T is the kind's
// object as the client returns it, I the item the client writes.
type resourceModel[M, T, I any] interface {
	// objectID is the id in the state.
	objectID() string
	// operationTimeouts is the resource's timeouts block.
	operationTimeouts() timeouts.Value
	// createItem is the item that creates the planned object: no id, and
	// only the fields the configuration sets.
	createItem() I
	// updateItem is the item that makes object id match the model, with
	// every field the configuration no longer sets sent as null.
	updateItem(id string) I
	// with is the model of obj, keeping the configuration-only attributes
	// (the timeouts block) of the receiver.
	with(obj T) M
}

// createObject is a resource's Create: one item without an id, whose answer
// becomes the state. The client coalesces creates Terraform runs at the same
// time and settles one whose answer was lost, so this is one call.
func createObject[M resourceModel[M, T, I], T, I any](ctx context.Context, o kindObjects[T, I],
	req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	ctx, cancel := boundOperation(ctx, "create", plan.operationTimeouts(), &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	item := plan.createItem()
	written, err := o.store.Upsert(ctx, item)
	if err != nil {
		o.addWriteError(ctx, &resp.Diagnostics, "create "+o.describe(item), item, "", err)
		return
	}
	rememberManaged(o.client, o.id(written))
	resp.Diagnostics.Append(resp.State.Set(ctx, plan.with(written))...)
	setIDIdentity(ctx, resp.Identity, o.id(written), &resp.Diagnostics)
}

// readObject is a resource's Read. An object that is gone is removed from
// the state, so that the next plan creates it again. The identity is set
// first, from the prior state: Terraform 1.12+ wants one even from a Read
// that removes a vanished object, and state written before identities
// existed has none yet.
func readObject[M resourceModel[M, T, I], T, I any](ctx context.Context, o kindObjects[T, I],
	req resource.ReadRequest, resp *resource.ReadResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel := boundOperation(ctx, "read", state.operationTimeouts(), &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.objectID()
	setIDIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	obj, err := o.store.Get(ctx, id)
	if errors.Is(err, hoko.ErrNotFound) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addOperationError(ctx, &resp.Diagnostics, o.kind, fmt.Sprintf("read %s %q", o.kind.name, id), err)
		return
	}
	rememberManaged(o.client, id)
	resp.Diagnostics.Append(resp.State.Set(ctx, state.with(obj))...)
}

// updateObject is a resource's Update: one item with the id and every
// configurable field (null for those the configuration no longer sets), so
// the object is changed in place and never replaced. When the item is what
// the state already holds, only the timeouts block changed; Hoko knows
// nothing of it, so nothing is sent.
func updateObject[M resourceModel[M, T, I], T, I any](ctx context.Context, o kindObjects[T, I],
	req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel := boundOperation(ctx, "update", plan.operationTimeouts(), &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.objectID()
	item := plan.updateItem(id)
	if reflect.DeepEqual(item, state.updateItem(id)) {
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("timeouts"), plan.operationTimeouts())...)
	} else {
		written, err := o.store.Upsert(ctx, item)
		if err != nil {
			o.addWriteError(ctx, &resp.Diagnostics, fmt.Sprintf("update %s %q", o.kind.name, id), item, id, err)
			return
		}
		rememberManaged(o.client, id)
		resp.Diagnostics.Append(resp.State.Set(ctx, plan.with(written))...)
	}
	setIDIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

// deleteObject is a resource's Delete. The API answers 400 for an id that is
// already gone, so a 400 is checked with a GET: gone counts as deleted. The
// client coalesces concurrent deletes and splits a refused batch, so the 400
// seen here is this id's own.
func deleteObject[M resourceModel[M, T, I], T, I any](ctx context.Context, o kindObjects[T, I],
	req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel := boundOperation(ctx, "delete", state.operationTimeouts(), &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.objectID()
	err := o.store.Delete(ctx, id)
	if hoko.StatusCode(err) == http.StatusBadRequest {
		if _, getErr := o.store.Get(ctx, id); errors.Is(getErr, hoko.ErrNotFound) {
			return
		}
	}
	if err != nil {
		addOperationError(ctx, &resp.Diagnostics, o.kind, fmt.Sprintf("delete %s %q", o.kind.name, id), err)
	}
}

// addWriteError explains a failed create or update of item; self is the id
// of the object an update writes ("" for a create). A 400 is most often a
// unique key another object holds; the API cannot say so, so the key is
// looked up and, when another object holds it, the diagnostic says whether
// to adopt that object (see name_taken.go).
// Otherwise an object of another kind the item points at may not exist,
// which the API cannot say either.
func (o kindObjects[T, I]) addWriteError(ctx context.Context, diags *diag.Diagnostics, action string, item I, self string, err error) {
	if o.key != nil && hoko.StatusCode(err) == http.StatusBadRequest {
		if holder, findErr := o.store.Holder(ctx, item); findErr == nil && o.id(holder) != self {
			addTakenKeyError(diags, o.client, o.kind, o.key(item), o.id(holder), err)
			return
		}
	}
	if o.missingReference(ctx, diags, item, err) {
		return
	}
	addOperationError(ctx, diags, o.kind, action, err)
}

// describe names the object item creates in a diagnostic: `tag "Docs"`.
func (o kindObjects[T, I]) describe(item I) string {
	return fmt.Sprintf("%s %q", o.kind.name, o.label(item))
}
