package hokotest

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestSetClock_StampsObjectsAndTheDateHeader(t *testing.T) {
	t.Parallel()
	s := NewServer()
	key := s.NewKey(AllScopes()...)
	later := time.Now().Add(time.Hour)
	s.SetClock(func() time.Time { return later })
	col := s.Seed("Later", nil)
	if d := col.CreatedAt.Sub(later); d < -time.Millisecond || d > time.Millisecond {
		t.Fatalf("createdAt %s, want the clock's %s", col.CreatedAt, later)
	}
	r := httptest.NewRequest(http.MethodGet, "/api/collections", nil)
	r.Header.Set("Authorization", "Bearer "+key)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	date, err := http.ParseTime(w.Header().Get("Date"))
	if err != nil || date.Sub(later.Truncate(time.Second)).Abs() > time.Second {
		t.Fatalf("Date %q (%v), want about %s", w.Header().Get("Date"), err, later.UTC().Format(http.TimeFormat))
	}
	s.SetClock(nil)
	if got := s.dateNow(); time.Until(got).Abs() > time.Minute {
		t.Fatalf("after SetClock(nil) the clock reads %s", got)
	}
}
