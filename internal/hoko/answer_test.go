package hoko_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// rewritePUT fronts the mock with a hook that lets it apply every PUT and
// answers with what rewrite makes of the mock's answer, as a proxy or a
// broken server that reorders or mangles items would.
func rewritePUT(t *testing.T, rewrite func([]map[string]any) []map[string]any) *scripted {
	t.Helper()
	return newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, _ int) bool {
		if r.Method != http.MethodPut {
			return false
		}
		rec := httptest.NewRecorder()
		s.mock.ServeHTTP(rec, r)
		var answer []map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
			t.Errorf("mock answer: %v", err)
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(rewrite(answer))
		return true
	})
}

// reversed answers the items in reverse order.
func reversed(answer []map[string]any) []map[string]any {
	slices.Reverse(answer)
	return answer
}

func TestUpsertCollections_ReorderedUpdateAnswerIsMatchedByID(t *testing.T) {
	t.Parallel()
	s := rewritePUT(t, reversed)
	seeded := s.mock.SeedN(5, "r")
	items := make([]hoko.CollectionItem, len(seeded))
	for i, col := range seeded {
		items[i] = hoko.CollectionItem{ID: col.ID, Name: hoko.Value(col.Name + "-renamed")}
	}
	got, err := s.client(t, hoko.Config{}).Collections().UpsertAll(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	for i, col := range got {
		if col.ID != seeded[i].ID || col.Name != seeded[i].Name+"-renamed" {
			t.Fatalf("item %d: got %s %q, want %s %q", i, col.ID, col.Name, seeded[i].ID, seeded[i].Name+"-renamed")
		}
	}
}

func TestUpsertCollections_ReorderedCreateAnswerIsMatchedByFields(t *testing.T) {
	t.Parallel()
	s := rewritePUT(t, reversed)
	items := creates("rev", 4)
	got, err := s.client(t, hoko.Config{}).Collections().UpsertAll(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	assertMatchesMock(t, s.mock, items, got)
	if puts := s.count(http.MethodPut); puts != 1 {
		t.Fatalf("%d PUTs, want 1", puts)
	}
}

// TestUpsertCollections_MangledCreateIDIsSettledByLookup covers answers
// whose id cannot be the created collection's: empty, missing, or that of a
// collection this client created before. Nothing of it may reach the caller; the lookup finds the
// collection the request wrote, and nothing is sent twice.
func TestUpsertCollections_MangledCreateIDIsSettledByLookup(t *testing.T) {
	t.Parallel()
	for name, mangle := range map[string]func(obj map[string]any, otherID string){
		"empty id":   func(obj map[string]any, _ string) { obj["id"] = "" },
		"missing id": func(obj map[string]any, _ string) { delete(obj, "id") },
		"other id":   func(obj map[string]any, otherID string) { obj["id"] = otherID },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var otherID string
			s := rewritePUT(t, func(answer []map[string]any) []map[string]any {
				mangle(answer[0], otherID)
				return answer
			})
			client := s.client(t, hoko.Config{MaxRetries: 3})
			first, err := client.Collections().UpsertAll(context.Background(), creates("first", 1))
			if err != nil || len(first) != 1 {
				t.Fatalf("first create: %+v, %v", first, err)
			}
			otherID = first[0].ID
			items := creates("mangled", 1)
			got, err := client.Collections().UpsertAll(context.Background(), items)
			if err != nil {
				t.Fatal(err)
			}
			live, ok := s.mock.CollectionByName("mangled-1")
			if !ok || got[0].ID != live.ID {
				t.Fatalf("client returned %+v, mock holds %+v", got[0], live)
			}
			if puts := s.count(http.MethodPut); puts != 2 {
				t.Fatalf("%d PUTs, want 2 (first, then mangled): the create must never be sent again", puts)
			}
		})
	}
}

func TestUpsertCollections_UnmatchableUpdateAnswerFailsClearly(t *testing.T) {
	t.Parallel()
	s := rewritePUT(t, func(answer []map[string]any) []map[string]any {
		answer[0]["id"] = ""
		return answer
	})
	col := s.mock.Seed("u", nil)
	_, err := s.client(t, hoko.Config{}).Collections().UpsertAll(context.Background(),
		[]hoko.CollectionItem{{ID: col.ID, Name: hoko.Value("u2")}})
	if err == nil || errors.Is(err, hoko.ErrOutcomeUnknown) || !strings.Contains(err.Error(), "does not match") {
		t.Fatalf("err = %v, want an error saying the answer does not match", err)
	}
}
