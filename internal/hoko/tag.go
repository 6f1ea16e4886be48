package hoko

// Tag is a Hoko tag as the API returns it. Tags carry no timestamps.
type Tag struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
}

// TagItem is one item of a PUT /api/tags body; see CollectionItem for how
// ID and absent fields work. Color cannot be null.
type TagItem struct {
	ID    string        `json:"id,omitempty"`
	Name  Field[string] `json:"name,omitzero"`
	Color Field[string] `json:"color,omitzero"`
}

// DefaultTagColor is the colour Hoko gives a tag created without one.
const DefaultTagColor = "slate"

// TagColors lists the colours a tag may have, in Hoko's order.
var TagColors = []string{
	"slate", "gray", "zinc", "neutral", "stone", "red", "orange", "amber", "yellow", "lime", "green",
	"emerald", "teal", "cyan", "sky", "blue", "indigo", "violet", "purple", "fuchsia", "pink", "rose",
}

// tagKind describes tags to the core. Names are unique among a workspace's
// tags; with no createdAt, a lost create is settled against what the
// workspace held before the request (see upsert_safety.go).
var tagKind = &kindSpec[Tag, TagItem]{
	Kind: Kind{Name: "tag", Plural: "tags", Path: "/api/tags",
		ReadScope: "tagsRead", WriteScope: "tagsWrite", UniqueKey: "name"},
	id:     func(t Tag) string { return t.ID },
	itemID: func(i TagItem) string { return i.ID },
	fulfils: func(t Tag, i TagItem) bool {
		create := i.ID == ""
		color := i.Color
		if create && color.IsZero() {
			color = Value(DefaultTagColor)
		}
		return requiredMatches(t.Name, i.Name, create) && requiredMatches(t.Color, color, false)
	},
	key:     func(t Tag) (string, bool) { return t.Name, true },
	itemKey: func(i TagItem) (string, bool) { return i.Name.Get() },
}

// Tags returns the client's methods for tags.
func (c *Client) Tags() *Objects[Tag, TagItem] { return c.tags }
