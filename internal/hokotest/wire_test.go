package hokotest

import (
	"encoding/json"
	"net/http"
	"regexp"
	"testing"
)

// wireTime is the exact timestamp shape the mock promises: UTC with
// milliseconds.
var wireTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`)

// uuidV4 is a lower-case random UUID.
var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestWire_NewWorkspaceHoldsLinks(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	got := f.do(t, "GET", "/api/collections", f.key, "").wantStatus(t, http.StatusOK).objects(t)
	if len(got) != 1 || got[0].Name != "Links" {
		t.Fatalf("new workspace = %+v, want just Links", got)
	}
}

func TestWire_CollectionObjectShape(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.do(t, "PUT", "/api/collections", f.key, `[{"name":"a"},{"name":"b","description":"text"}]`).wantStatus(t, http.StatusOK)
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal(r.body, &raw); err != nil {
		t.Fatal(err)
	}
	wantKeys := []string{"id", "name", "description", "createdAt", "updatedAt"}
	for i, obj := range raw {
		if len(obj) != len(wantKeys) {
			t.Errorf("item %d has keys %v, want exactly %v", i, keysOf(obj), wantKeys)
		}
		for _, k := range wantKeys {
			if _, ok := obj[k]; !ok {
				t.Errorf("item %d lacks %q: %s", i, k, r.body)
			}
		}
	}
	if string(raw[0]["description"]) != "null" {
		t.Errorf("unset description = %s, want an explicit null", raw[0]["description"])
	}
	if string(raw[1]["description"]) != `"text"` {
		t.Errorf("description = %s, want \"text\"", raw[1]["description"])
	}
	for _, o := range r.objects(t) {
		if !uuidV4.MatchString(o.ID) {
			t.Errorf("id %q is not a lower-case UUID v4", o.ID)
		}
		if !wireTime.MatchString(o.CreatedAt) || !wireTime.MatchString(o.UpdatedAt) {
			t.Errorf("timestamps %q, %q are not RFC 3339 UTC with milliseconds", o.CreatedAt, o.UpdatedAt)
		}
	}
}

func keysOf(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestWire_EveryResponseIsJSON(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	cases := []struct {
		name, method, target, key, body string
		status                          int
	}{
		{"list", "GET", "/api/collections", f.key, "", 200},
		{"create", "POST", "/api/collections", f.key, `[{"name":"x"}]`, 201},
		{"bad request", "PUT", "/api/collections", f.key, `{}`, 400},
		{"unauthorized", "GET", "/api/collections", "", "", 401},
		{"forbidden", "PUT", "/api/collections", f.readOnly, `[]`, 403},
		{"not found", "GET", "/api/nope", f.key, "", 404},
		{"method not allowed", "PATCH", "/api/collections", f.key, `[]`, 405},
		{"debug", "GET", "/_mock/stats", "", "", 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.do(t, tc.method, tc.target, tc.key, tc.body).wantStatus(t, tc.status)
			if ct := r.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", ct)
			}
			if !json.Valid(r.body) {
				t.Errorf("body is not JSON: %s", r.body)
			}
			if tc.status >= 400 {
				r.apiErr(t)
			}
		})
	}
}

func TestWire_AppendJSONStringMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "plain", "https://example.com/a?b=c", `quote"`, `back\slash`, "tab\t", "<b>&", "é", "\u2028", "\xff", "emoji 🎉"} {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}
