package hoko_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// newMockClient starts a mock Hoko server and returns it with a client that
// holds a key with the given scopes (both scopes when none are given).
func newMockClient(t *testing.T, scopes ...string) (*hokotest.Server, *hoko.Client) {
	t.Helper()
	srv := hokotest.NewServer()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	if len(scopes) == 0 {
		scopes = []string{hokotest.ScopeRead, hokotest.ScopeWrite}
	}
	client, err := hoko.New(hoko.Config{Endpoint: ts.URL, APIKey: srv.NewKey(scopes...), UserAgent: "hoko-client-test"})
	if err != nil {
		t.Fatal(err)
	}
	return srv, client
}

func TestClient_CreateUpdateClearDelete(t *testing.T) {
	t.Parallel()
	srv, client := newMockClient(t)
	ctx := context.Background()

	created, err := client.Collections().UpsertAll(ctx, []hoko.CollectionItem{
		{Name: hoko.Value("First"), Description: hoko.Value("one")},
		{Name: hoko.Value("Second")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if created[0].Name != "First" || created[1].Name != "Second" || created[0].ID == "" || created[1].Description != nil {
		t.Fatalf("created = %+v, want First and Second in input order", created)
	}

	updated, err := client.Collections().UpsertAll(ctx, []hoko.CollectionItem{
		{ID: created[0].ID, Description: hoko.Null[string]()},
		{ID: created[1].ID, Name: hoko.Value("Second renamed"), Description: hoko.Value("")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if updated[0].Name != "First" || updated[0].Description != nil {
		t.Errorf("after clearing: %+v, want name kept and description nil", updated[0])
	}
	if updated[1].Name != "Second renamed" || updated[1].Description == nil || *updated[1].Description != "" {
		t.Errorf("after rename: %+v, want description \"\"", updated[1])
	}
	if !updated[0].CreatedAt.Equal(created[0].CreatedAt) || !updated[0].UpdatedAt.After(created[0].UpdatedAt) {
		t.Errorf("timestamps: created %v→%v, updated %v→%v", created[0].CreatedAt, updated[0].CreatedAt, created[0].UpdatedAt, updated[0].UpdatedAt)
	}
	if got, ok := srv.Collection(created[0].ID); !ok || got.Description != nil {
		t.Errorf("mock holds %+v, want the description cleared", got)
	}

	got, err := client.Collections().Get(ctx, created[1].ID)
	if err != nil || got.Name != "Second renamed" {
		t.Fatalf("GetCollection = %+v, %v", got, err)
	}

	if err := client.Collections().DeleteAll(ctx, []string{created[0].ID, created[1].ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Collections().Get(ctx, created[0].ID); !errors.Is(err, hoko.ErrNotFound) {
		t.Errorf("GetCollection after delete: %v, want ErrNotFound", err)
	}
	err = client.Collections().DeleteAll(ctx, []string{created[0].ID})
	if hoko.StatusCode(err) != http.StatusBadRequest {
		t.Errorf("deleting again: %v, want HTTP 400", err)
	}
}

func TestClient_Errors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("taken name is a 400 with the server's message", func(t *testing.T) {
		t.Parallel()
		_, client := newMockClient(t)
		_, err := client.Collections().UpsertAll(ctx, []hoko.CollectionItem{{Name: hoko.Value("Links")}})
		var apiErr *hoko.Error
		if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest || apiErr.Message == "" {
			t.Fatalf("err = %v, want a 400 with a message", err)
		}
	})
	t.Run("unknown id writes nothing", func(t *testing.T) {
		t.Parallel()
		srv, client := newMockClient(t)
		_, err := client.Collections().UpsertAll(ctx, []hoko.CollectionItem{
			{Name: hoko.Value("New")},
			{ID: "00000000-0000-4000-8000-000000000000", Name: hoko.Value("Ghost")},
		})
		if hoko.StatusCode(err) != http.StatusBadRequest {
			t.Fatalf("err = %v, want 400", err)
		}
		if _, ok := srv.CollectionByName("New"); ok {
			t.Error("the valid item of a failed batch was written")
		}
	})
	t.Run("wrong key is 401", func(t *testing.T) {
		t.Parallel()
		srv := hokotest.NewServer()
		ts := httptest.NewServer(srv)
		t.Cleanup(ts.Close)
		client, err := hoko.New(hoko.Config{Endpoint: ts.URL, APIKey: "wrong"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = client.Collections().List(ctx, hoko.ListOptions{})
		if hoko.StatusCode(err) != http.StatusUnauthorized {
			t.Fatalf("err = %v, want 401", err)
		}
	})
	t.Run("read-only key writing is 403 naming the scope", func(t *testing.T) {
		t.Parallel()
		_, client := newMockClient(t, hokotest.ScopeRead)
		_, err := client.Collections().UpsertAll(ctx, []hoko.CollectionItem{{Name: hoko.Value("Docs")}})
		var apiErr *hoko.Error
		if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusForbidden ||
			len(apiErr.MissingScopes) != 1 || apiErr.MissingScopes[0] != hokotest.ScopeWrite {
			t.Fatalf("err = %v, want 403 missing collectionsWrite", err)
		}
	})
	t.Run("write-only key reading is 403 naming the scope", func(t *testing.T) {
		t.Parallel()
		_, client := newMockClient(t, hokotest.ScopeWrite)
		_, err := client.Collections().List(ctx, hoko.ListOptions{})
		var apiErr *hoko.Error
		if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusForbidden ||
			len(apiErr.MissingScopes) != 1 || apiErr.MissingScopes[0] != hokotest.ScopeRead {
			t.Fatalf("err = %v, want 403 missing collectionsRead", err)
		}
	})
	t.Run("unknown endpoint is 404", func(t *testing.T) {
		t.Parallel()
		srv := hokotest.NewServer()
		ts := httptest.NewServer(srv)
		t.Cleanup(ts.Close)
		client, err := hoko.New(hoko.Config{Endpoint: ts.URL + "/v2", APIKey: srv.NewKey(hokotest.ScopeRead)})
		if err != nil {
			t.Fatal(err)
		}
		_, err = client.Collections().List(ctx, hoko.ListOptions{})
		if hoko.StatusCode(err) != http.StatusNotFound {
			t.Fatalf("err = %v, want 404", err)
		}
	})
	t.Run("bad paging parameter is 400", func(t *testing.T) {
		t.Parallel()
		_, client := newMockClient(t)
		_, err := client.Collections().List(ctx, hoko.ListOptions{Take: hoko.MaxItemsPerRequest + 1})
		if hoko.StatusCode(err) != http.StatusBadRequest {
			t.Fatalf("err = %v, want 400", err)
		}
	})
}

func TestClient_SendsBearerKeyAndUserAgent(t *testing.T) {
	t.Parallel()
	srv, client := newMockClient(t)
	if _, err := client.Collections().List(context.Background(), hoko.ListOptions{}); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("mock received %d requests, want 1", len(reqs))
	}
	auth := reqs[0].Header.Get("Authorization")
	if len(auth) < len("Bearer x") || auth[:7] != "Bearer " {
		t.Errorf("Authorization = %q, want a bearer token", auth)
	}
	if ua := reqs[0].Header.Get("User-Agent"); ua != "hoko-client-test" {
		t.Errorf("User-Agent = %q", ua)
	}
}

func TestClient_ListPagesAndSorts(t *testing.T) {
	t.Parallel()
	srv, client := newMockClient(t)
	srv.SeedN(5, "c")
	ctx := context.Background()

	page, err := client.Collections().List(ctx, hoko.ListOptions{Take: 2, Skip: 1, Sort: hoko.SortAsc})
	if err != nil {
		t.Fatal(err)
	}
	all := srv.Collections() // oldest first: Links, then the five seeded
	if len(page) != 2 || page[0].ID != all[1].ID || page[1].ID != all[2].ID {
		t.Fatalf("page = %v, want the 2nd and 3rd oldest", names(page))
	}
	desc, err := client.Collections().List(ctx, hoko.ListOptions{Sort: hoko.SortDesc})
	if err != nil {
		t.Fatal(err)
	}
	if len(desc) != 6 || desc[0].ID != all[5].ID {
		t.Fatalf("desc = %v, want newest first", names(desc))
	}
}

func TestClient_ListAllReadsEveryPage(t *testing.T) {
	t.Parallel()
	srv, client := newMockClient(t)
	srv.SeedN(hoko.MaxItemsPerRequest, "bulk") // with Links: one full page and one more item
	all, err := client.Collections().All(context.Background(), hoko.ListOptions{Sort: hoko.SortAsc})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != hoko.MaxItemsPerRequest+1 {
		t.Fatalf("got %d collections, want %d", len(all), hoko.MaxItemsPerRequest+1)
	}
	if gets := srv.RequestsMatching(http.MethodGet); len(gets) != 2 {
		t.Errorf("listing took %d GETs, want 2 pages", len(gets))
	}
	found, err := client.Collections().Holder(context.Background(), hoko.CollectionItem{Name: hoko.Value(all[len(all)-1].Name)})
	if err != nil || found.ID != all[len(all)-1].ID {
		t.Errorf("FindCollectionByName = %+v, %v", found, err)
	}
	if _, err := client.Collections().Holder(context.Background(), hoko.CollectionItem{Name: hoko.Value("absent")}); !errors.Is(err, hoko.ErrNotFound) {
		t.Errorf("FindCollectionByName(absent) = %v, want ErrNotFound", err)
	}
}

func names(cols []hoko.Collection) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = fmt.Sprintf("%s(%s)", c.Name, c.ID[:8])
	}
	return out
}

func TestClient_FaultAnswersWithoutRetries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cases := map[string]struct {
		faults     hokotest.Faults
		wantStatus int // 0: a transport error, no answer
	}{
		"rate limited":       {hokotest.Faults{Seed: 1, RateLimited: 1, RetryAfter: 1500 * time.Millisecond}, http.StatusTooManyRequests},
		"server error":       {hokotest.Faults{Seed: 1, FailBeforeWrite: 1}, http.StatusInternalServerError},
		"dropped connection": {hokotest.Faults{Seed: 1, DropBeforeWrite: 1}, 0},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, client := newMockClient(t)
			srv.SetFaults(tc.faults)
			_, err := client.Collections().List(ctx, hoko.ListOptions{})
			if err == nil {
				t.Fatal("no error")
			}
			if got := hoko.StatusCode(err); got != tc.wantStatus {
				t.Fatalf("status = %d (%v), want %d", got, err, tc.wantStatus)
			}
			var apiErr *hoko.Error
			if tc.wantStatus == http.StatusTooManyRequests && (!errors.As(err, &apiErr) || apiErr.RetryAfter != 1500*time.Millisecond) {
				t.Errorf("RetryAfter not read from the 429: %v", err)
			}
		})
	}
}
