package hoko

import "time"

// Link is a Hoko short link as the API returns it. Unset optional fields are
// nil, whether the server sent null or left the key out.
type Link struct {
	ID           string  `json:"id"`
	URL          string  `json:"url"`
	CollectionID string  `json:"collectionId"`
	Title        *string `json:"title"`
	Description  *string `json:"description"`
	Image        *string `json:"image"`
	// UTM holds the link's UTM values; a key that is not set is nil however
	// the server says so (null, {}, the key left out, an object of nulls).
	UTM        UTM     `json:"utm"`
	ExternalID *string `json:"externalId"`
	TenantID   *string `json:"tenantId"`
	PartnerID  *string `json:"partnerId"`
	// ShortID, ShortURL and QRCodeURL are assigned by the server. Their JSON
	// names are this project's reading of Hoko's pages, which promise the
	// values but do not show the names, so each may be nil.
	ShortID   *string   `json:"shortId"`
	ShortURL  *string   `json:"shortUrl"`
	QRCodeURL *string   `json:"qrCodeUrl"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// UTM is a link's campaign-tracking values.
type UTM struct {
	Source   *string `json:"source"`
	Medium   *string `json:"medium"`
	Campaign *string `json:"campaign"`
	Term     *string `json:"term"`
	Content  *string `json:"content"`
	Referral *string `json:"referral"`
}

// LinkItem is one item of a PUT /api/links body; see CollectionItem for how
// ID and absent fields work. URL and CollectionID cannot be null; sending
// another CollectionID moves the link.
type LinkItem struct {
	ID           string        `json:"id,omitempty"`
	URL          Field[string] `json:"url,omitzero"`
	CollectionID Field[string] `json:"collectionId,omitzero"`
	Title        Field[string] `json:"title,omitzero"`
	Description  Field[string] `json:"description,omitzero"`
	Image        Field[string] `json:"image,omitzero"`
	// UTM is merged by the API key by key: a key left absent keeps its
	// value, a null key is cleared, and a null UTM clears every key.
	UTM        Field[UTMItem] `json:"utm,omitzero"`
	ExternalID Field[string]  `json:"externalId,omitzero"`
	TenantID   Field[string]  `json:"tenantId,omitzero"`
	PartnerID  Field[string]  `json:"partnerId,omitzero"`
}

// UTMItem is the utm object of a LinkItem; each key has the three states of
// a Field.
type UTMItem struct {
	Source   Field[string] `json:"source,omitzero"`
	Medium   Field[string] `json:"medium,omitzero"`
	Campaign Field[string] `json:"campaign,omitzero"`
	Term     Field[string] `json:"term,omitzero"`
	Content  Field[string] `json:"content,omitzero"`
	Referral Field[string] `json:"referral,omitzero"`
}

// linkKind describes links to the core. externalId, when set, is unique
// among a workspace's live links; without one, two links may be identical,
// so a lost create is settled by creation time and by the ids this client
// already holds.
var linkKind = &kindSpec[Link, LinkItem]{
	Kind: Kind{Name: "link", Plural: "links", Path: "/api/links",
		ReadScope: "linksRead", WriteScope: "linksWrite", UniqueKey: "externalId", Timestamps: true},
	id:        func(l Link) string { return l.ID },
	itemID:    func(i LinkItem) string { return i.ID },
	createdAt: func(l Link) time.Time { return l.CreatedAt },
	fulfils:   linkFulfils,
	key: func(l Link) (string, bool) {
		if l.ExternalID == nil {
			return "", false
		}
		return *l.ExternalID, true
	},
	itemKey:  func(i LinkItem) (string, bool) { return i.ExternalID.Get() },
	keyQuery: "externalId",
}

// linkFulfils reports whether l already is what i asks for.
func linkFulfils(l Link, i LinkItem) bool {
	create := i.ID == ""
	if !requiredMatches(l.URL, i.URL, create) || !requiredMatches(l.CollectionID, i.CollectionID, create) {
		return false
	}
	for _, f := range []struct {
		have *string
		want Field[string]
	}{{l.Title, i.Title}, {l.Description, i.Description}, {l.Image, i.Image},
		{l.ExternalID, i.ExternalID}, {l.TenantID, i.TenantID}, {l.PartnerID, i.PartnerID}} {
		if !fieldMatches(f.have, f.want, create) {
			return false
		}
	}
	want, set := i.UTM.Get()
	if !set && !i.UTM.IsNull() && !create {
		return true // utm not sent: whatever is there stays
	}
	// A null or absent utm on create asks for every key unset, as does a
	// null utm on update; a utm object is compared key by key, merged.
	keyCreate := create || !set
	return fieldMatches(l.UTM.Source, want.Source, keyCreate) && fieldMatches(l.UTM.Medium, want.Medium, keyCreate) &&
		fieldMatches(l.UTM.Campaign, want.Campaign, keyCreate) && fieldMatches(l.UTM.Term, want.Term, keyCreate) &&
		fieldMatches(l.UTM.Content, want.Content, keyCreate) && fieldMatches(l.UTM.Referral, want.Referral, keyCreate)
}

// Links returns the client's methods for links.
func (c *Client) Links() *Objects[Link, LinkItem] { return c.links }
