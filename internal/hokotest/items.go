package hokotest

import (
	"encoding/json"
	"strconv"
	"strings"
)

// field is one optional, nullable member of a write item. The three states
// matter: absent leaves a value alone, null clears it, a string sets it.
type field struct {
	present bool
	null    bool
	value   string
}

// ptr returns the value to store: nil for null.
func (f field) ptr() *string {
	if f.null {
		return nil
	}
	v := f.value
	return &v
}

// utmPatch is the utm member of a write item: absent, null (clear every
// key) or an object whose keys are merged one by one.
type utmPatch struct {
	present bool
	null    bool
	keys    []field // by position in utmKeys
}

// writeItem is one element of a POST or PUT body after type checking.
type writeItem struct {
	id   field
	vals []field // by position in the kind's fields
	utm  utmPatch
}

// parseItem type-checks one element of a write body. It only checks JSON
// types; values are judged against the store later, under the lock.
// Unknown members are ignored, as the contract decides.
func parseItem(sp *kindSpec, raw json.RawMessage, index int) (writeItem, *apiError) {
	var members map[string]json.RawMessage
	if kind := jsonKind(raw); kind != "object" {
		return writeItem{}, badRequest("item %d must be a JSON object (got %s)", index, kind)
	}
	if err := json.Unmarshal(raw, &members); err != nil {
		return writeItem{}, badRequest("item %d is not a valid JSON object: %v", index, err)
	}
	it := writeItem{vals: make([]field, len(sp.fields))}
	var e *apiError
	if it.id, e = stringField(members, "id", index); e != nil {
		return writeItem{}, e
	}
	for i, f := range sp.fields {
		if it.vals[i], e = stringField(members, f.name, index); e != nil {
			return writeItem{}, e
		}
	}
	if sp.utm {
		if it.utm, e = parseUTM(members, index); e != nil {
			return writeItem{}, e
		}
	}
	return it, nil
}

// parseUTM reads the utm member: null, or an object with only the
// contract's keys, each a string or null (section 14: anything else is 400).
func parseUTM(members map[string]json.RawMessage, index int) (utmPatch, *apiError) {
	raw, ok := members["utm"]
	if !ok {
		return utmPatch{}, nil
	}
	switch kind := jsonKind(raw); kind {
	case "null":
		return utmPatch{present: true, null: true}, nil
	case "object":
	default:
		return utmPatch{}, badRequest("utm must be an object or null (got %s) at item %d", kind, index)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(raw, &keys); err != nil {
		return utmPatch{}, badRequest("utm at item %d is not a valid JSON object: %v", index, err)
	}
	for k := range keys {
		if !isUTMKey(k) {
			return utmPatch{}, badRequest("unknown utm key %s at item %d; the keys are %s", quote(k), index, strings.Join(utmKeys, ", "))
		}
	}
	p := utmPatch{present: true, keys: make([]field, len(utmKeys))}
	for i, k := range utmKeys {
		f, e := stringField(keys, k, index)
		if e != nil {
			return utmPatch{}, badRequest("utm.%s", e.en)
		}
		p.keys[i] = f
	}
	return p, nil
}

// isUTMKey reports whether k is one of utmKeys.
func isUTMKey(k string) bool {
	for _, u := range utmKeys {
		if k == u {
			return true
		}
	}
	return false
}

// stringField reads a member that must be a string or null when present.
// Whether null is acceptable depends on the member and the operation, so
// that is left to the caller.
func stringField(members map[string]json.RawMessage, key string, index int) (field, *apiError) {
	raw, ok := members[key]
	if !ok {
		return field{}, nil
	}
	switch kind := jsonKind(raw); kind {
	case "null":
		return field{present: true, null: true}, nil
	case "string":
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return field{}, badRequest("%s at item %d is not a valid JSON string: %v", key, index, err)
		}
		return field{present: true, value: s}, nil
	default:
		return field{}, badRequest("%s must be a string (got %s) at item %d", key, kind, index)
	}
}

// parseItems type-checks every element of a write body.
func parseItems(sp *kindSpec, raws []json.RawMessage) ([]writeItem, *apiError) {
	items := make([]writeItem, len(raws))
	for i, raw := range raws {
		it, e := parseItem(sp, raw, i)
		if e != nil {
			return nil, e
		}
		items[i] = it
	}
	return items, nil
}

// quote renders a client-supplied value for an error message, shortened so
// that a pathological name cannot blow up the error body.
func quote(s string) string {
	const maxRunes = 64
	if r := []rune(s); len(r) > maxRunes {
		s = string(r[:maxRunes]) + "…"
	}
	return strconv.Quote(s)
}
