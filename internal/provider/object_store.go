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

// kindObjects binds one kind's client service to what the shared helpers
// need to know of its objects and items.
type kindObjects[T, I any] struct {
	kind  objectKind
	store objectStore[T, I]
	// id is an object's id.
	id func(T) string
	// name is what an object is shown and filtered by ("Docs").
	name func(T) string
	// label is what a diagnostic calls the object an item creates.
	label func(I) string
	// key is an item's unique key value; nil for a kind without one.
	key func(I) string
}

// collectionObjects is hoko_collection's binding to client.
func collectionObjects(client *hoko.Client) kindObjects[hoko.Collection, hoko.CollectionItem] {
	return kindObjects[hoko.Collection, hoko.CollectionItem]{
		kind:  collectionKind,
		store: collectionService(client),
		id:    func(c hoko.Collection) string { return c.ID },
		name:  func(c hoko.Collection) string { return c.Name },
		label: collectionItemName,
		key:   collectionItemName,
	}
}

// collectionService is client's collections; nil before the provider is
// configured.
func collectionService(client *hoko.Client) objectStore[hoko.Collection, hoko.CollectionItem] {
	if client == nil {
		return nil
	}
	return client.Collections()
}

// collectionItemName is the name an item sends.
func collectionItemName(item hoko.CollectionItem) string {
	name, _ := item.Name.Get()
	return name
}
