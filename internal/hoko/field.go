package hoko

import "encoding/json"

// Field is an optional write field with three states: absent (the zero
// value, not sent at all), null (sent as JSON null, which clears the value on
// the server) and a value.
//
// The upsert API only changes the fields it is sent, so "absent" and "null"
// mean different things and a plain pointer cannot tell them apart.
type Field[T any] struct {
	present bool
	value   *T
}

// Value returns a Field holding v.
func Value[T any](v T) Field[T] { return Field[T]{present: true, value: &v} }

// Null returns a Field that is sent as JSON null.
func Null[T any]() Field[T] { return Field[T]{present: true} }

// FromPointer returns Null for a nil pointer and Value(*p) otherwise.
func FromPointer[T any](p *T) Field[T] {
	if p == nil {
		return Null[T]()
	}
	return Value(*p)
}

// IsZero reports whether the field is absent; encoding/json's omitzero
// option uses it to leave the key out of the body.
func (f Field[T]) IsZero() bool { return !f.present }

// IsNull reports whether the field is present and null.
func (f Field[T]) IsNull() bool { return f.present && f.value == nil }

// Get returns the value and whether the field holds one (not absent, not
// null).
func (f Field[T]) Get() (T, bool) {
	if f.value == nil {
		var zero T
		return zero, false
	}
	return *f.value, true
}

// MarshalJSON encodes the value, or null. Absent fields never reach it
// because CollectionItem tags them omitzero.
func (f Field[T]) MarshalJSON() ([]byte, error) {
	if f.value == nil {
		return []byte("null"), nil
	}
	return json.Marshal(*f.value)
}
