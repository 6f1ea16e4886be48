package hoko

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// A PUT that creates collections is not idempotent: if the server wrote it
// but the answer was lost (a 5xx after the write, a timeout, a dropped
// connection), sending it again fails with "name already taken" and the
// collection the first attempt created belongs to no one. So the send path
// retries a create only when the server certainly did not act (429, no
// connection), and upsertWithCreates settles every other failure by looking:
// one listing of the workspace says, for each item, whether what it asked for
// is already there. Such items are adopted; only the others are sent again.
// Names are unique per workspace, which is what makes the lookup reliable.

// settleTimeout bounds the one lookup made after the caller gave up (Ctrl-C,
// a resource timeout) while a create's outcome was unknown. It is short: the
// user asked to stop, but a collection that was created should still reach
// the Terraform state rather than be left behind unrecorded.
const settleTimeout = 5 * time.Second

// upsertWithCreates sends items, some of which create collections, and
// returns one collection per item in input order, resolving unknown outcomes
// without ever creating a collection twice. Requests are all-or-nothing, so
// each round either wrote every item it carried or none of them.
func (c *Client) upsertWithCreates(ctx context.Context, items []UpsertItem) ([]Collection, error) {
	result := make([]Collection, len(items))
	pending := make([]int, len(items))
	for i := range pending {
		pending[i] = i
	}
	for round := 0; ; round++ {
		batch := make([]UpsertItem, len(pending))
		for k, i := range pending {
			batch[k] = items[i]
		}
		written, err := c.putItems(ctx, batch)
		if err == nil {
			for k, i := range pending {
				result[i] = written[k]
			}
			return result, nil
		}
		// After an unknown outcome the earlier write may land late, so a 400
		// ("name already taken") in a later round can be that write.
		uncertain := errors.Is(err, ErrOutcomeUnknown) || round > 0 && StatusCode(err) == http.StatusBadRequest
		if ctx.Err() != nil && (uncertain || round > 0) {
			return c.settleAfterStop(ctx, items, pending, result, err)
		}
		if !uncertain || c.maxRetries == 0 {
			return nil, err
		}
		wait := c.backoff(round)
		c.log.Info(ctx, "Hoko API create may or may not have been applied; looking the names up", map[string]any{
			"items": len(pending), "attempt": round + 1, "error": err.Error(),
			"wait": wait.Round(time.Millisecond).String(), "wait_ms": wait.Milliseconds(),
		})
		if !sleep(ctx, wait) {
			return c.settleAfterStop(ctx, items, pending, result, err)
		}
		still, createsAdopted, lookupErr := c.adoptWritten(ctx, items, pending, result)
		switch {
		case lookupErr != nil && ctx.Err() != nil:
			return c.settleAfterStop(ctx, items, pending, result, err)
		case lookupErr != nil:
			return nil, fmt.Errorf("%w; checking whether it was applied failed too: %w", err, lookupErr)
		case len(still) == 0:
			return result, nil
		case StatusCode(err) == http.StatusBadRequest && createsAdopted == 0:
			// None of ours is there: the 400 is a real refusal.
			return nil, err
		case round >= c.maxRetries:
			return nil, giveUp(round+1, err)
		}
		pending = still
	}
}

// adoptWritten lists the workspace once and moves every pending item whose
// wish is already fulfilled there into result. It returns the items still
// pending and how many creates were adopted: under all-or-nothing writes,
// none means the last request was not applied.
func (c *Client) adoptWritten(ctx context.Context, items []UpsertItem, pending []int, result []Collection) (still []int, createsAdopted int, err error) {
	all, err := c.ListAllCollections(ctx, SortAsc)
	if err != nil {
		return pending, 0, err
	}
	byName := make(map[string]Collection, len(all))
	byID := make(map[string]Collection, len(all))
	for _, col := range all {
		byName[col.Name] = col
		byID[col.ID] = col
	}
	adopted := 0
	for _, i := range pending {
		item := items[i]
		var col Collection
		var found bool
		if item.IsCreate() {
			name, _ := item.Name.Get()
			col, found = byName[name]
		} else {
			col, found = byID[item.ID]
		}
		if !found || !fulfils(col, item) {
			still = append(still, i)
			continue
		}
		result[i] = col
		adopted++
		if item.IsCreate() {
			createsAdopted++
		}
	}
	c.log.Info(ctx, "Hoko API lookup after an unknown outcome", map[string]any{
		"adopted": adopted, "to_send_again": len(still),
	})
	return still, createsAdopted, nil
}

// fulfils reports whether col already is what item asks for: the same name
// and description for a create; for an update, every field the item sends.
// An update whose target already matches needs no write, so adopting it is
// as good as sending it again.
func fulfils(col Collection, item UpsertItem) bool {
	name, hasName := item.Name.Get()
	switch {
	case hasName && col.Name != name, item.Name.IsNull(), item.IsCreate() && !hasName:
		return false
	}
	switch desc, ok := item.Description.Get(); {
	case ok:
		return col.Description != nil && *col.Description == desc
	case item.Description.IsNull(), item.IsCreate():
		// A create without a description leaves it unset.
		return col.Description == nil
	}
	return true
}

// settleAfterStop runs when the caller stopped waiting (Ctrl-C, a resource
// timeout) while a create's outcome was unknown. One short lookup, on a
// context that outlives the caller's but has its own small deadline, finds
// out whether the write happened: if it did, the collections are returned as
// if nothing had gone wrong, so Terraform records them instead of leaving
// them behind. Otherwise the caller's error is returned.
func (c *Client) settleAfterStop(ctx context.Context, items []UpsertItem, pending []int, result []Collection, cause error) ([]Collection, error) {
	lookupCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	c.log.Info(ctx, "Hoko API request stopped while a create's outcome was unknown; checking once whether it was applied", map[string]any{
		"items": len(pending),
	})
	still, createsAdopted, err := c.adoptWritten(lookupCtx, items, pending, result)
	switch {
	case err == nil && len(still) == 0:
		return result, nil
	case err == nil && createsAdopted == 0:
		return nil, fmt.Errorf("%s %s: stopped before the collections were created (a lookup found none of them): %w",
			http.MethodPut, collectionsPath, context.Cause(ctx))
	}
	return nil, fmt.Errorf("%s %s: stopped while the outcome was unknown: %w (%w); last error: %v",
		http.MethodPut, collectionsPath, context.Cause(ctx), ErrOutcomeUnknown, cause)
}
