// Package hoko is a client for the Hoko API: collections, tags, partners
// and links.
//
// It speaks Hoko, not Terraform: it has no Terraform imports, so it can be
// used and tested on its own. Every kind is described once (kindSpec, in
// collection.go, tag.go, partner.go, link.go) and served by one generic
// implementation, Objects, reached through Client.Collections, Tags,
// Partners and Links. Every request goes through one send path
// (Client.send), which is where authentication, logging, size limits, error
// decoding and retries live (retry.go, pacer.go); UpsertAll settles creates
// whose answer was lost (upsert_safety.go), answers are matched to what was
// sent (answer.go), listings are bounded (listing.go), and single-item calls
// are coalesced into bulk requests per kind (batch*.go).
package hoko
