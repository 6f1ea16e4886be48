package hoko_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// TestUpsertCollection_CancelWhileWriteInFlightIsNotLost presses Ctrl-C
// while a coalesced create is on its way and the server has already written
// it. The caller must get the collection (the send path settles the unknown
// outcome with one lookup), never an error while the collection exists:
// Terraform would leave it out of the state, and the next apply would fail
// with "name already taken".
func TestUpsertCollection_CancelWhileWriteInFlightIsNotLost(t *testing.T) {
	t.Parallel()
	for _, batching := range []bool{true, false} {
		name := map[bool]string{true: "coalesced", false: "not coalesced"}[batching]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			s := newScripted(t, func(s *scripted, _ http.ResponseWriter, r *http.Request, n int) bool {
				if r.Method != http.MethodPut || n != 1 {
					return false
				}
				s.applyQuietly(r)
				cancel()
				<-r.Context().Done()
				return true
			})
			client := s.client(t, hoko.Config{MaxRetries: 5, DisableBatching: !batching})
			done := make(chan struct{})
			var got hoko.Collection
			var err error
			go func() {
				defer close(done)
				got, err = client.Collections().Upsert(ctx, hoko.CollectionItem{Name: hoko.Value("In Flight")})
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("UpsertCollection did not return after the context was cancelled")
			}
			held, onMock := s.mock.CollectionByName("In Flight")
			switch {
			case !onMock:
				t.Fatal("the scripted server did not write the collection; the test proves nothing")
			case err != nil:
				t.Fatalf("err = %v while the collection %s exists: it would be left out of the state", err, held.ID)
			case got.ID != held.ID:
				t.Fatalf("got %+v, mock holds %+v", got, held)
			}
		})
	}
}
