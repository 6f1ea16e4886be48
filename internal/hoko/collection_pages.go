package hoko

import (
	"context"
	"iter"
)

// CollectionPages returns an iterator over the workspace's live collections,
// one page at a time, each page as large as the API allows. It stops after a
// short page (the API's end of list), after an error, or when the caller
// stops ranging; no request is sent for a page the caller does not ask for.
// sort is SortAsc, SortDesc or "" for the server's default.
//
// Unlike ListAllCollections it never holds more than one page, so a caller
// that streams results (such as Terraform's list resources) keeps its memory
// flat however large the workspace is, and can stop early at a limit.
//
// Each step yields a non-empty page and a nil error, or a nil page and the
// error that ended the iteration. A workspace whose size is an exact multiple
// of the page size ends with an empty page, which is not yielded.
//
// Paging is by offset, as the API offers nothing else: a collection created or
// deleted while the pages are read can shift the later pages. With SortAsc new
// collections land after the pages already read, so only deletions can make
// a collection be skipped.
func (c *Client) CollectionPages(ctx context.Context, sort string) iter.Seq2[[]Collection, error] {
	return func(yield func([]Collection, error) bool) {
		for skip := 0; ; skip += MaxItemsPerRequest {
			page, err := c.ListCollections(ctx, ListOptions{Take: MaxItemsPerRequest, Skip: skip, Sort: sort})
			if err != nil {
				yield(nil, err)
				return
			}
			if len(page) > 0 && !yield(page, nil) {
				return
			}
			if len(page) < MaxItemsPerRequest {
				return
			}
		}
	}
}
