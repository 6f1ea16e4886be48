package hokotest

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

func TestConcurrency_ParallelWritersAndReaders(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const writers, perWriter = 8, 20
	var wg sync.WaitGroup
	errs := make(chan error, writers*perWriter+writers)
	for w := range writers {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				r, err := f.request("PUT", "/api/collections", f.key, fmt.Sprintf(`[{"name":"w%d-%d"}]`, w, i))
				if err != nil {
					errs <- err
				} else if r.status != http.StatusOK {
					errs <- fmt.Errorf("PUT w%d-%d: %d %s", w, i, r.status, r.body)
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range perWriter / 2 {
				if r, err := f.request("GET", "/api/collections?take=100", f.key, ""); err != nil {
					errs <- err
				} else if r.status != http.StatusOK {
					errs <- fmt.Errorf("GET: %d %s", r.status, r.body)
				}
				_ = f.srv.Collections()
				_ = f.srv.Stats()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got, want := len(f.srv.Collections()), 1+writers*perWriter; got != want {
		t.Fatalf("holds %d collections, want exactly %d", got, want)
	}
	if st := f.srv.Stats(); st.ByMethod["PUT"] != writers*perWriter {
		t.Fatalf("counted %d PUTs, want %d", st.ByMethod["PUT"], writers*perWriter)
	}
}

func TestConcurrency_OneWinnerPerName(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const racers = 12
	statuses := make(chan int, racers)
	var wg sync.WaitGroup
	for range racers {
		wg.Go(func() {
			r, err := f.request("POST", "/api/collections", f.key, `[{"name":"contested"}]`)
			if err != nil {
				t.Error(err)
			}
			statuses <- r.status
		})
	}
	wg.Wait()
	close(statuses)
	counts := map[int]int{}
	for s := range statuses {
		counts[s]++
	}
	if counts[http.StatusCreated] != 1 || counts[http.StatusBadRequest] != racers-1 {
		t.Fatalf("statuses %v, want one 201 and %d 400s", counts, racers-1)
	}
}
