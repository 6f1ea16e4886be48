package hokotest

import (
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind names one kind of object the API serves. Its value is the last
// element of the kind's path, so KindTag is served at /api/tags.
type Kind string

// The kinds of the contract, sections 2 and 10–13.
const (
	// KindCollection is served at /api/collections.
	KindCollection Kind = "collections"
	// KindTag is served at /api/tags.
	KindTag Kind = "tags"
	// KindPartner is served at /api/partners.
	KindPartner Kind = "partners"
	// KindLink is served at /api/links.
	KindLink Kind = "links"
)

// Scopes of the contract's section 10. ScopeRead and ScopeWrite (in
// server.go) are the collection scopes, kept under their original names.
const (
	// ScopeTagsRead is the scope that GET /api/tags needs.
	ScopeTagsRead = "tagsRead"
	// ScopeTagsWrite is the scope that writes to /api/tags need.
	ScopeTagsWrite = "tagsWrite"
	// ScopePartnersRead is the scope that GET /api/partners needs.
	ScopePartnersRead = "partnersRead"
	// ScopePartnersWrite is the scope that writes to /api/partners need.
	// Hoko's pages name linksWrite for partner PUT and DELETE in places; the
	// mock requires partnersWrite (contract section 10).
	ScopePartnersWrite = "partnersWrite"
	// ScopeLinksRead is the scope that GET /api/links needs.
	ScopeLinksRead = "linksRead"
	// ScopeLinksWrite is the scope that writes to /api/links need.
	ScopeLinksWrite = "linksWrite"
)

// Kinds returns every kind the mock serves, collections first.
func Kinds() []Kind {
	return []Kind{KindCollection, KindTag, KindPartner, KindLink}
}

// AllScopes returns the read and write scope of every kind, for a key that
// may do everything.
func AllScopes() []string {
	var out []string
	for _, k := range Kinds() {
		out = append(out, k.ReadScope(), k.WriteScope())
	}
	return out
}

// Path returns the API path that serves the kind, such as /api/tags.
func (k Kind) Path() string { return "/api/" + string(k) }

// ReadScope returns the scope that GET needs for this kind.
func (k Kind) ReadScope() string { return k.spec().readScope }

// WriteScope returns the scope that POST, PUT and DELETE need for this kind.
func (k Kind) WriteScope() string { return k.spec().writeScope }

// spec returns the kind's description; it panics for a Kind that is not one
// of the constants, which only a test with a typo can produce.
func (k Kind) spec() *kindSpec {
	sp, ok := specs[k]
	if !ok {
		panic("hokotest: unknown kind " + string(k))
	}
	return sp
}

// kindFromPath returns the kind served at an exact path.
func kindFromPath(path string) (*kindSpec, bool) {
	name, ok := strings.CutPrefix(path, "/api/")
	if !ok {
		return nil, false
	}
	sp, ok := specs[Kind(name)]
	return sp, ok
}

// kindSpec describes one kind once; the store, the validation, the wire
// encoding and the handlers are written against it, so adding a kind is
// writing a kindSpec, not copying a handler.
type kindSpec struct {
	kind       Kind
	singular   string // "collection", used in error messages
	readScope  string
	writeScope string
	// fields are the kind's string members besides id, in wire order.
	fields []fieldSpec
	// timestamps: the objects carry createdAt and updatedAt.
	timestamps bool
	// softDelete: deleted objects stay known (DELETE of them says "already
	// deleted"); otherwise DELETE forgets them, as for tags.
	softDelete bool
	// orderByID: GET sorts by id instead of by creation.
	orderByID bool
	// utm and shortLinks: the link-only members.
	utm        bool
	shortLinks bool
	// filters are the GET query parameters, besides id, that select objects
	// whose field of the same name equals the value, combined with AND.
	filters []string
}

// fieldSpec describes one string member of a kind.
type fieldSpec struct {
	name string // JSON name
	// required: must be sent on create and can never be null.
	required bool
	// def is the value on create when the member is left out; a field with a
	// default can never be null either (the tag colour).
	def string
	// minRunes and maxRunes bound the length in Unicode characters; zero
	// maxRunes means no bound.
	minRunes, maxRunes int
	// check returns what is wrong with a value, or "".
	check func(string) string
	// unique: no two live objects of the kind share the value.
	unique bool
	// ref: the value is the id of a live object of that kind.
	ref Kind
}

// nullable reports whether the field may be cleared with JSON null.
func (f fieldSpec) nullable() bool { return !f.required && f.def == "" }

// fieldIndex returns the position of a field by JSON name, or -1.
func (sp *kindSpec) fieldIndex(name string) int {
	for i, f := range sp.fields {
		if f.name == name {
			return i
		}
	}
	return -1
}

// Field positions the typed views (Collection, Tag, Partner, Link) read.
const (
	colName, colDescription = 0, 1
	tagName, tagColor       = 0, 1
	partnerName             = 0
	partnerEmail            = 1
	partnerPhone            = 2
	linkURL                 = 0
	linkCollectionID        = 1
	linkTitle               = 2
	linkDescription         = 3
	linkImage               = 4
	linkExternalID          = 5
	linkTenantID            = 6
	linkPartnerID           = 7
)

// maxNameRunes is the longest collection name the API accepts.
const maxNameRunes = 32

// maxURLRunes is the longest url or image the mock accepts (section 14).
const maxURLRunes = 2048

// TagColors returns the colours a tag may have (contract section 11), in
// the contract's order; the first, slate, is the default.
func TagColors() []string { return slices.Clone(tagColors) }

// UTMKeys returns the keys of a link's utm object, in the contract's order,
// which is also the order of UTM's members and of the keys on the wire.
func UTMKeys() []string { return slices.Clone(utmKeys) }

// tagColors backs TagColors.
var tagColors = []string{
	"slate", "gray", "zinc", "neutral", "stone", "red", "orange", "amber", "yellow", "lime",
	"green", "emerald", "teal", "cyan", "sky", "blue", "indigo", "violet", "purple", "fuchsia", "pink", "rose",
}

// utmKeys backs UTMKeys.
var utmKeys = []string{"source", "medium", "campaign", "term", "content", "referral"}

// specs describes every kind, following sections 2 and 10–14 of the contract.
var specs = map[Kind]*kindSpec{
	KindCollection: {
		kind: KindCollection, singular: "collection",
		readScope: ScopeRead, writeScope: ScopeWrite,
		fields: []fieldSpec{
			{name: "name", required: true, minRunes: 1, maxRunes: maxNameRunes, unique: true},
			{name: "description"},
		},
		timestamps: true, softDelete: true,
	},
	KindTag: {
		kind: KindTag, singular: "tag",
		readScope: ScopeTagsRead, writeScope: ScopeTagsWrite,
		fields: []fieldSpec{
			{name: "name", required: true, minRunes: 1, maxRunes: 50, unique: true},
			{name: "color", def: "slate", check: checkColor},
		},
		orderByID: true,
	},
	KindPartner: {
		kind: KindPartner, singular: "partner",
		readScope: ScopePartnersRead, writeScope: ScopePartnersWrite,
		fields: []fieldSpec{
			{name: "name", required: true, minRunes: 1, maxRunes: 100},
			{name: "email", check: checkEmail},
			{name: "phone"},
		},
		timestamps: true, softDelete: true,
	},
	KindLink: {
		kind: KindLink, singular: "link",
		readScope: ScopeLinksRead, writeScope: ScopeLinksWrite,
		fields: []fieldSpec{
			{name: "url", required: true, check: checkWebURL},
			{name: "collectionId", required: true, ref: KindCollection},
			{name: "title"},
			{name: "description"},
			{name: "image", check: checkWebURL},
			{name: "externalId", unique: true},
			{name: "tenantId"},
			{name: "partnerId", ref: KindPartner},
		},
		timestamps: true, softDelete: true, utm: true, shortLinks: true,
		filters: []string{"externalId", "tenantId", "partnerId"},
	},
}

// checkColor accepts the contract's 22 colours, in lower case only.
func checkColor(s string) string {
	for _, c := range tagColors {
		if s == c {
			return ""
		}
	}
	return "must be one of " + strings.Join(tagColors, ", ")
}

// checkEmail is the mock's email rule (section 14): exactly one @ with text
// on both sides and no spaces. It is deliberately no stricter, so that the
// provider's own plan-time check is what users meet first.
func checkEmail(s string) string {
	local, domain, ok := strings.Cut(s, "@")
	switch {
	case !ok || strings.Contains(domain, "@"):
		return "must contain exactly one @"
	case local == "" || domain == "":
		return "must have text on both sides of the @"
	case strings.IndexFunc(s, unicode.IsSpace) >= 0:
		return "must not contain spaces"
	}
	return ""
}

// checkWebURL is the mock's rule for url and image (section 14): an
// absolute http or https URL with a host, at most 2,048 characters.
func checkWebURL(s string) string {
	if n := utf8.RuneCountInString(s); n > maxURLRunes {
		return "must be at most 2048 characters"
	}
	u, err := url.Parse(s)
	if err != nil {
		return "is not a valid URL"
	}
	if scheme := strings.ToLower(u.Scheme); scheme != "http" && scheme != "https" {
		return "must be an absolute http or https URL"
	}
	if u.Host == "" || u.Hostname() == "" {
		return "must have a host"
	}
	return ""
}
