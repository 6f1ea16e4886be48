package hokotest

import (
	"encoding/json"
	"strconv"
)

// field is one optional, nullable member of a write item. The three states
// matter: absent leaves a value alone, null clears it, a string sets it.
type field struct {
	present bool
	null    bool
	value   string
}

// writeItem is one element of a POST or PUT body after type checking.
type writeItem struct {
	id          field
	name        field
	description field
}

// parseItem type-checks one element of a write body. It only checks JSON
// types; names and ids are judged against the store later, under the lock.
// Unknown members are ignored, as the contract decides.
func parseItem(raw json.RawMessage, index int) (writeItem, *apiError) {
	var members map[string]json.RawMessage
	if kind := jsonKind(raw); kind != "object" {
		return writeItem{}, badRequest("item %d must be a JSON object (got %s)", index, kind)
	}
	if err := json.Unmarshal(raw, &members); err != nil {
		return writeItem{}, badRequest("item %d is not a valid JSON object: %v", index, err)
	}
	var it writeItem
	var e *apiError
	if it.id, e = stringField(members, "id", index); e != nil {
		return writeItem{}, e
	}
	if it.name, e = stringField(members, "name", index); e != nil {
		return writeItem{}, e
	}
	if it.description, e = stringField(members, "description", index); e != nil {
		return writeItem{}, e
	}
	return it, nil
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
func parseItems(raws []json.RawMessage) ([]writeItem, *apiError) {
	items := make([]writeItem, len(raws))
	for i, raw := range raws {
		it, e := parseItem(raw, i)
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
