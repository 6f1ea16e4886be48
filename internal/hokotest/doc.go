// Package hokotest is an in-memory mock of the Hoko API — collections
// (/api/collections), tags (/api/tags), partners (/api/partners) and links
// (/api/links) — written from the project's API contract (hoko-api.md,
// Parts I and II) alone.
//
// It deliberately shares no types with the API client (internal/hoko) or the
// provider (internal/provider): if the client gets the wire format wrong, the
// mock must disagree with it instead of agreeing through a shared struct.
//
// A Server is an http.Handler. Tests usually wrap it in an httptest.Server:
//
//	srv := hokotest.NewServer()
//	ts := httptest.NewServer(srv)
//	defer ts.Close()
//	key := srv.NewKey(hokotest.AllScopes()...)
//
// # One store, kinds described once
//
// Every kind is one description (its path, scopes, string members with their
// rules, and a few switches: timestamps, soft or permanent delete, order,
// utm, short links, GET filters). One store, one validator, one encoder and
// one set of handlers serve all four from those descriptions, so every knob
// below works for every kind. Kind names a kind (KindCollection, KindTag,
// KindPartner, KindLink); Kind.Path, Kind.ReadScope and Kind.WriteScope
// give what the contract says about it.
//
// # Decisions where the contract leaves a choice (sections 9 and 14)
//
//   - Scopes: collectionsRead/Write, tagsRead/Write, partnersRead/Write,
//     linksRead/Write. Partner writes need partnersWrite; linksWrite is not
//     enough, although some of Hoko's pages name it.
//   - Status codes: POST 201, GET, PUT and DELETE 200. GET ?id= of an
//     unknown or deleted id answers 200 []. DELETE of an unknown, malformed,
//     repeated or already-deleted id fails the whole request with 400.
//   - Writes are all-or-nothing: any bad item fails the whole request with
//     400 and writes nothing. Answers are in input order. Unique values are
//     judged as if items were applied one after another, like a database
//     transaction with a unique index.
//   - Limits for every kind: 1 to 10,000 items per write and per take;
//     SetMaxItemsPerWrite lowers the write cap for all kinds; SetQuota (for
//     collections) and SetQuotaFor cap the live objects of a kind.
//   - Order: by createdAt, newest first unless sort=asc, creation sequence
//     breaking ties; tags by id, lexicographically.
//   - Collections: name 1–32 characters, unique among live collections;
//     description optional, null clears it. A new workspace holds only the
//     collection Links.
//   - Tags: name 1–50 characters, unique; color one of TagColors, slate
//     when left out on create, never null. No timestamps. Deletion is
//     permanent: a deleted tag's id is then unknown, not "deleted".
//   - Partners: name 1–100 characters, not unique; email with exactly one
//     @, text on both sides and no white space; phone any string; null
//     clears email and phone ("" is an invalid email, not a clear).
//   - Links: url and image absolute http or https URLs with a host, at most
//     2,048 characters; collectionId must be a live collection and partnerId
//     a live partner when sent (400 otherwise), but deleting a collection or
//     partner leaves its links pointing at it. externalId is unique among
//     live links and free again once its link is deleted. utm is merged key
//     by key: {"source": null} clears one key, "utm": null clears all, an
//     unknown key or a non-string value is 400. The server assigns a 7
//     character shortId that never changes, with shortUrl
//     https://hoko.to/<shortId> and qrCodeUrl https://hoko.to/<shortId>?qr=1.
//     GET filters externalId, tenantId and partnerId combine with AND (and
//     with id); an unset member matches no filter.
//   - Representation: unset optional members are null, a utm with no key
//     set is null, a utm with some keys set lists all six keys. Timestamps
//     are RFC 3339 UTC with milliseconds; updatedAt moves on every write.
//     Unknown request members and query parameters are ignored.
//
// # The request pipeline
//
// Every request to the API goes through the same pipeline, in this order,
// so that tests can reason about what a refused request did and did not do:
//
//  1. recording (method, path, query, headers and body; see SetRecordBodies),
//     so a test can see what the client sent even when it was refused;
//  2. the configured latency, abandoned when the client gives up;
//  3. the rate limiter (429), which counts every API request like a gateway;
//  4. routing: unknown paths are 404, other methods 405;
//  5. injected faults that strike before anything is applied (429, 500, drop);
//  6. authentication (401) and scopes (403), before any validation;
//  7. with Quirks.CommitLate, a 503 for writes, carried out later;
//  8. validation and the write itself, all-or-nothing under one lock;
//  9. injected faults that strike after a successful write (502, drop),
//     which model a response lost on its way back to the client.
//
// Latency, the rate limit, faults (SetFaults, with a seed so runs repeat),
// the write cap and quirks are server-wide: they apply to every kind alike.
//
// # Misbehaving servers
//
// SetQuirks makes the mock break the contract as proxies, caches and broken
// deployments do (answers out of order or with wrong ids, a skip that is
// ignored, echoed headers, late commits, GET ?id= answered with another
// object, slow 400s, 429s without a wait hint), or choose another of the
// representations the contract tells clients to tolerate (utm as {},
// absent or an object of nulls; short link members absent; unset members
// absent). Every quirk is off in the zero Quirks, and Quirks.Kinds can
// limit them to some kinds.
//
// # Looking inside
//
// Out-of-band methods read and change the workspace the way a person in
// Hoko's web app would, without requests: typed readers (Collections, Tags,
// Partners, Links and the lookups beside them), seeding helpers per kind
// (Seed, SeedN, SeedTag, SeedTags, SeedPartner, SeedPartners, SeedLink,
// SeedLinks), and changes for any kind (SetField, SetUTM, Delete; Rename,
// SetDescription and SoftDelete for collections). Requests, RequestsFor,
// RequestsMatching and Stats (with ByKind) show what clients sent.
//
// Debug endpoints under /_mock/ need no key and are not recorded: GET
// /_mock/stats returns the Stats as JSON, and GET /_mock/collections,
// /_mock/tags, /_mock/partners and /_mock/links the live objects of a kind
// in the contract's representation, whatever the quirks. They let a person
// or a benchmark running in another process look inside the mock.
package hokotest
