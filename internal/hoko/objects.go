package hoko

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sync"
)

// ErrNotFound reports that no live object matched.
var ErrNotFound = errors.New("not found")

// ErrNoUniqueKey reports that an item has no unique key to look up: the
// kind has none (partners), or the item does not set it (a link without an
// externalId).
var ErrNoUniqueKey = errors.New("no unique key")

// Objects holds the client's methods for one kind of object (see
// Client.Collections, Tags, Partners, Links). Every kind shares this one
// implementation: the send path, safe creates, coalescing, the read
// snapshot and bounded paging; the kind's kindSpec says the rest.
//
// It is safe for concurrent use. Its coalescers are its own, so a write of
// one kind never waits for a write of another.
type Objects[T, I any] struct {
	c    *Client
	spec *kindSpec[T, I]
	// batch coalesces single-item calls; nil when batching is off.
	batch *coalescer[T, I]

	mu sync.Mutex
	// owned holds the ids this client has written or adopted. An object
	// here belongs to a caller already, so settling a lost create never
	// takes it for another.
	owned map[string]struct{}
	// creates are the create requests whose answers are not handled yet.
	creates createsInFlight
}

// newObjects returns the methods of kind spec for c.
func newObjects[T, I any](c *Client, spec *kindSpec[T, I], cfg Config) *Objects[T, I] {
	o := &Objects[T, I]{c: c, spec: spec, owned: make(map[string]struct{})}
	o.batch = newCoalescer(o, cfg.DisableBatching)
	return o
}

// Kind names the kind and the scopes a key needs for it.
func (o *Objects[T, I]) Kind() Kind { return o.spec.Kind }

// own records ids as this client's.
func (o *Objects[T, I]) own(objs []T) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, obj := range objs {
		o.owned[o.spec.id(obj)] = struct{}{}
	}
}

// isOwned reports whether id was written or adopted by this client.
func (o *Objects[T, I]) isOwned(id string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	_, ok := o.owned[id]
	return ok
}

// Upsert creates (an item without an ID) or updates one object and returns
// it as written. Calls made at the same time, from any goroutine, are
// coalesced into one PUT (see DESIGN.md), and each call gets its own result:
// an item the API refuses fails only its own call. It returns ctx's error as
// soon as ctx is done if the item was not sent yet, and then never sends it;
// an item already sent waits for the outcome, so that a written object is
// always reported to its caller.
func (o *Objects[T, I]) Upsert(ctx context.Context, item I) (T, error) {
	if o.batch == nil {
		written, err := o.UpsertAll(ctx, []I{item})
		if err != nil {
			var zero T
			return zero, err
		}
		return written[0], nil
	}
	return o.batch.upserts.do(ctx, item)
}

// UpsertAll writes items and returns one object per item, in the same order,
// in requests of at most the client's MaxBatchSize items (sent a few side by
// side). Updates are retried like any idempotent request. When items create
// objects, a failure whose outcome is unknown (a lost response) is settled
// by looking: objects a request wrote are adopted and only the rest are sent
// again, so a create never happens twice (upsert_safety.go).
//
// When a request fails, err says why, and written still holds the objects
// of the requests that succeeded, with zero values for the items of those
// that did not: a caller that writes many must record what was written. An
// error that wraps ErrOutcomeUnknown means a failed request may have been
// applied even so; any other error means its items were not written.
func (o *Objects[T, I]) UpsertAll(ctx context.Context, items []I) (written []T, err error) {
	if len(items) == 0 {
		return nil, nil
	}
	if len(items) <= o.c.maxBatch {
		return o.upsertRequest(ctx, items)
	}
	written = make([]T, len(items))
	errs := o.eachChunk(len(items), func(lo, hi int) error {
		part, err := o.upsertRequest(ctx, items[lo:hi])
		if err == nil {
			copy(written[lo:hi], part)
		}
		return err
	})
	return written, errs
}

// upsertRequest writes items in one request.
func (o *Objects[T, I]) upsertRequest(ctx context.Context, items []I) ([]T, error) {
	if slices.ContainsFunc(items, o.spec.isCreate) {
		return o.upsertWithCreates(ctx, items)
	}
	return o.putItems(ctx, items)
}

// chunksSideBySide is how many requests of one bulk call are in flight at
// once: enough to hide the round trips of a large sync, few enough to stay
// clear of a rate limit.
const chunksSideBySide = 4

// eachChunk calls send for every chunk [lo, hi) of n items of at most the
// client's MaxBatchSize, a few side by side, and joins their errors.
func (o *Objects[T, I]) eachChunk(n int, send func(lo, hi int) error) error {
	if n <= o.c.maxBatch {
		return send(0, n)
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	slots := make(chan struct{}, chunksSideBySide)
	for lo := 0; lo < n; lo += o.c.maxBatch {
		hi := min(lo+o.c.maxBatch, n)
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			if err := send(lo, hi); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Delete deletes one object. Calls made at the same time are coalesced into
// one DELETE, and each call gets its own result: like DeleteAll alone, an id
// that is unknown or already deleted fails with a 400, but only its own call
// fails.
func (o *Objects[T, I]) Delete(ctx context.Context, id string) error {
	if o.batch == nil {
		return o.DeleteAll(ctx, []string{id})
	}
	_, err := o.batch.deletes.do(ctx, id)
	return err
}

// DeleteAll deletes the objects with ids, in requests of at most the
// client's MaxBatchSize ids. The API deletes all or none of a request: one
// unknown or already deleted id fails its whole request with 400, and the
// other requests still go.
func (o *Objects[T, I]) DeleteAll(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	return o.eachChunk(len(ids), func(lo, hi int) error {
		var result struct {
			DeletedIDs boundedList[string] `json:"deletedIds"`
		}
		return o.c.send(ctx, request{method: http.MethodDelete, path: o.spec.Path, body: ids[lo:hi]}, &result)
	})
}

// Get returns the live object with id, or an error wrapping ErrNotFound.
//
// A lone call is one GET ?id=. Calls made while another read is in flight are
// answered together from one listing of the kind, which later calls reuse
// until a write through this client touches the id they ask for.
func (o *Objects[T, I]) Get(ctx context.Context, id string) (T, error) {
	if o.batch == nil {
		return o.fetch(ctx, id)
	}
	return o.batch.reads.get(ctx, id)
}

// notFound is the error for an id that names no live object.
func (o *Objects[T, I]) notFound(id string) error {
	return fmt.Errorf("%s %q: %w", o.spec.Name, id, ErrNotFound)
}

// fetch reads one object with GET ?id=. The API answers an unknown or
// deleted id with an empty array; a 400 or 404 is taken to mean the same, as
// other deployments may answer so, once a listing shows the endpoint is the
// API. An answer that holds other objects is a server fault, not "gone".
func (o *Objects[T, I]) fetch(ctx context.Context, id string) (T, error) {
	var zero T
	var found boundedList[T]
	err := o.c.send(ctx, request{method: http.MethodGet, path: o.spec.Path, query: url.Values{"id": {id}}}, &found)
	switch status := StatusCode(err); {
	case status == http.StatusBadRequest || status == http.StatusNotFound:
		// Some deployments answer a gone id so, but so does anything that
		// is not the Hoko API, such as a mistyped endpoint. Taking that for
		// "gone" would drop every resource from the state, so a one-item
		// listing must work before the id counts as gone.
		if _, listErr := o.List(ctx, ListOptions{Take: 1}); listErr != nil {
			return zero, fmt.Errorf("%w; listing %s failed too, so the endpoint may not be the Hoko API: %w", err, o.spec.Plural, listErr)
		}
		return zero, fmt.Errorf("%s %q: %w (%w)", o.spec.Name, id, ErrNotFound, err)
	case err != nil:
		return zero, err
	}
	for _, obj := range found {
		if o.spec.id(obj) == id {
			return obj, nil
		}
	}
	if len(found) > 0 {
		return zero, o.c.mask.err(&Error{Method: http.MethodGet, Path: o.c.fullPath(o.spec.Path), StatusCode: http.StatusOK,
			Message: fmt.Sprintf("asked for %s %q but the answer holds %d other %s (first %q); the server or a cache in "+
				"between is not answering the request it was sent", o.spec.Name, id, len(found), o.spec.Plural, o.spec.id(found[0]))})
	}
	return zero, o.notFound(id)
}

// Holder returns the live object that holds item's unique key (a
// collection's or tag's name, a link's externalId), or an error wrapping
// ErrNotFound; ErrNoUniqueKey when there is no key to look for. The API has
// no filter for most keys, so this lists the kind.
func (o *Objects[T, I]) Holder(ctx context.Context, item I) (T, error) {
	var zero T
	if o.spec.itemKey == nil {
		return zero, ErrNoUniqueKey
	}
	want, ok := o.spec.itemKey(item)
	if !ok {
		return zero, ErrNoUniqueKey
	}
	opts := ListOptions{Sort: SortAsc}
	if o.spec.keyQuery != "" {
		opts.Filter = url.Values{o.spec.keyQuery: {want}}
	}
	// A filtered answer is still checked: trust no answer.
	for page, err := range o.Pages(ctx, opts) {
		if err != nil {
			return zero, err
		}
		for _, obj := range page {
			if have, ok := o.spec.key(obj); ok && have == want {
				return obj, nil
			}
		}
	}
	return zero, fmt.Errorf("%s with %s %q: %w", o.spec.Name, o.spec.UniqueKey, want, ErrNotFound)
}
