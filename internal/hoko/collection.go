package hoko

import "time"

// Collection is a Hoko collection as the API returns it.
type Collection struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Description is nil when the collection has none. The API may send
	// null or leave the key out; both decode to nil. An empty string is a
	// value of its own and stays "".
	Description *string   `json:"description"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// CollectionItem is one item of a PUT /api/collections body.
//
// An item with an empty ID creates a collection; an item with an ID updates
// it. Fields left absent are not sent, so the API leaves them unchanged;
// Null fields are sent as JSON null, which clears them.
type CollectionItem struct {
	ID          string        `json:"id,omitempty"`
	Name        Field[string] `json:"name,omitzero"`
	Description Field[string] `json:"description,omitzero"`
}

// collectionKind describes collections to the core. Names are unique among
// a workspace's live collections.
var collectionKind = &kindSpec[Collection, CollectionItem]{
	Kind: Kind{Name: "collection", Plural: "collections", Path: "/api/collections",
		ReadScope: "collectionsRead", WriteScope: "collectionsWrite", UniqueKey: "name", Timestamps: true},
	id:        func(c Collection) string { return c.ID },
	itemID:    func(i CollectionItem) string { return i.ID },
	createdAt: func(c Collection) time.Time { return c.CreatedAt },
	fulfils: func(c Collection, i CollectionItem) bool {
		create := i.ID == ""
		return requiredMatches(c.Name, i.Name, create) && fieldMatches(c.Description, i.Description, create)
	},
	key:     func(c Collection) (string, bool) { return c.Name, true },
	itemKey: func(i CollectionItem) (string, bool) { return i.Name.Get() },
}

// Collections returns the client's methods for collections.
func (c *Client) Collections() *Objects[Collection, CollectionItem] { return c.collections }
