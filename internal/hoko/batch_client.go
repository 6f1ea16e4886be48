package hoko

import "context"

// coalescer holds a client's batchers. A client built with DisableBatching
// has none, and its single-item methods send one request per call.
type coalescer struct {
	upserts *writeBatcher[UpsertItem, Collection]
	deletes *writeBatcher[string, struct{}]
	reads   *readCoalescer
}

// newCoalescer returns the batchers for c, or nil when cfg turns batching
// off. They sit on top of the bulk methods, so retries and everything else
// the send path does apply to coalesced requests unchanged.
func newCoalescer(c *Client, cfg Config) *coalescer {
	if cfg.DisableBatching {
		return nil
	}
	size := cfg.MaxBatchSize
	if size <= 0 || size > MaxItemsPerRequest {
		size = MaxItemsPerRequest
	}
	reads := newReadCoalescer(c.fetchCollection, c.listSnapshot)
	ops := cfg.Operations
	if ops == nil {
		ops = NewOperations() // one for both batchers, which share the caller
	}
	co := &coalescer{
		reads: reads,
		upserts: newWriteBatcher(size, ops, func(ctx context.Context, items []UpsertItem) ([]Collection, error) {
			ids := make([]string, 0, len(items))
			for _, item := range items {
				ids = append(ids, item.ID)
			}
			reads.touch(ids...)
			written, err := c.UpsertCollections(ctx, items)
			for _, col := range written {
				ids = append(ids, col.ID)
			}
			reads.touch(ids...)
			return written, err
		}),
		deletes: newWriteBatcher(size, ops, func(ctx context.Context, ids []string) ([]struct{}, error) {
			reads.touch(ids...)
			err := c.DeleteCollections(ctx, ids)
			reads.touch(ids...)
			if err != nil {
				return nil, err
			}
			return make([]struct{}, len(ids)), nil
		}),
	}
	co.upserts.log, co.deletes.log = c.log, c.log
	return co
}

// UpsertCollection creates (item without ID) or updates one collection and
// returns it as written. Calls made at the same time, from any goroutine, are
// coalesced into one PUT (see DESIGN.md), and each call gets its own result:
// an item the API refuses fails only its own call. It returns ctx's error as
// soon as ctx is done if the item was not sent yet, and then never sends it;
// an item already sent waits for the outcome, so that a written collection
// is always reported to its caller.
func (c *Client) UpsertCollection(ctx context.Context, item UpsertItem) (Collection, error) {
	if c.batch == nil {
		written, err := c.UpsertCollections(ctx, []UpsertItem{item})
		if err != nil {
			return Collection{}, err
		}
		return written[0], nil
	}
	return c.batch.upserts.do(ctx, item)
}

// DeleteCollection soft-deletes one collection. Calls made at the same time
// are coalesced into one DELETE, and each call gets its own result: like
// DeleteCollections alone, an id that is unknown or already deleted fails
// with a 400, but only its own call fails.
func (c *Client) DeleteCollection(ctx context.Context, id string) error {
	if c.batch == nil {
		return c.DeleteCollections(ctx, []string{id})
	}
	_, err := c.batch.deletes.do(ctx, id)
	return err
}

// GetCollection returns the live collection with id, or an error wrapping
// ErrNotFound. The API answers an unknown or deleted id with an empty array;
// a 400 or 404 is taken to mean the same, as other deployments may answer so.
//
// A lone call is one GET ?id=. Calls made while another read is in flight are
// answered together from one listing of the workspace, which later calls
// reuse until a write through this client touches the id they ask for.
func (c *Client) GetCollection(ctx context.Context, id string) (Collection, error) {
	if c.batch == nil {
		return c.fetchCollection(ctx, id)
	}
	return c.batch.reads.get(ctx, id)
}

// listSnapshot lists the workspace, oldest first, reading at most maxPages
// pages, for the read coalescer. Oldest first means collections created while
// it reads land after the pages already read.
func (c *Client) listSnapshot(ctx context.Context, maxPages int) (*snapshot, error) {
	s := &snapshot{byID: make(map[string]Collection)}
	pages, firstFull := 0, false
	for page, err := range c.CollectionPages(ctx, SortAsc) {
		if err != nil {
			return nil, err
		}
		pages++
		firstFull = firstFull || len(page) == MaxItemsPerRequest
		for _, col := range page {
			s.byID[col.ID] = col
		}
		if pages == maxPages {
			break
		}
	}
	// One request that came back short is the whole workspace at one moment.
	// Anything else took several requests (even a full page followed by an
	// empty one) or stopped early, and may have missed a collection.
	s.whole = pages <= 1 && !firstFull
	return s, nil
}
