package hoko

import "time"

// Kind names one kind of Hoko object and what a key needs to use it: the
// facts a diagnostic quotes ("a key with tagsWrite"). Every kind has one path
// and is read, written and deleted through it in the same bulk dialect.
type Kind struct {
	// Name is the kind in the singular, lower case: "collection".
	Name string
	// Plural is the kind in the plural: "collections".
	Plural string
	// Path is the API path, e.g. "/api/collections".
	Path string
	// ReadScope and WriteScope are the key scopes GET and PUT/DELETE need.
	ReadScope, WriteScope string
	// UniqueKey names the field that is unique among the workspace's live
	// objects of the kind ("name"), or is empty when nothing is.
	UniqueKey string
	// Timestamps reports whether objects carry createdAt, which is how a
	// lost create is told apart from an object that existed before it.
	Timestamps bool
}

// kindSpec describes a kind to the generic core (Objects): how to read its
// wire objects and items. A new kind costs one of these and its wire types.
type kindSpec[T, I any] struct {
	Kind
	// id returns an object's id; itemID an item's (empty for a create).
	id     func(T) string
	itemID func(I) string
	// createdAt returns when an object was created; nil for a kind without
	// timestamps (Kind.Timestamps false).
	createdAt func(T) time.Time
	// fulfils reports whether an object already is what an item asks for:
	// every field a create sets (and the server's defaults for the rest), or
	// every field an update sends.
	fulfils func(T, I) bool
	// key and itemKey return the unique key of an object and of an item,
	// and whether there is one; nil when the kind has none.
	key     func(T) (string, bool)
	itemKey func(I) (string, bool)
	// keyQuery is the GET filter that selects by the unique key, when the
	// API has one ("externalId" for links); empty means list everything.
	keyQuery string
}

// isCreate reports whether item creates an object rather than updating one.
func (k *kindSpec[T, I]) isCreate(item I) bool { return k.itemID(item) == "" }

// fieldMatches reports whether a field of an object already is what the
// field of an item asks for: absent always matches (nothing is asked), null
// matches an unset value, a value matches an equal value. For a create, an
// absent field asks for the unset value, so creates pass create=true.
func fieldMatches(have *string, want Field[string], create bool) bool {
	if v, ok := want.Get(); ok {
		return have != nil && *have == v
	}
	if want.IsNull() || create {
		return have == nil
	}
	return true
}

// requiredMatches is fieldMatches for a field the server always holds (a
// name, a URL): a create must send it, and null is never what it is.
func requiredMatches(have string, want Field[string], create bool) bool {
	v, ok := want.Get()
	switch {
	case ok:
		return have == v
	case want.IsNull():
		return false
	}
	return !create
}
