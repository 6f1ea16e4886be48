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

// UpsertItem is one item of a PUT /api/collections body.
//
// An item with an empty ID creates a collection; an item with an ID updates
// it. Fields left absent are not sent, so the API leaves them unchanged;
// Null fields are sent as JSON null, which clears them.
type UpsertItem struct {
	ID          string        `json:"id,omitempty"`
	Name        Field[string] `json:"name,omitzero"`
	Description Field[string] `json:"description,omitzero"`
}

// IsCreate reports whether the item creates a collection rather than
// updating one.
func (i UpsertItem) IsCreate() bool { return i.ID == "" }
