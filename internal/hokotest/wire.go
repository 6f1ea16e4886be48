package hokotest

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"
	"unicode/utf8"
)

// timeLayout is the timestamp format on the wire: RFC 3339 in UTC with exactly
// three fractional digits. The contract allows clients to see timestamps with
// or without fractions; the mock always sends milliseconds so a client that
// compares timestamps as strings or drops the fraction is caught.
const timeLayout = "2006-01-02T15:04:05.000Z"

// wireOpts are the representation knobs of Quirks that shape how objects
// are written; the zero value is the contract's representation.
type wireOpts struct {
	omitUnset      bool
	omitShortLinks bool
	unsetUTM       UTMForm
}

// idForm says how one answer item's id is written; see PutIDQuirk.
type idForm = PutIDQuirk

// objWriter appends the members of one JSON object.
type objWriter struct {
	b []byte
	n int
}

// key starts a member.
func (w *objWriter) key(k string) {
	if w.n > 0 {
		w.b = append(w.b, ',')
	}
	w.n++
	w.b = appendJSONString(w.b, k)
	w.b = append(w.b, ':')
}

// str writes a string member.
func (w *objWriter) str(k, v string) {
	w.key(k)
	w.b = appendJSONString(w.b, v)
}

// opt writes an optional member: its value, null, or nothing at all when
// unset members are left out.
func (w *objWriter) opt(k string, v *string, omitNull bool) {
	switch {
	case v != nil:
		w.str(k, *v)
	case !omitNull:
		w.key(k)
		w.b = append(w.b, "null"...)
	}
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it. Plain strings (the ids, names and URLs of a page of 10,000)
// are copied as they are; anything that needs escaping goes through
// encoding/json, so the escaping rules live in one place.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= utf8.RuneSelf {
			return append(b, mustJSON(s)...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendObject writes one object of a kind in the wire format of the
// contract (sections 2, 11–13), shaped by the representation knobs.
func appendObject(b []byte, sp *kindSpec, r *record, o wireOpts, id idForm) []byte {
	w := objWriter{b: append(b, '{')}
	switch id {
	case PutIDMissing:
	case PutIDEmpty:
		w.str("id", "")
	case PutIDOther:
		w.str("id", newUUID())
	default:
		w.str("id", r.id)
	}
	for i, f := range sp.fields {
		w.opt(f.name, r.vals[i], o.omitUnset)
	}
	if sp.utm {
		appendUTM(&w, r.utm, o)
	}
	if sp.shortLinks && !o.omitShortLinks {
		w.str("shortId", r.shortID)
		w.str("shortUrl", shortURL(r.shortID))
		w.str("qrCodeUrl", qrCodeURL(r.shortID))
	}
	if sp.timestamps {
		w.str("createdAt", formatTime(r.createdAt))
		w.str("updatedAt", formatTime(r.updatedAt))
	}
	return append(w.b, '}')
}

// appendUTM writes a link's utm member. With no key set its form is a knob
// (section 14 lets a server send null, {}, nothing or an object of nulls);
// otherwise it is an object of all six keys, unset ones null (or left out
// when unset members are).
func appendUTM(w *objWriter, utm []*string, o wireOpts) {
	if !slices.ContainsFunc(utm, func(p *string) bool { return p != nil }) {
		switch o.unsetUTM {
		case UTMAbsent:
			return
		case UTMEmptyObject:
			w.key("utm")
			w.b = append(w.b, "{}"...)
			return
		case UTMObjectOfNulls:
		default:
			w.key("utm")
			w.b = append(w.b, "null"...)
			return
		}
	}
	w.key("utm")
	inner := objWriter{b: append(w.b, '{')}
	for i, k := range utmKeys {
		// An object of nulls is asked for explicitly, so it keeps its nulls
		// even when other unset members are left out.
		inner.opt(k, utm[i], o.omitUnset && o.unsetUTM != UTMObjectOfNulls)
	}
	w.b = append(inner.b, '}')
}

// encodeRecords renders a JSON array of objects. It never returns null: an
// empty page is [] on the wire. ids, when not nil, says how each item's id
// is written.
func encodeRecords(sp *kindSpec, rs []record, o wireOpts, ids []idForm) []byte {
	b := make([]byte, 0, 64+len(rs)*256)
	b = append(b, '[')
	for i := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		id := PutIDAsSent
		if ids != nil {
			id = ids[i]
		}
		b = appendObject(b, sp, &rs[i], o, id)
	}
	return append(b, ']')
}

// formatTime renders a timestamp in the wire format.
func formatTime(t time.Time) string {
	return t.UTC().Format(timeLayout)
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
