package hoko

import "time"

// Partner is a Hoko partner as the API returns it. Unset fields are nil,
// whether the server sent null or left the key out.
type Partner struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Email     *string   `json:"email"`
	Phone     *string   `json:"phone"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// PartnerItem is one item of a PUT /api/partners body; see CollectionItem
// for how ID and absent fields work. Null clears Email or Phone.
type PartnerItem struct {
	ID    string        `json:"id,omitempty"`
	Name  Field[string] `json:"name,omitzero"`
	Email Field[string] `json:"email,omitzero"`
	Phone Field[string] `json:"phone,omitzero"`
}

// partnerKind describes partners to the core. Nothing about a partner is
// unique: two may share every field, so a lost create is settled by
// creation time and by the ids this client already holds.
var partnerKind = &kindSpec[Partner, PartnerItem]{
	Kind: Kind{Name: "partner", Plural: "partners", Path: "/api/partners",
		ReadScope: "partnersRead", WriteScope: "partnersWrite", Timestamps: true},
	id:        func(p Partner) string { return p.ID },
	itemID:    func(i PartnerItem) string { return i.ID },
	createdAt: func(p Partner) time.Time { return p.CreatedAt },
	fulfils: func(p Partner, i PartnerItem) bool {
		create := i.ID == ""
		return requiredMatches(p.Name, i.Name, create) &&
			fieldMatches(p.Email, i.Email, create) && fieldMatches(p.Phone, i.Phone, create)
	},
}

// Partners returns the client's methods for partners.
func (c *Client) Partners() *Objects[Partner, PartnerItem] { return c.partners }
