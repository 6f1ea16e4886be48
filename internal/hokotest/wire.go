package hokotest

import (
	"bytes"
	"encoding/json"
	"time"
)

// timeLayout is the timestamp format on the wire: RFC 3339 in UTC with exactly
// three fractional digits. The contract allows clients to see timestamps with
// or without fractions; the mock always sends milliseconds so a client that
// compares timestamps as strings or drops the fraction is caught.
const timeLayout = "2006-01-02T15:04:05.000Z"

// wireCollection is a collection as the API sends it. Description is a
// pointer without omitempty so an unset description is an explicit null,
// which is the mock's decision in section 9 of the contract.
type wireCollection struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
	CreatedAt   string  `json:"createdAt"`
	UpdatedAt   string  `json:"updatedAt"`
}

// toWire converts the stored view to the wire shape.
func toWire(c Collection) wireCollection {
	return wireCollection{
		ID:          c.ID,
		Name:        c.Name,
		Description: c.Description,
		CreatedAt:   formatTime(c.CreatedAt),
		UpdatedAt:   formatTime(c.UpdatedAt),
	}
}

// formatTime renders a timestamp in the wire format.
func formatTime(t time.Time) string {
	return t.UTC().Format(timeLayout)
}

// encodeCollections renders a JSON array of collections. It never returns
// null: an empty page is [] on the wire.
func encodeCollections(cs []Collection) []byte {
	out := make([]wireCollection, len(cs))
	for i, c := range cs {
		out[i] = toWire(c)
	}
	return mustJSON(out)
}

// mustJSON marshals values that are built from strings, numbers and maps only,
// so an error would be a programming mistake rather than bad input.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// jsonKind names the JSON type of a raw value for error messages. It looks at
// the first byte only, which is enough because encoding/json has already
// checked that the value is well formed.
func jsonKind(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "string"
	case 'n':
		return "null"
	case 't', 'f':
		return "boolean"
	case '{':
		return "object"
	case '[':
		return "array"
	default:
		return "number"
	}
}

// decodeArray parses a request body that must be one JSON array and nothing
// else. Trailing data after the array is refused because a client that sends
// it has a framing bug worth seeing.
func decodeArray(body []byte) ([]json.RawMessage, *apiError) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, badRequest("request body is empty; it must be a JSON array")
	}
	if trimmed[0] != '[' {
		var probe json.RawMessage
		if err := json.Unmarshal(trimmed, &probe); err != nil {
			return nil, badRequest("request body is not valid JSON: %v", err)
		}
		return nil, badRequest("request body must be a JSON array (got %s)", jsonKind(probe))
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	var items []json.RawMessage
	if err := dec.Decode(&items); err != nil {
		return nil, badRequest("request body is not valid JSON: %v", err)
	}
	// The body was trimmed, so anything between the end of the array and
	// the end of the body is trailing data.
	if dec.InputOffset() != int64(len(trimmed)) {
		return nil, badRequest("request body has data after the JSON array")
	}
	return items, nil
}

// checkCount enforces 1..limit items per write request.
func checkCount(n, limit int) *apiError {
	if n == 0 {
		return badRequest("request body must be a non-empty JSON array")
	}
	if n > limit {
		return badRequest("too many items: %d (at most %d per request)", n, limit)
	}
	return nil
}
