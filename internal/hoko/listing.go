package hoko

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// MaxItemsPerRequest is the API's hard limit on items per write and per
// page. A workspace's plan may allow fewer writes per request.
const MaxItemsPerRequest = 10000

// maxListed bounds how many objects one listing reads, so that a server
// that keeps inventing new ids cannot make a listing run forever. It is far
// beyond any workspace's quota.
const maxListed = 10_000_000

// Sort orders for listing: by creation time (by id for tags).
const (
	SortAsc  = "asc"
	SortDesc = "desc"
)

// ListOptions selects objects to list. Zero values leave the server's
// defaults (take 50, skip 0, newest first). Filter holds the kind's GET
// filters (for links: externalId, tenantId, partnerId).
type ListOptions struct {
	Take   int
	Skip   int
	Sort   string
	Filter url.Values
}

// query encodes the options as a GET query.
func (opts ListOptions) query() url.Values {
	q := url.Values{}
	for k, v := range opts.Filter {
		q[k] = v
	}
	if opts.Take > 0 {
		q.Set("take", strconv.Itoa(opts.Take))
	}
	if opts.Skip > 0 {
		q.Set("skip", strconv.Itoa(opts.Skip))
	}
	if opts.Sort != "" {
		q.Set("sort", opts.Sort)
	}
	return q
}

// List returns one page. A page shorter than Take is the last one.
func (o *Objects[T, I]) List(ctx context.Context, opts ListOptions) ([]T, error) {
	var page boundedList[T]
	if err := o.c.send(ctx, request{method: http.MethodGet, path: o.spec.Path, query: opts.query()}, &page); err != nil {
		return nil, err
	}
	return page, nil
}

// Pages returns an iterator over the live objects opts selects (Take and
// Skip are ignored), one page at a time, each as large as the API allows.
// It stops after a short page (the API's end of list), after an error, or
// when the caller stops ranging; no request is sent for a page the caller
// does not ask for, and it never holds more than one page, so a caller that
// streams (Terraform's list resources) keeps its memory flat and can stop
// early at a limit.
//
// Each step yields a non-empty page and a nil error, or a nil page and the
// error that ended the iteration.
//
// Trust no answer: an object seen on an earlier page is left out (offset
// paging may show one twice), a full page that adds no new object ends the
// iteration with an error (a cache that ignores skip would otherwise repeat
// it forever), a page too large to read is asked for again in smaller pages,
// and no iteration reads more than maxListed objects.
//
// Paging is by offset, as the API offers nothing else: an object created or
// deleted while the pages are read can shift the later pages. With SortAsc
// new objects land after the pages already read (for collections, partners
// and links), so only deletions can make one be skipped.
func (o *Objects[T, I]) Pages(ctx context.Context, opts ListOptions) iter.Seq2[[]T, error] {
	return func(yield func([]T, error) bool) {
		seen := make(map[string]struct{})
		take := MaxItemsPerRequest
		for skip := 0; ; skip += take {
			opts.Take, opts.Skip = take, skip
			page, err := o.List(ctx, opts)
			if errors.Is(err, errTooLarge) && take > 1 {
				// Large objects: the same offset, in smaller pages.
				take = max(take/10, 1)
				skip -= take
				continue
			}
			if err != nil {
				yield(nil, err)
				return
			}
			// Repeats are left out in place: a filtered copy would hold a
			// page of thousands twice at a refresh's busiest moment.
			got := len(page)
			fresh := slices.DeleteFunc(page, func(obj T) bool {
				id := o.spec.id(obj)
				_, dup := seen[id]
				seen[id] = struct{}{}
				return dup
			})
			switch {
			case got >= take && len(fresh) == 0:
				yield(nil, o.repeating(skip))
				return
			case len(seen) > maxListed:
				yield(nil, fmt.Errorf("listing %s: stopped after %d objects, more than any workspace holds; the server keeps "+
					"sending new ones", o.spec.Plural, maxListed))
				return
			}
			if len(fresh) > 0 && !yield(fresh, nil) {
				return
			}
			if got < take {
				return
			}
		}
	}
}

// repeating is the error for a full page that held only objects already
// listed.
func (o *Objects[T, I]) repeating(skip int) error {
	return &Error{Method: http.MethodGet, Path: o.c.fullPath(o.spec.Path), StatusCode: http.StatusOK,
		Message: fmt.Sprintf("the server keeps repeating itself: the full page at skip=%d held only %s already listed, so the "+
			"listing would never end. A cache or proxy between the provider and Hoko may be ignoring the skip parameter",
			skip, o.spec.Plural)}
}

// All returns every live object opts selects (Take and Skip are ignored),
// with the guarantees of Pages.
func (o *Objects[T, I]) All(ctx context.Context, opts ListOptions) ([]T, error) {
	var all []T
	for page, err := range o.Pages(ctx, opts) {
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
	}
	return all, nil
}

// Among returns the live objects among ids that opts selects (Take and Skip
// are ignored), with the guarantees of Pages. It stops once every id has
// been seen, so a caller that knows its objects (a hoko_links refresh of
// the links it manages) reads only the pages that hold them; an id that is
// gone makes it read to the end of the list.
func (o *Objects[T, I]) Among(ctx context.Context, opts ListOptions, ids []string) ([]T, error) {
	wanted := make(map[string]bool, len(ids))
	for _, id := range ids {
		wanted[id] = true
	}
	var found []T
	if len(wanted) == 0 {
		return found, nil
	}
	for page, err := range o.Pages(ctx, opts) {
		if err != nil {
			return nil, err
		}
		for _, obj := range page {
			if id := o.spec.id(obj); wanted[id] {
				delete(wanted, id)
				found = append(found, obj)
			}
		}
		if len(wanted) == 0 {
			break
		}
	}
	return found, nil
}
