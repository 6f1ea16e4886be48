package hoko

import (
	"encoding/json"
	"fmt"
)

// boundedList decodes a JSON array in an answer (a page, the objects a
// write or a read by id returns, the scopes an error names) into a slice
// allocated once, at its length, and refuses more elements than any answer
// of the API holds before allocating anything.
//
// Why not a plain slice: an element costs its Go size whatever its JSON
// size, so `{}` (three bytes with its comma) becomes a link of over 200
// bytes, and a hostile answer of 64 MiB of them would take gigabytes and
// end the provider mid-apply, after writes landed that never reach the
// state. A plain slice also grows by doubling, so a page of thousands is
// allocated about twice over, at the busiest moment of a refresh.
type boundedList[T any] []T

// UnmarshalJSON counts the elements first: decoding into empty structs
// skips their fields and allocates nothing for them.
func (l *boundedList[T]) UnmarshalJSON(data []byte) error {
	var elements []struct{}
	_ = json.Unmarshal(data, &elements) // a bad answer: the decode below says what is wrong
	if len(elements) > MaxItemsPerRequest {
		return fmt.Errorf("an array of %d elements, more than the %d any answer of the API holds", len(elements), MaxItemsPerRequest)
	}
	list := make([]T, 0, len(elements))
	err := json.Unmarshal(data, &list)
	*l = list
	return err
}
