package provider

import (
	"fmt"
	"net/http"
	"strings"
)

// objectKind is what the shared Terraform machinery needs to know of one Hoko
// kind: the words its diagnostics and descriptions use, the scopes a key
// needs, and the attribute that holds its natural unique key. The client
// describes the wire side of each kind; this is the Terraform side.
type objectKind struct {
	// name and plural are the kind in lower case, e.g. "tag" and "tags".
	name   string
	plural string
	// readScope and writeScope are the API key scopes a read and a write of
	// this kind need.
	readScope  string
	writeScope string
	// scopeNote is said after the scopes a key needs, for a kind whose
	// documentation names another scope as well; empty for most kinds.
	scopeNote string
	// uniqueKey is the attribute holding the kind's natural unique key,
	// such as "name" for collections and tags; empty for a kind without one.
	uniqueKey string
	// uniqueKeyWords and uniqueKeyCaps name the unique key in prose
	// ("external id") and in a Title-Case summary ("External ID"); they
	// default to uniqueKey and its capitalised form.
	uniqueKeyWords string
	uniqueKeyCaps  string
}

// title is the kind's name for a Title-Case diagnostic summary ("Tag").
func (k objectKind) title() string { return capitalize(k.name) }

// typeName is the kind's Terraform type name, e.g. "hoko_tag".
func (k objectKind) typeName() string { return "hoko_" + k.name }

// scopeFor is the scope a request of method needs for this kind.
func (k objectKind) scopeFor(method string) string {
	if method == http.MethodGet || method == "" {
		return k.readScope
	}
	return k.writeScope
}

// scopeAdvice says which scopes a key needs for this kind, as a sentence.
func (k objectKind) scopeAdvice() string {
	advice := "Use a key that has " + k.readScope + " for reading and " + k.writeScope +
		" for creating, updating and deleting " + k.plural + "."
	if k.scopeNote != "" {
		advice += " " + k.scopeNote
	}
	return advice
}

// uniqueKeyName names the unique key in prose.
func (k objectKind) uniqueKeyName() string {
	if k.uniqueKeyWords != "" {
		return k.uniqueKeyWords
	}
	return k.uniqueKey
}

// uniqueKeyTitle names the unique key in a diagnostic summary.
func (k objectKind) uniqueKeyTitle() string {
	if k.uniqueKeyCaps != "" {
		return k.uniqueKeyCaps
	}
	return capitalize(k.uniqueKeyName())
}

// holding describes an object by its unique key value: `named "Docs"`, or
// `with external id "crm-1"`.
func (k objectKind) holding(value string) string {
	if k.uniqueKey == "name" {
		return fmt.Sprintf("named %q", value)
	}
	return fmt.Sprintf("with %s %q", k.uniqueKeyName(), value)
}

// capitalize upper-cases the first letter of an ASCII word.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
