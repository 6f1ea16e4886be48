package provider

import (
	"context"
	"iter"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// objectStore is what the shared resource, data source and list helpers use
// of the client's service for one kind: objects of type T, written as items
// of type I. The client's per-kind service satisfies it as it is.
type objectStore[T, I any] interface {
	// Get reads one object; hoko.ErrNotFound when no live object has id.
	Get(ctx context.Context, id string) (T, error)
	// Upsert creates (item without id) or updates (item with id) one object.
	Upsert(ctx context.Context, item I) (T, error)
	// Delete deletes one object.
	Delete(ctx context.Context, id string) error
	// Pages reads the whole workspace page by page.
	Pages(ctx context.Context, opts hoko.ListOptions) iter.Seq2[[]T, error]
	// Holder finds the live object holding item's unique key;
	// hoko.ErrNotFound when none does.
	Holder(ctx context.Context, item I) (T, error)
}

// kindObjects describes one kind's objects and items to the shared helpers
// and, once bound to a client with on, holds the client's service for them.
// Each kind declares one, beside its model.
type kindObjects[T, I any] struct {
	kind objectKind
	// service is the client's service for the kind.
	service func(*hoko.Client) objectStore[T, I]
	// client and store are the bound client and its service for the kind;
	// nil before the provider is configured.
	client *hoko.Client
	store  objectStore[T, I]
	// id is an object's id.
	id func(T) string
	// name is what an object is shown and filtered by ("Docs").
	name func(T) string
	// label is what a diagnostic calls the object an item creates.
	label func(I) string
	// key is an item's unique key value; nil for a kind without one.
	key func(I) string
	// references lists the objects of other kinds an item points at (a
	// link's collection and partner); nil for a kind that points at none.
	references func(I) []objectReference
}

// on returns o bound to client, which may be nil before the provider is
// configured (Terraform asks for schemas first).
func (o kindObjects[T, I]) on(client *hoko.Client) kindObjects[T, I] {
	if client != nil {
		o.client, o.store = client, o.service(client)
	}
	return o
}
