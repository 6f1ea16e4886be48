package hoko

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
)

// matchAnswer checks a PUT answer against the items sent and returns one
// object per item, in item order. Hoko answers in input order, but a server
// or proxy that reorders, drops or rewrites items must never make the
// provider store one object's id for another: an update's answer must carry
// its id, a create's answer an id that is new (not an update's, not one
// this client already holds) and the fields it sent. An answer in
// another order is matched back by those rules; one that cannot be matched
// is an error that names what came back.
func (o *Objects[T, I]) matchAnswer(items []I, answer []T) ([]T, error) {
	if len(answer) != len(items) {
		return nil, o.answerError(fmt.Sprintf("sent %d items but the answer holds %d %s", len(items), len(answer), o.spec.Plural), items, answer)
	}
	updateIDs := make(map[string]bool)
	for _, item := range items {
		if id := o.spec.itemID(item); id != "" {
			updateIDs[id] = true
		}
	}
	fits := func(item I, obj T) bool {
		id := o.spec.id(obj)
		if want := o.spec.itemID(item); want != "" {
			return id == want
		}
		return id != "" && !updateIDs[id] && !o.isOwned(id) && o.spec.fulfils(obj, item)
	}
	ids := make(map[string]bool, len(answer))
	inOrder := true
	for k, obj := range answer {
		id := o.spec.id(obj)
		if ids[id] || !fits(items[k], obj) {
			inOrder = false
		}
		ids[id] = true
	}
	if inOrder {
		return answer, nil
	}
	// Match each item to an unused answer object; identical creates are
	// interchangeable, so taking the first that fits is enough.
	used := make([]bool, len(answer))
	matched := make([]T, len(items))
	for i, item := range items {
		k := -1
		for j, obj := range answer {
			if !used[j] && fits(item, obj) {
				k = j
				break
			}
		}
		if k < 0 {
			return nil, o.answerError(fmt.Sprintf("item %d of %d has no matching object in the answer", i+1, len(items)), items, answer)
		}
		used[k] = true
		matched[i] = answer[k]
	}
	return matched, nil
}

// errAnswerMismatch marks a PUT answer that does not match what was sent.
var errAnswerMismatch = errors.New("answer does not match the request")

// answerError is the error for a PUT answer that does not match what was
// sent. The write most likely happened: for creates it is an unknown
// outcome, which a lookup may settle by finding the objects, but never by
// sending them again (upsertWithCreates); it names the ids that came back
// for the user to check and import.
func (o *Objects[T, I]) answerError(what string, items []I, answer []T) error {
	ids := make([]string, 0, min(len(answer), 10))
	for _, obj := range answer[:min(len(answer), 10)] {
		ids = append(ids, fmt.Sprintf("%q", o.spec.id(obj)))
	}
	err := &Error{Method: http.MethodPut, Path: o.c.fullPath(o.spec.Path), StatusCode: http.StatusOK, cause: errAnswerMismatch,
		Message: fmt.Sprintf("the answer does not match the %s sent (%s), so none of it was stored; the server or a proxy "+
			"between may have reordered or rewritten it. The write has most likely been applied: check the %s with the "+
			"ids %v and import those that are yours instead of applying again", o.spec.Plural, what, o.spec.Plural, ids)}
	// The ids came from the server: mask the key in case it echoes it.
	if slices.ContainsFunc(items, o.spec.isCreate) {
		return o.c.mask.err(fmt.Errorf("%w (%w)", err, ErrOutcomeUnknown))
	}
	return o.c.mask.err(err)
}
