package hoko_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// These tests pin what a lost create may adopt (issue 13 item 1 and the
// safe creates of issue 9): only objects the request could have written,
// for kinds with and without a unique key and with and without timestamps.

// hourLater moves the mock's clock an hour ahead, so the objects already
// there look an hour old, as on a server where time has passed.
func hourLater(mock *hokotest.Server) {
	mock.SetClock(func() time.Time { return time.Now().Add(time.Hour) })
}

// failPUTs answers every PUT with a 503 before anything is written.
func failPUTs(_ *scripted, w http.ResponseWriter, r *http.Request, _ int) bool {
	if r.Method != http.MethodPut {
		return false
	}
	failWith(w, http.StatusServiceUnavailable)
	return true
}

// TestUpsertCollections_LostCreateNeverAdoptsAnOlderLookalike: someone
// else's "Docs" exists; our create of "Docs" is answered 503 and nothing is
// written. Before, the lookup adopted their collection (and destroy then
// deleted it); now the re-send meets the taken name and that is the answer.
func TestUpsertCollections_LostCreateNeverAdoptsAnOlderLookalike(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
		return n == 1 && failPUTs(s, w, r, n)
	})
	theirs := s.mock.Seed("Docs", nil)
	hourLater(s.mock)
	got, err := s.client(t, hoko.Config{MaxRetries: 3}).Collections().UpsertAll(context.Background(),
		[]hoko.CollectionItem{{Name: hoko.Value("Docs")}})
	if hoko.StatusCode(err) != http.StatusBadRequest {
		t.Fatalf("got %+v, %v; want the 400 for the taken name, never their collection %s", got, err, theirs.ID)
	}
}

// TestUpsertCollections_TimeoutOnASlow400NeverAdoptsAnOlderLookalike is
// item 1 with a request timeout shorter than a slow 400: every attempt's
// outcome is unknown, and still their collection is never taken.
func TestUpsertCollections_TimeoutOnASlow400NeverAdoptsAnOlderLookalike(t *testing.T) {
	t.Parallel()
	s := newScripted(t, nil)
	theirs := s.mock.Seed("Docs", nil)
	hourLater(s.mock)
	s.mock.SetQuirks(hokotest.Quirks{Slow400: 2 * time.Second})
	got, err := s.client(t, hoko.Config{MaxRetries: 2, RequestTimeout: 100 * time.Millisecond}).Collections().UpsertAll(
		context.Background(), []hoko.CollectionItem{{Name: hoko.Value("Docs")}})
	if err == nil || got != nil {
		t.Fatalf("got %+v, want an error and never their collection %s", got, theirs.ID)
	}
	if !errors.Is(err, hoko.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want an unknown outcome (every answer timed out)", err)
	}
}

// TestUpsertTags_LostCreateNeverAdoptsATagThatWasThere: tags have no
// timestamps, so what was there is known from a listing just before the
// create. Their tag "Docs" is never adopted; our lost tag is.
func TestUpsertTags_LostCreateNeverAdoptsATagThatWasThere(t *testing.T) {
	t.Parallel()
	t.Run("theirs", func(t *testing.T) {
		t.Parallel()
		s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
			return n == 1 && failPUTs(s, w, r, n)
		})
		theirs := s.mock.SeedTag("Docs", "slate")
		got, err := s.client(t, hoko.Config{MaxRetries: 3}).Tags().UpsertAll(context.Background(),
			[]hoko.TagItem{{Name: hoko.Value("Docs")}})
		if hoko.StatusCode(err) != http.StatusBadRequest {
			t.Fatalf("got %+v, %v; want the 400 for the taken name, never their tag %s", got, err, theirs.ID)
		}
	})
	t.Run("ours", func(t *testing.T) {
		t.Parallel()
		s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
			if r.Method == http.MethodPut && n == 1 {
				s.lostAfterWrite(w, r, true)
				return true
			}
			return false
		})
		got, err := s.client(t, hoko.Config{MaxRetries: 3}).Tags().UpsertAll(context.Background(),
			[]hoko.TagItem{{Name: hoko.Value("Ours"), Color: hoko.Value("red")}})
		if err != nil {
			t.Fatal(err)
		}
		live, ok := s.mock.TagByName("Ours")
		if !ok || got[0].ID != live.ID || len(s.mock.Tags()) != 1 {
			t.Fatalf("client returned %+v, mock holds %+v", got, s.mock.Tags())
		}
		if puts := s.count(http.MethodPut); puts != 1 {
			t.Fatalf("%d PUTs, want 1: the lost tag is adopted, not sent again", puts)
		}
	})
}

// TestUpsertPartners_IdenticalLostCreatesEachGetTheirOwn: partners may share
// every field. Three identical creates whose answer was lost are adopted as
// three distinct partners, and an older identical partner (someone else's)
// is never one of them; nothing is duplicated.
func TestUpsertPartners_IdenticalLostCreatesEachGetTheirOwn(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
		if r.Method == http.MethodPut && n == 1 {
			s.lostAfterWrite(w, r, false)
			return true
		}
		return false
	})
	email := "a@example.com"
	theirs := s.mock.SeedPartner("Acme", &email, nil)
	hourLater(s.mock)
	item := hoko.PartnerItem{Name: hoko.Value("Acme"), Email: hoko.Value(email)}
	got, err := s.client(t, hoko.Config{MaxRetries: 3}).Partners().UpsertAll(context.Background(),
		[]hoko.PartnerItem{item, item, item})
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{got[0].ID, got[1].ID, got[2].ID}
	slices.Sort(ids)
	if len(slices.Compact(ids)) != 3 || slices.Contains(ids, theirs.ID) {
		t.Fatalf("adopted %q; want three distinct partners, none of them theirs (%s)", ids, theirs.ID)
	}
	if n := len(s.mock.Partners()); n != 4 {
		t.Fatalf("mock holds %d partners, want theirs and our three", n)
	}
	if puts := s.count(http.MethodPut); puts != 1 {
		t.Fatalf("%d PUTs, want 1", puts)
	}
}

// TestUpsertPartners_LostCreateAfterAnEarlierOneIsNotTakenForIt: a second
// lost create of a partner identical to one this client created a moment
// before must not adopt that one (it belongs to another resource).
func TestUpsertPartners_LostCreateAfterAnEarlierOneIsNotTakenForIt(t *testing.T) {
	t.Parallel()
	s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
		return n == 2 && failPUTs(s, w, r, n)
	})
	client := s.client(t, hoko.Config{MaxRetries: 3})
	item := []hoko.PartnerItem{{Name: hoko.Value("Twin")}}
	first, err := client.Partners().UpsertAll(context.Background(), item)
	if err != nil {
		t.Fatal(err)
	}
	second, err := client.Partners().UpsertAll(context.Background(), item)
	if err != nil {
		t.Fatal(err)
	}
	if first[0].ID == second[0].ID || len(s.mock.Partners()) != 2 {
		t.Fatalf("first %s, second %s, mock holds %d; want two partners", first[0].ID, second[0].ID, len(s.mock.Partners()))
	}
}

// TestUpsertPartners_LookupsAtOnceNeverAdoptTheSamePartner: ten callers
// each create an identical partner at the same time (coalescing off: one
// request each), every answer is lost, and every lookup lists before any
// adopts. Each must get a partner of its own; before, two callers whose
// lookups matched before either recorded its adoption took the same one.
func TestUpsertPartners_LookupsAtOnceNeverAdoptTheSamePartner(t *testing.T) {
	t.Parallel()
	const callers = 10
	allListing := make(chan struct{})
	s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
		switch {
		case r.Method == http.MethodPut && n <= callers:
			s.lostAfterWrite(w, r, false)
			return true
		case r.Method == http.MethodGet && n == callers:
			close(allListing)
		case r.Method == http.MethodGet && n < callers:
			select {
			case <-allListing:
			case <-time.After(5 * time.Second):
				t.Error("not every lookup came")
			}
		}
		return false
	})
	client := s.client(t, hoko.Config{MaxRetries: 3, DisableBatching: true})
	item := []hoko.PartnerItem{{Name: hoko.Value("Twin")}}
	got := make(chan string, callers)
	for range callers {
		go createPartner(t, client, item, got)
	}
	var ids []string
	for range callers {
		ids = append(ids, <-got)
	}
	slices.Sort(ids)
	if len(slices.Compact(ids)) != callers || len(s.mock.Partners()) != callers {
		t.Fatalf("the callers adopted %q, the mock holds %d; want %d partners, one each", ids, len(s.mock.Partners()), callers)
	}
	if puts := s.count(http.MethodPut); puts != callers {
		t.Fatalf("%d PUTs, want %d (nothing sent again)", puts, callers)
	}
}

// TestUpsertPartners_LookupNeverTakesWhatACreateInFlightWrote: caller A's
// create fails before anything is written; caller B's identical create is
// written while A waits, and B's answer is still on its way when A's
// lookup lists. A must not adopt B's partner (B's answer would then be
// refused, and B's lookup would find nothing of its own): A's lookup waits
// for B's answer, finds nothing of A's and sends A's create again.
func TestUpsertPartners_LookupNeverTakesWhatACreateInFlightWrote(t *testing.T) {
	t.Parallel()
	aSent, bWritten, releaseB := make(chan struct{}), make(chan struct{}), make(chan struct{})
	var release sync.Once
	letBAnswer := func() { release.Do(func() { close(releaseB) }) }
	var bAnswer []byte
	s := newScripted(t, func(s *scripted, w http.ResponseWriter, r *http.Request, n int) bool {
		switch {
		case r.Method == http.MethodPut && n == 1: // A: refused unwritten, once B has written
			close(aSent)
			<-bWritten
			failWith(w, http.StatusBadGateway)
			return true
		case r.Method == http.MethodPut && n == 2: // B: written, answer held back
			rec := httptest.NewRecorder()
			s.mock.ServeHTTP(rec, r)
			bAnswer = rec.Body.Bytes()
			close(bWritten)
			<-releaseB
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(rec.Code)
			_, _ = w.Write(bAnswer)
			return true
		case r.Method == http.MethodGet && n == 1: // A's lookup
			s.mock.ServeHTTP(w, r)
			// Without the wait, A claims the moment this listing is read
			// and its log releases B at once; with it, B is let go here.
			time.AfterFunc(300*time.Millisecond, letBAnswer)
			return true
		}
		return false
	})
	log := &infoLog{onInfo: func(msg string) {
		if strings.Contains(msg, "lookup after an unknown outcome") {
			letBAnswer()
		}
	}}
	client := s.client(t, hoko.Config{MaxRetries: 3, DisableBatching: true, Logger: log})
	item := []hoko.PartnerItem{{Name: hoko.Value("Twin")}}
	aGot, bGot := make(chan string, 1), make(chan string, 1)
	go createPartner(t, client, item, aGot)
	<-aSent
	go createPartner(t, client, item, bGot)
	a, b := <-aGot, <-bGot
	if t.Failed() {
		return
	}
	var answered []hoko.Partner
	if err := json.Unmarshal(bAnswer, &answered); err != nil || len(answered) != 1 {
		t.Fatalf("B's answer %s: %v", bAnswer, err)
	}
	if b != answered[0].ID || a == b || len(s.mock.Partners()) != 2 {
		t.Fatalf("A got %s, B got %s (B's answer named %s), mock holds %d; want B's own partner for B and a new one for A",
			a, b, answered[0].ID, len(s.mock.Partners()))
	}
	if puts := s.count(http.MethodPut); puts != 3 {
		t.Fatalf("%d PUTs, want 3: A's, B's and A's again", puts)
	}
}

// createPartner writes item as one caller of client and sends the id it
// got to got, or "" after reporting the error.
func createPartner(t *testing.T, client *hoko.Client, item []hoko.PartnerItem, got chan<- string) {
	written, err := client.Partners().UpsertAll(context.Background(), item)
	if err != nil {
		t.Error(err)
		got <- ""
		return
	}
	got <- written[0].ID
}
