package hoko

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// MaxItemsPerRequest is the API's hard limit on items per write and per
// page. A workspace's plan may allow fewer writes per request.
const MaxItemsPerRequest = 10000

// Sort orders for listing, by creation time.
const (
	SortAsc  = "asc"
	SortDesc = "desc"
)

// ErrNotFound reports that no live collection matched.
var ErrNotFound = errors.New("collection not found")

// ListOptions selects one page of collections. Zero values leave the
// server's defaults (take 50, skip 0, newest first).
type ListOptions struct {
	Take int
	Skip int
	Sort string
}

// ListCollections returns one page of collections. A page shorter than Take
// is the last one.
func (c *Client) ListCollections(ctx context.Context, opts ListOptions) ([]Collection, error) {
	query := url.Values{}
	if opts.Take > 0 {
		query.Set("take", strconv.Itoa(opts.Take))
	}
	if opts.Skip > 0 {
		query.Set("skip", strconv.Itoa(opts.Skip))
	}
	if opts.Sort != "" {
		query.Set("sort", opts.Sort)
	}
	var page []Collection
	if err := c.send(ctx, http.MethodGet, query, nil, &page); err != nil {
		return nil, err
	}
	return page, nil
}

// ListAllCollections returns every live collection of the workspace, reading
// pages of the largest size the API allows until a short page ends the list.
// sort is SortAsc, SortDesc or "" for the server's default.
func (c *Client) ListAllCollections(ctx context.Context, sort string) ([]Collection, error) {
	var all []Collection
	for skip := 0; ; skip += MaxItemsPerRequest {
		page, err := c.ListCollections(ctx, ListOptions{Take: MaxItemsPerRequest, Skip: skip, Sort: sort})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) < MaxItemsPerRequest {
			return all, nil
		}
	}
}

// fetchCollection reads one collection with GET ?id=, for GetCollection
// (see batch_client.go). The API answers an unknown or deleted id with an
// empty array; a 400 or 404 is taken to mean the same, as other deployments
// of the API may answer so.
func (c *Client) fetchCollection(ctx context.Context, id string) (Collection, error) {
	var found []Collection
	err := c.send(ctx, http.MethodGet, url.Values{"id": {id}}, nil, &found)
	switch status := StatusCode(err); {
	case status == http.StatusBadRequest || status == http.StatusNotFound:
		// Some deployments answer a gone id so, but so does anything that
		// is not the Hoko API, such as a mistyped endpoint. Taking that for
		// "gone" would drop every resource from the state, so a one-item
		// listing must work before the id counts as gone.
		if _, listErr := c.ListCollections(ctx, ListOptions{Take: 1}); listErr != nil {
			return Collection{}, fmt.Errorf("%w; listing collections failed too, so the endpoint may not be the Hoko API: %w", err, listErr)
		}
		return Collection{}, fmt.Errorf("collection %q: %w (%w)", id, ErrNotFound, err)
	case err != nil:
		return Collection{}, err
	}
	for _, col := range found {
		if col.ID == id {
			return col, nil
		}
	}
	return Collection{}, fmt.Errorf("collection %q: %w", id, ErrNotFound)
}

// FindCollectionByName returns the live collection named name, or
// ErrNotFound. The API has no name filter, so this lists the workspace.
func (c *Client) FindCollectionByName(ctx context.Context, name string) (Collection, error) {
	all, err := c.ListAllCollections(ctx, SortAsc)
	if err != nil {
		return Collection{}, err
	}
	for _, col := range all {
		if col.Name == name {
			return col, nil
		}
	}
	return Collection{}, fmt.Errorf("collection named %q: %w", name, ErrNotFound)
}

// UpsertCollections writes items and returns one collection per item, in
// the same order. Updates are one PUT, retried like any idempotent request.
// When items create collections, a failure whose outcome is unknown (a lost
// response) is settled by looking the names up: collections that are already
// there as asked are adopted and only the rest are sent again, so a create
// never happens twice (see upsert_safety.go). An error that wraps
// ErrOutcomeUnknown means even that could not settle whether the write
// happened; any other error means nothing was written.
func (c *Client) UpsertCollections(ctx context.Context, items []UpsertItem) ([]Collection, error) {
	if len(items) == 0 {
		return nil, nil
	}
	if slices.ContainsFunc(items, UpsertItem.IsCreate) {
		return c.upsertWithCreates(ctx, items)
	}
	return c.putItems(ctx, items)
}

// putItems sends items in one PUT through the send path and checks that the
// answer holds one collection per item.
func (c *Client) putItems(ctx context.Context, items []UpsertItem) ([]Collection, error) {
	var written []Collection
	if err := c.send(ctx, http.MethodPut, nil, items, &written); err != nil {
		return nil, err
	}
	if len(written) != len(items) {
		err := &Error{Method: http.MethodPut, Path: collectionsPath, StatusCode: http.StatusOK,
			Message: fmt.Sprintf("sent %d items but the response holds %d collections", len(items), len(written))}
		if slices.ContainsFunc(items, UpsertItem.IsCreate) {
			// A success was answered, so the creates most likely happened.
			return nil, fmt.Errorf("%w (%w)", err, ErrOutcomeUnknown)
		}
		return nil, err
	}
	return written, nil
}

// DeleteCollections soft-deletes the collections with ids in one request.
// The API deletes all or none: one unknown or already deleted id fails the
// whole request with 400.
func (c *Client) DeleteCollections(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	var result struct {
		DeletedIDs []string `json:"deletedIds"`
	}
	return c.send(ctx, http.MethodDelete, nil, ids, &result)
}
