package hoko

import "context"

// coalescer holds one kind's batchers. A client built with DisableBatching
// has none, and its single-item methods send one request per call.
type coalescer[T, I any] struct {
	upserts *writeBatcher[I, T]
	deletes *writeBatcher[string, struct{}]
	reads   *readCoalescer[T]
}

// newCoalescer returns the batchers for o, or nil when batching is
// disabled. They sit on top of the bulk methods, so retries and everything else
// the send path does apply to coalesced requests unchanged.
func newCoalescer[T, I any](o *Objects[T, I], disabled bool) *coalescer[T, I] {
	if disabled {
		return nil
	}
	size := o.c.maxBatch
	reads := newReadCoalescer(o.spec.Name, o.fetch, o.listSnapshot)
	co := &coalescer[T, I]{
		reads: reads,
		upserts: newWriteBatcher(size, o.c.ops, func(ctx context.Context, items []I) ([]T, error) {
			ids := make([]string, 0, len(items))
			for _, item := range items {
				ids = append(ids, o.spec.itemID(item))
			}
			reads.touch(ids...)
			written, err := o.UpsertAll(ctx, items)
			for _, obj := range written {
				ids = append(ids, o.spec.id(obj))
			}
			reads.touch(ids...)
			return written, err
		}),
		deletes: newWriteBatcher(size, o.c.ops, func(ctx context.Context, ids []string) ([]struct{}, error) {
			reads.touch(ids...)
			err := o.DeleteAll(ctx, ids)
			reads.touch(ids...)
			if err != nil {
				return nil, err
			}
			return make([]struct{}, len(ids)), nil
		}),
	}
	co.upserts.log, co.deletes.log = o.c.log, o.c.log
	return co
}

// listSnapshot lists the kind, oldest first, reading at most maxPages pages,
// for the read coalescer. Oldest first means objects created while it reads
// land after the pages already read.
func (o *Objects[T, I]) listSnapshot(ctx context.Context, maxPages int) (*snapshot[T], error) {
	s := &snapshot[T]{byID: make(map[string]*T)}
	pages, firstFull, ended := 0, false, true
	for page, err := range o.Pages(ctx, ListOptions{Sort: SortAsc}) {
		if err != nil {
			return nil, err
		}
		pages++
		firstFull = firstFull || len(page) == MaxItemsPerRequest
		// Entries point into the page, which the snapshot owns from here
		// on: a copy of each object would be one more allocation per
		// object at the busiest moment of a refresh. A read zeroes what it
		// takes, so only the page's bare slots outlive the reads.
		for i := range page {
			s.byID[o.spec.id(page[i])] = &page[i]
		}
		if pages == maxPages {
			ended = false
			break
		}
	}
	// One request that came back short is the whole kind at one moment.
	// Anything else took several requests (even a full page followed by an
	// empty one) or stopped early, and may have missed an object.
	s.whole = ended && pages <= 1 && !firstFull
	return s, nil
}
