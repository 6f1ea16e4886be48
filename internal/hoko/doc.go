// Package hoko is a client for the Hoko Collections API.
//
// It speaks Hoko, not Terraform: it has no Terraform imports, so it can be
// used and tested on its own. Every request goes through one send path
// (Client.send), which is where authentication, logging, size limits, error
// decoding and retries live (retry.go, pacer.go); UpsertCollections settles
// creates whose answer was lost (upsert_safety.go).
package hoko
