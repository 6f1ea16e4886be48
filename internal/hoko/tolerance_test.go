package hoko_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// cannedServer answers every request with the same status, headers and
// body, to pin how the client reads answers the mock server never gives:
// the other plausible behaviours of section 9 of the contract, and broken
// servers and proxies.
func cannedServer(t *testing.T, status int, contentType, body string, headers ...string) *hoko.Client {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	client, err := hoko.New(hoko.Config{Endpoint: ts.URL, APIKey: "test-key", UserAgent: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return client
}

const testID = "550e8400-e29b-41d4-a716-446655440000"

func TestGetCollection_ToleratesResponseShapes(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		body            string
		wantDescription *string
		wantCreated     time.Time
	}{
		"description null, milliseconds": {
			body:        `[{"id":"` + testID + `","name":"A","description":null,"createdAt":"2024-01-01T00:00:00.123Z","updatedAt":"2024-01-02T00:00:00.000Z"}]`,
			wantCreated: time.Date(2024, 1, 1, 0, 0, 0, 123e6, time.UTC),
		},
		"description absent, no fractions": {
			body:        `[{"id":"` + testID + `","name":"A","createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-01-02T00:00:00Z"}]`,
			wantCreated: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		},
		"empty description stays empty, unknown fields ignored": {
			body:            `[{"id":"` + testID + `","name":"A","description":"","links":3,"createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-01-02T00:00:00Z"}]`,
			wantDescription: new(""),
			wantCreated:     time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			client := cannedServer(t, http.StatusOK, "application/json; charset=utf-8", tc.body)
			col, err := client.Collections().Get(context.Background(), testID)
			if err != nil {
				t.Fatal(err)
			}
			if (col.Description == nil) != (tc.wantDescription == nil) ||
				col.Description != nil && *col.Description != *tc.wantDescription {
				t.Errorf("description = %v, want %v", col.Description, tc.wantDescription)
			}
			if !col.CreatedAt.Equal(tc.wantCreated) {
				t.Errorf("createdAt = %v, want %v", col.CreatedAt, tc.wantCreated)
			}
		})
	}
}

// idLookupServer answers GET ?id= with status and body, and a listing with
// an empty page, as a Hoko deployment that reports a gone id its own way.
func idLookupServer(t *testing.T, status int, body string) *hoko.Client {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if !r.URL.Query().Has("id") {
			_, _ = w.Write([]byte(`[]`))
			return
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	client, err := hoko.New(hoko.Config{Endpoint: ts.URL, APIKey: "test-key", DisableBatching: true})
	if err != nil {
		t.Fatal(err)
	}
	return client
}

func TestGetCollection_GoneAnswersMeanNotFound(t *testing.T) {
	t.Parallel()
	for name, answer := range map[string]struct {
		status int
		body   string
	}{
		"empty array": {http.StatusOK, `[]`},
		"400":         {http.StatusBadRequest, `{"error":{"en":"Invalid id","ar":"x"}}`},
		"404":         {http.StatusNotFound, `{"error":{"en":"Not found","ar":"x"}}`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			client := idLookupServer(t, answer.status, answer.body)
			_, err := client.Collections().Get(context.Background(), testID)
			if !errors.Is(err, hoko.ErrNotFound) {
				t.Fatalf("err = %v, want ErrNotFound", err)
			}
		})
	}
}

// TestGetCollection_AnswerForAnotherIDIsAnError pins that GET ?id=X answered
// with another object is a server fault, not "X is gone": reading it as gone
// would drop the resource from the state and plan to create it again.
func TestGetCollection_AnswerForAnotherIDIsAnError(t *testing.T) {
	t.Parallel()
	client := idLookupServer(t, http.StatusOK,
		`[{"id":"00000000-0000-0000-0000-000000000000","name":"B","createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-01-01T00:00:00Z"}]`)
	_, err := client.Collections().Get(context.Background(), testID)
	if err == nil || errors.Is(err, hoko.ErrNotFound) || !strings.Contains(err.Error(), "other collections") {
		t.Fatalf("err = %v, want an error that names the other object, not ErrNotFound", err)
	}
}

// TestGetCollection_WrongEndpointIsNotGone pins that a 404 or 400 from
// something that is not the Hoko API (a mistyped endpoint answers every path
// so) is an error, not "gone": taking it for gone would drop every resource
// from the state and plan to create them all again.
func TestGetCollection_WrongEndpointIsNotGone(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusNotFound, http.StatusBadRequest} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			client := cannedServer(t, status, "text/html", "<html>no such page</html>")
			_, err := client.Collections().Get(context.Background(), testID)
			if err == nil || errors.Is(err, hoko.ErrNotFound) || hoko.StatusCode(err) != status {
				t.Fatalf("err = %v, want an HTTP %d error that is not ErrNotFound", err, status)
			}
		})
	}
}

func TestUpsertCollections_AcceptsAny2xx(t *testing.T) {
	t.Parallel()
	client := cannedServer(t, http.StatusCreated, "application/json",
		`[{"id":"`+testID+`","name":"A","createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-01-01T00:00:00Z"}]`)
	got, err := client.Collections().UpsertAll(context.Background(), []hoko.CollectionItem{{Name: hoko.Value("A")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != testID {
		t.Fatalf("got %+v", got)
	}
}

func TestUpsertCollections_CountMismatchIsAnError(t *testing.T) {
	t.Parallel()
	client := cannedServer(t, http.StatusOK, "application/json", `[]`)
	_, err := client.Collections().UpsertAll(context.Background(), []hoko.CollectionItem{{Name: hoko.Value("A")}})
	if err == nil || !strings.Contains(err.Error(), "sent 1 items but the answer holds 0") {
		t.Fatalf("err = %v", err)
	}
}

func TestSend_ErrorBodies(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		status      int
		contentType string
		body        string
		headers     []string
		want        hoko.Error
	}{
		"bilingual message": {
			status: 400, contentType: "application/json", body: `{"error":{"en":"Invalid request","ar":"طلب غير صالح"}}`,
			want: hoko.Error{StatusCode: 400, Message: "Invalid request"},
		},
		"plain string message": {
			status: 400, contentType: "application/json", body: `{"error":"bad things"}`,
			want: hoko.Error{StatusCode: 400, Message: "bad things"},
		},
		"missing scopes": {
			status: 403, contentType: "application/json",
			body: `{"error":{"en":"Missing required scopes","ar":"x"},"missingScopes":["collectionsWrite"]}`,
			want: hoko.Error{StatusCode: 403, Message: "Missing required scopes", MissingScopes: []string{"collectionsWrite"}},
		},
		"retryAfter in body wins over header": {
			status: 429, contentType: "application/json", body: `{"error":{"en":"Rate limit exceeded","ar":"x"},"retryAfter":0.25}`,
			headers: []string{"Retry-After", "60"},
			want:    hoko.Error{StatusCode: 429, Message: "Rate limit exceeded", RetryAfter: 250 * time.Millisecond},
		},
		"retry-after header only": {
			status: 429, contentType: "application/json", body: `{"error":{"en":"Rate limit exceeded","ar":"x"}}`,
			headers: []string{"Retry-After", "2"},
			want:    hoko.Error{StatusCode: 429, Message: "Rate limit exceeded", RetryAfter: 2 * time.Second},
		},
		"html error page": {
			status: 502, contentType: "text/html", body: "<html><body><h1>502 Bad Gateway</h1>\n</body></html>",
			want: hoko.Error{StatusCode: 502, Message: "Bad Gateway", Excerpt: "<html><body><h1>502 Bad Gateway</h1> </body></html>"},
		},
		"empty body": {
			status: 500, want: hoko.Error{StatusCode: 500, Message: "Internal Server Error"},
		},
		"json without error key": {
			status: 500, contentType: "application/json", body: `{"message":"boom"}`,
			want: hoko.Error{StatusCode: 500, Message: "Internal Server Error", Excerpt: `{"message":"boom"}`},
		},
		"redirect is not followed": {
			status: 302, headers: []string{"Location", "https://elsewhere.example/api/collections"},
			want: hoko.Error{StatusCode: 302, Message: `Found: the endpoint answered with a redirect to "https://elsewhere.example/api/collections", ` +
				"which is never followed so that the API key is not sent to another address; set the endpoint to the URL the Hoko API is served at"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			client := cannedServer(t, tc.status, tc.contentType, tc.body, tc.headers...)
			_, err := client.Collections().List(context.Background(), hoko.ListOptions{})
			var got *hoko.Error
			if !errors.As(err, &got) {
				t.Fatalf("err = %v (%T), want *hoko.Error", err, err)
			}
			if got.StatusCode != tc.want.StatusCode || got.Message != tc.want.Message ||
				strings.Join(got.MissingScopes, ",") != strings.Join(tc.want.MissingScopes, ",") ||
				got.RetryAfter != tc.want.RetryAfter || got.Excerpt != tc.want.Excerpt {
				t.Errorf("got %+v\nwant %+v", *got, tc.want)
			}
			if got.Method != http.MethodGet || got.Path != "/api/collections" {
				t.Errorf("error names %s %s", got.Method, got.Path)
			}
		})
	}
}

func TestSend_UnusableSuccessBodies(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		contentType string
		body        string
		want        string
	}{
		"malformed json":  {"application/json", `[{"id":`, "not the expected JSON"},
		"wrong shape":     {"application/json", `{"items":[]}`, "not the expected JSON"},
		"html":            {"text/html", `<html>login</html>`, `content type "text/html"`},
		"empty":           {"application/json", ``, "empty"},
		"wrong time type": {"application/json", `[{"id":"x","name":"A","createdAt":5}]`, "not the expected JSON"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			client := cannedServer(t, http.StatusOK, tc.contentType, tc.body)
			_, err := client.Collections().List(context.Background(), hoko.ListOptions{})
			if hoko.StatusCode(err) != http.StatusOK || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want an HTTP 200 *hoko.Error containing %q", err, tc.want)
			}
		})
	}
}

func TestSend_RefusesOversizedResponse(t *testing.T) {
	t.Parallel()
	huge := "[" + strings.Repeat(" ", 64<<20) + "]"
	client := cannedServer(t, http.StatusOK, "application/json", huge)
	_, err := client.Collections().List(context.Background(), hoko.ListOptions{})
	if err == nil || !strings.Contains(err.Error(), "larger than 64 MiB") {
		t.Fatalf("err = %v", err)
	}
}

// TestSend_RefusesMoreObjectsThanAnyAnswerHolds checks every kind of answer
// that carries an array: more elements than the API's 10,000 is a server
// fault, refused before the objects are allocated (see boundedList), so a
// hostile answer of empty objects costs an error, not the provider's memory.
func TestSend_RefusesMoreObjectsThanAnyAnswerHolds(t *testing.T) {
	t.Parallel()
	array := func(element string) string {
		return "[" + strings.Repeat(element+",", hoko.MaxItemsPerRequest) + element + "]"
	}
	want := fmt.Sprintf("an array of %d elements", hoko.MaxItemsPerRequest+1)
	ctx := context.Background()
	cases := map[string]struct {
		body string
		call func(*hoko.Client) error
	}{
		"a page": {array("{}"), func(c *hoko.Client) error {
			_, err := c.Links().List(ctx, hoko.ListOptions{})
			return err
		}},
		"a read by id": {array("{}"), func(c *hoko.Client) error {
			_, err := c.Links().Get(ctx, testID)
			return err
		}},
		"an update's answer": {array("{}"), func(c *hoko.Client) error {
			_, err := c.Collections().UpsertAll(ctx, []hoko.CollectionItem{{ID: testID, Name: hoko.Value("A")}})
			return err
		}},
		"a delete's answer": {`{"deletedIds":` + array(`""`) + `}`, func(c *hoko.Client) error {
			return c.Links().DeleteAll(ctx, []string{testID})
		}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := tc.call(cannedServer(t, http.StatusOK, "application/json", tc.body))
			if hoko.StatusCode(err) != http.StatusOK || !strings.Contains(err.Error(), want) {
				t.Fatalf("err = %v, want an HTTP 200 *hoko.Error saying %q", err, want)
			}
		})
	}
	t.Run("an error's missing scopes", func(t *testing.T) {
		t.Parallel()
		body := `{"error":{"en":"Forbidden"},"missingScopes":` + array(`"linksWrite"`) + `}`
		err := cannedServer(t, http.StatusForbidden, "application/json", body).Links().DeleteAll(ctx, []string{testID})
		var apiErr *hoko.Error
		if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusForbidden || len(apiErr.MissingScopes) != 0 {
			t.Fatalf("err = %v, want a 403 that names no scopes from a list longer than any", err)
		}
	})
}
