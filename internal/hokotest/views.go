package hokotest

import "time"

// The typed views below are what the out-of-band methods return. They are
// copies: changing one changes nothing in the mock.

// Collection is the mock's stored view of one collection.
type Collection struct {
	// ID is the server-assigned UUID in lower case.
	ID string
	// Name is unique among the live collections of the workspace.
	Name string
	// Description is nil when unset, which the API sends as JSON null.
	Description *string
	// CreatedAt is set once, when the collection is created.
	CreatedAt time.Time
	// UpdatedAt changes on every write, by at least one millisecond.
	UpdatedAt time.Time
}

// Tag is the mock's stored view of one tag. Tags have no timestamps.
type Tag struct {
	// ID is the server-assigned UUID in lower case.
	ID string
	// Name is unique among the workspace's tags.
	Name string
	// Color is one of TagColors; slate unless set.
	Color string
}

// Partner is the mock's stored view of one partner.
type Partner struct {
	// ID is the server-assigned UUID in lower case.
	ID string
	// Name is not unique: two partners may share every field.
	Name string
	// Email is nil when unset.
	Email *string
	// Phone is nil when unset.
	Phone *string
	// CreatedAt is set once, when the partner is created.
	CreatedAt time.Time
	// UpdatedAt changes on every write.
	UpdatedAt time.Time
}

// UTM is a link's utm object; a nil member is unset.
type UTM struct {
	Source, Medium, Campaign, Term, Content, Referral *string
}

// ptrs lists the members in the order of UTMKeys.
func (u *UTM) ptrs() []**string {
	return []**string{&u.Source, &u.Medium, &u.Campaign, &u.Term, &u.Content, &u.Referral}
}

// Link is the mock's stored view of one link.
type Link struct {
	// ID is the server-assigned UUID in lower case.
	ID string
	// URL is the destination.
	URL string
	// CollectionID is the collection the link belongs to. It may name a
	// collection deleted since, which the API allows.
	CollectionID string
	// Title, Description, Image, ExternalID, TenantID and PartnerID are nil
	// when unset.
	Title, Description, Image, ExternalID, TenantID, PartnerID *string
	// UTM holds the utm keys; all nil when none is set.
	UTM UTM
	// ShortID is assigned on create and never changes.
	ShortID string
	// CreatedAt is set once, when the link is created.
	CreatedAt time.Time
	// UpdatedAt changes on every write.
	UpdatedAt time.Time
}

// ShortURL is the link's short URL as the mock sends it in shortUrl.
func (l Link) ShortURL() string { return shortURL(l.ShortID) }

// QRCodeURL is the link's QR code URL as the mock sends it in qrCodeUrl.
func (l Link) QRCodeURL() string { return qrCodeURL(l.ShortID) }

// shortURL builds a short URL from a short id (contract section 13).
func shortURL(id string) string { return "https://hoko.to/" + id }

// qrCodeURL builds a QR code URL from a short id (contract section 13).
func qrCodeURL(id string) string { return shortURL(id) + "?qr=1" }

// asCollection converts a collection record.
func asCollection(r record) Collection {
	return Collection{
		ID: r.id, Name: r.val(colName), Description: cloneString(r.vals[colDescription]),
		CreatedAt: r.createdAt, UpdatedAt: r.updatedAt,
	}
}

// asTag converts a tag record.
func asTag(r record) Tag {
	return Tag{ID: r.id, Name: r.val(tagName), Color: r.val(tagColor)}
}

// asPartner converts a partner record.
func asPartner(r record) Partner {
	return Partner{
		ID: r.id, Name: r.val(partnerName),
		Email: cloneString(r.vals[partnerEmail]), Phone: cloneString(r.vals[partnerPhone]),
		CreatedAt: r.createdAt, UpdatedAt: r.updatedAt,
	}
}

// asLink converts a link record.
func asLink(r record) Link {
	l := Link{
		ID: r.id, URL: r.val(linkURL), CollectionID: r.val(linkCollectionID),
		Title:       cloneString(r.vals[linkTitle]),
		Description: cloneString(r.vals[linkDescription]),
		Image:       cloneString(r.vals[linkImage]),
		ExternalID:  cloneString(r.vals[linkExternalID]),
		TenantID:    cloneString(r.vals[linkTenantID]),
		PartnerID:   cloneString(r.vals[linkPartnerID]),
		ShortID:     r.shortID,
		CreatedAt:   r.createdAt, UpdatedAt: r.updatedAt,
	}
	for i, p := range l.UTM.ptrs() {
		*p = cloneString(r.utm[i])
	}
	return l
}

// convert applies a view conversion to records.
func convert[T any](rs []record, as func(record) T) []T {
	out := make([]T, len(rs))
	for i, r := range rs {
		out[i] = as(r)
	}
	return out
}
