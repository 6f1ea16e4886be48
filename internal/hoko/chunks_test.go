package hoko_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// TestUpsertAll_SplitsAtMaxBatchSizeAndReportsWhatWasWritten pins the bulk
// path a set resource relies on: requests of at most MaxBatchSize items,
// results in item order, and when one request is refused the objects of the
// others are still returned, so none of them is left out of the state.
func TestUpsertAll_SplitsAtMaxBatchSizeAndReportsWhatWasWritten(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(_ *scripted, w http.ResponseWriter, r *http.Request, _ int) bool {
		if r.Method == http.MethodPut && containsName(r, "bulk-5") {
			failWith(w, http.StatusBadRequest)
			return true
		}
		return false
	})
	items := creates("bulk", 7)
	got, err := s.client(t, hoko.Config{MaxBatchSize: 3}).Collections().UpsertAll(context.Background(), items)
	if hoko.StatusCode(err) != http.StatusBadRequest {
		t.Fatalf("err = %v, want the refused request's 400", err)
	}
	if len(got) != len(items) {
		t.Fatalf("got %d results for %d items", len(got), len(items))
	}
	for i, col := range got {
		name, _ := items[i].Name.Get()
		refused := i >= 3 && i < 6
		live, ok := s.mock.CollectionByName(name)
		switch {
		case refused && (col.ID != "" || ok):
			t.Fatalf("%s: got %+v, mock has it: %v; want neither", name, col, ok)
		case !refused && (!ok || live.ID != col.ID):
			t.Fatalf("%s: got %+v, mock holds %+v", name, col, live)
		}
	}
	if puts := s.count(http.MethodPut); puts != 3 {
		t.Fatalf("%d PUTs, want 3 of at most 3 items", puts)
	}
}

func TestDeleteAll_SplitsAtMaxBatchSize(t *testing.T) {
	t.Parallel()
	s := newScripted(t, nil)
	seeded := s.mock.SeedN(5, "del")
	ids := make([]string, len(seeded))
	for i, col := range seeded {
		ids[i] = col.ID
	}
	if err := s.client(t, hoko.Config{MaxBatchSize: 2}).Collections().DeleteAll(context.Background(), ids); err != nil {
		t.Fatal(err)
	}
	if n := len(s.mock.Collections()); n != 1 {
		t.Fatalf("mock holds %d collections, want only Links", n)
	}
	if dels := s.count(http.MethodDelete); dels != 3 {
		t.Fatalf("%d DELETEs, want 3 of at most 2 ids", dels)
	}
}

// containsName reports whether a PUT body names name, leaving the body
// readable for the mock.
func containsName(r *http.Request, name string) bool {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return bytes.Contains(body, []byte(`"`+name+`"`))
}
