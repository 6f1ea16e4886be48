package hoko_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// pageSize is the API's largest page and write: 10,000 collections.
const pageSize = hoko.MaxItemsPerRequest

// benchPage returns a full page as the mock serves it: 10,000 collections
// with descriptions, encoded by the mock's own encoder.
func benchPage(b *testing.B) []byte {
	b.Helper()
	srv := hokotest.NewServer()
	for _, c := range srv.SeedN(pageSize-1, "bench") {
		srv.SetDescription(c.ID, new("a description of "+c.Name))
	}
	return hoko.MockAnswer(b, srv, hokotest.ScopeRead, fmt.Sprintf("/api/collections?take=%d", pageSize))
}

// benchItems returns a full write: 10,000 upsert items with descriptions.
func benchItems() []hoko.CollectionItem {
	items := make([]hoko.CollectionItem, pageSize)
	for i := range items {
		items[i] = hoko.CollectionItem{Name: hoko.Value(fmt.Sprintf("bench-%05d", i)), Description: hoko.Value(fmt.Sprintf("a description of bench-%05d", i))}
	}
	return items
}

// updatesOf returns an update of every collection of page that sends what
// the collection holds, so that page is the answer to it.
func updatesOf(b *testing.B, page []byte) []hoko.CollectionItem {
	b.Helper()
	var cols []hoko.Collection
	if err := json.Unmarshal(page, &cols); err != nil {
		b.Fatal(err)
	}
	items := make([]hoko.CollectionItem, len(cols))
	for i, c := range cols {
		items[i] = hoko.CollectionItem{ID: c.ID, Name: hoko.Value(c.Name), Description: hoko.Null[string]()}
		if c.Description != nil {
			items[i].Description = hoko.Value(*c.Description)
		}
	}
	return items
}

// cannedClient returns a client whose every request is answered with body,
// straight from memory, so a benchmark measures the client and not a server.
func cannedClient(b *testing.B, body []byte) *hoko.Client {
	b.Helper()
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
	client, err := hoko.New(hoko.Config{Endpoint: "http://127.0.0.1", APIKey: "k", HTTPClient: &http.Client{Transport: memTransport{handler}}})
	if err != nil {
		b.Fatal(err)
	}
	return client
}

func BenchmarkDecodeCollectionPage(b *testing.B) {
	page := benchPage(b)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		var cols []hoko.Collection
		if err := json.Unmarshal(page, &cols); err != nil || len(cols) != pageSize {
			b.Fatalf("decoded %d collections: %v", len(cols), err)
		}
	}
}

func BenchmarkEncodeUpsertPage(b *testing.B) {
	items := benchItems()
	for b.Loop() {
		body, err := json.Marshal(items)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(body)))
	}
}

func BenchmarkListCollectionsPage(b *testing.B) {
	page := benchPage(b)
	client := cannedClient(b, page)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		cols, err := client.Collections().List(b.Context(), hoko.ListOptions{Take: pageSize})
		if err != nil || len(cols) != pageSize {
			b.Fatalf("listed %d collections: %v", len(cols), err)
		}
	}
}

// BenchmarkUpsertCollectionsPage writes a full page of updates, answered
// with the page itself: the client's whole path for 10,000 items (encoding,
// the request, decoding, and matching every answer to its item by id).
// Updates, not creates, so that the same canned answer is a true answer in
// every iteration: creates are matched to objects new to the client, and
// the canned page's would be new only once.
func BenchmarkUpsertCollectionsPage(b *testing.B) {
	page := benchPage(b)
	client := cannedClient(b, page)
	items := updatesOf(b, page)
	for b.Loop() {
		written, err := client.Collections().UpsertAll(b.Context(), items)
		if err != nil || len(written) != pageSize {
			b.Fatalf("wrote %d collections: %v", len(written), err)
		}
	}
}
