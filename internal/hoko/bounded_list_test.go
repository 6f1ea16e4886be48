package hoko

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// TestBoundedList_RefusesBeforeAllocating checks that an array of more
// elements than any answer holds is refused at the cost of its bytes, not
// of the objects it would become: a million empty objects are 3 MB of JSON
// and over 200 MB of links.
func TestBoundedList_RefusesBeforeAllocating(t *testing.T) {
	// Not parallel: the allocation count is the whole process's.
	const n = 1_000_000
	body := []byte("[" + strings.Repeat("{},", n-1) + "{}]")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var list boundedList[Link]
	err := json.Unmarshal(body, &list)
	runtime.ReadMemStats(&after)
	if want := fmt.Sprintf("an array of %d elements, more than the %d", n, MaxItemsPerRequest); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want it to say %q", err, want)
	}
	if list != nil {
		t.Errorf("refused, yet it holds %d links", len(list))
	}
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 16<<20 {
		t.Errorf("refusing %d empty links allocated %d MiB; a bound that allocates first would take over %d MiB",
			n, allocated>>20, n*int(unsafe.Sizeof(Link{}))>>20)
	}
}

// TestBoundedList_TakesAFullAnswerInRoomForIt checks the largest answer
// the API gives, and that a bad one is still a decoding error.
func TestBoundedList_TakesAFullAnswerInRoomForIt(t *testing.T) {
	t.Parallel()
	body := "[" + strings.Repeat(`{"id":"x"},`, MaxItemsPerRequest-1) + `{"id":"x"}]`
	var list boundedList[Link]
	if err := json.Unmarshal([]byte(body), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != MaxItemsPerRequest || cap(list) != MaxItemsPerRequest || list[0].ID != "x" {
		t.Errorf("%d links in room for %d, want %d in room for as many", len(list), cap(list), MaxItemsPerRequest)
	}
	for _, bad := range []string{`{"id":"x"}`, `[1]`, `[{"id":5}]`} {
		var list boundedList[Link]
		if err := json.Unmarshal([]byte(bad), &list); err == nil {
			t.Errorf("%s decoded as %v, want an error", bad, list)
		}
	}
}
