// Package hokotest is an in-memory mock of the Hoko Collections API
// (/api/collections), written from the project's API contract
// (hoko-api.md) alone.
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
//	key := srv.NewKey(hokotest.ScopeRead, hokotest.ScopeWrite)
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
//  7. validation and the write itself, all-or-nothing under one lock;
//  8. injected faults that strike after a successful write (502, drop),
//     which model a response lost on its way back to the client.
//
// Two debug endpoints under /_mock/ need no key and are not recorded:
// GET /_mock/stats returns the Stats as JSON and GET /_mock/collections the
// live collections in the API's wire format. They let a person or a
// benchmark running in another process look inside the mock.
package hokotest
