package hoko

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// cannedTransport answers every request with one body from memory, so a
// benchmark measures the client alone.
type cannedTransport []byte

func (body cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)), Request: req,
	}, nil
}

// cannedLinks returns a client whose every request is answered with the
// mock's listing of n links, and the listing's size in bytes.
func cannedLinks(tb testing.TB, n int) (*Client, int) {
	tb.Helper()
	srv := hokotest.NewServer()
	col := srv.Seed("links", nil)
	srv.SeedLinks(n, col.ID, "bench")
	page := MockAnswer(tb, srv, hokotest.ScopeLinksRead, fmt.Sprintf("/api/links?sort=asc&take=%d", MaxItemsPerRequest))
	client, err := New(Config{Endpoint: "http://127.0.0.1", APIKey: "k", HTTPClient: &http.Client{Transport: cannedTransport(page)}})
	if err != nil {
		tb.Fatal(err)
	}
	return client, len(page)
}

// TestSnapshot_ReadLetsGoOfWhatItTook checks that a read answered from a
// listing leaves nothing of the object in the snapshot: entries point into
// the listing's page, and the page lives as long as the snapshot.
func TestSnapshot_ReadLetsGoOfWhatItTook(t *testing.T) {
	t.Parallel()
	client, _ := cannedLinks(t, 3)
	links := client.Links()
	s, err := links.listSnapshot(t.Context(), 1)
	if err != nil {
		t.Fatal(err)
	}
	r := newReadCoalescer("link", links.fetch, links.listSnapshot)
	r.snap = s
	for id, slot := range s.byID {
		obj, found, ok := r.takeLocked(id)
		if !ok || !found || obj.ID != id || obj.URL == "" {
			t.Fatalf("read of %s from the snapshot: %+v, found %v, answered %v", id, obj, found, ok)
		}
		if *slot != (Link{}) {
			t.Errorf("after its read, the snapshot still holds link %s: %+v", id, *slot)
		}
		if _, found, ok := r.takeLocked(id); ok || found {
			t.Errorf("a second read of %s was answered from the snapshot (found %v)", id, found)
		}
	}
}

// BenchmarkListSnapshot5000Links is the refresh of 5,000 links: the one
// listing that answers their reads, started by the 10 reads Terraform runs
// at a time. What it allocates is garbage the
// provider's collector must absorb at the busiest moment of a plan, on top
// of what Terraform's framework holds, so its bytes per op are the
// provider's own share of the plan's peak memory.
func BenchmarkListSnapshot5000Links(b *testing.B) {
	const n = 5000
	client, size := cannedLinks(b, n)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		s, err := client.Links().listSnapshot(b.Context(), 10)
		if err != nil {
			b.Fatal(err)
		}
		if len(s.byID) != n || !s.whole {
			b.Fatalf("snapshot of %d links (whole %v), want all %d", len(s.byID), s.whole, n)
		}
	}
}

// TestList_DecodesAPageIntoRoomForItsObjects checks that a page is
// decoded into a slice of exactly its length, not one grown by doubling
// (room for 4 when 3 came), and that a page that is not an array of objects
// is still refused with the type that was expected.
func TestList_DecodesAPageIntoRoomForItsObjects(t *testing.T) {
	t.Parallel()
	client, _ := cannedLinks(t, 3)
	page, err := client.Links().List(t.Context(), ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 3 || cap(page) != 3 {
		t.Errorf("page of %d links in room for %d, want 3 in room for 3", len(page), cap(page))
	}
	for _, body := range []string{`{"id":"x"}`, `[1]`, `[{"id":"x"},`} {
		client, err := New(Config{Endpoint: "http://127.0.0.1", APIKey: "k", HTTPClient: &http.Client{Transport: cannedTransport(body)}})
		if err != nil {
			t.Fatal(err)
		}
		page, err := client.Links().List(t.Context(), ListOptions{})
		if err == nil || !strings.Contains(err.Error(), "not the expected JSON") {
			t.Errorf("answer %s: %v, %v; want it refused as not the expected JSON", body, page, err)
		}
	}
}
