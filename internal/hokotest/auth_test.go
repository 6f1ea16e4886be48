package hokotest

import (
	"net/http"
	"reflect"
	"testing"
)

func TestAuth_KeysAndScopes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	revoked := f.srv.NewKey(ScopeRead, ScopeWrite)
	f.srv.RevokeKey(revoked)
	noScopes := f.srv.NewKey()

	cases := []struct {
		name          string
		method        string
		auth          string
		body          string
		status        int
		message       string
		missingScopes []string
	}{
		{name: "bearer key reads", method: "GET", auth: "Bearer " + f.key, status: 200},
		{name: "bare key reads", method: "GET", auth: f.key, status: 200},
		{name: "scheme is case-insensitive", method: "GET", auth: "bearer " + f.key, status: 200},
		{name: "bearer key writes", method: "PUT", auth: "Bearer " + f.key, body: `[{"name":"w1"}]`, status: 200},
		{name: "bare key writes", method: "PUT", auth: f.key, body: `[{"name":"w2"}]`, status: 200},
		{name: "missing key", method: "GET", status: 401, message: "Invalid API key"},
		{name: "bearer without key", method: "GET", auth: "Bearer ", status: 401, message: "Invalid API key"},
		{name: "unknown key", method: "GET", auth: "Bearer hoko_test_nope", status: 401, message: "Invalid API key"},
		{name: "revoked key", method: "GET", auth: "Bearer " + revoked, status: 401, message: "Invalid API key"},
		{name: "read-only key puts", method: "PUT", auth: "Bearer " + f.readOnly, body: `[{"name":"x"}]`,
			status: 403, message: "Missing required scopes", missingScopes: []string{ScopeWrite}},
		{name: "read-only key posts", method: "POST", auth: "Bearer " + f.readOnly, body: `[{"name":"x"}]`,
			status: 403, missingScopes: []string{ScopeWrite}},
		{name: "read-only key deletes", method: "DELETE", auth: "Bearer " + f.readOnly, body: `["00000000-0000-4000-8000-000000000000"]`,
			status: 403, missingScopes: []string{ScopeWrite}},
		{name: "write-only key reads", method: "GET", auth: "Bearer " + f.writeOnly,
			status: 403, missingScopes: []string{ScopeRead}},
		{name: "key without scopes reads", method: "GET", auth: "Bearer " + noScopes,
			status: 403, missingScopes: []string{ScopeRead}},
		// Auth comes before validation: a bad body must not leak past a bad key.
		{name: "missing key beats bad body", method: "PUT", body: `not json`, status: 401},
		{name: "read-only key beats bad body", method: "PUT", auth: f.readOnly, body: `not json`,
			status: 403, missingScopes: []string{ScopeWrite}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.srv.Collections()
			r := f.doAuth(t, tc.method, "/api/collections", tc.auth, tc.body).wantStatus(t, tc.status)
			if tc.status < 400 {
				return
			}
			assertUnchanged(t, f.srv, before)
			e := r.wantError(t, tc.status, tc.message)
			if !reflect.DeepEqual(e.MissingScopes, tc.missingScopes) {
				t.Errorf("missingScopes = %v, want %v", e.MissingScopes, tc.missingScopes)
			}
		})
	}
}

func TestAuth_AuthBeforeQueryValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.do(t, "GET", "/api/collections?take=0", "", "").wantStatus(t, http.StatusUnauthorized)
	f.do(t, "GET", "/api/collections?take=0", f.writeOnly, "").wantStatus(t, http.StatusForbidden)
	f.do(t, "GET", "/api/collections?take=0", f.key, "").wantStatus(t, http.StatusBadRequest)
}

func TestAuth_RevokeTakesEffectImmediately(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	key := f.srv.NewKey(ScopeRead)
	f.do(t, "GET", "/api/collections", key, "").wantStatus(t, http.StatusOK)
	f.srv.RevokeKey(key)
	f.do(t, "GET", "/api/collections", key, "").wantError(t, http.StatusUnauthorized, "revoked")
	// Other keys are untouched.
	f.do(t, "GET", "/api/collections", f.key, "").wantStatus(t, http.StatusOK)
}

func TestAuth_AddKeyFixesScopes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.AddKey("fixed-key", ScopeRead)
	f.do(t, "GET", "/api/collections", "fixed-key", "").wantStatus(t, http.StatusOK)
	f.do(t, "PUT", "/api/collections", "fixed-key", `[{"name":"x"}]`).wantStatus(t, http.StatusForbidden)
	f.srv.AddKey("fixed-key", ScopeRead, ScopeWrite)
	f.do(t, "PUT", "/api/collections", "fixed-key", `[{"name":"x"}]`).wantStatus(t, http.StatusOK)
}

func TestAuth_NewKeysAreDistinct(t *testing.T) {
	t.Parallel()
	srv := NewServer()
	a, b := srv.NewKey(ScopeRead), srv.NewKey(ScopeRead)
	if a == b || a == "" {
		t.Fatalf("NewKey returned %q and %q, want two different non-empty keys", a, b)
	}
}

func TestAuth_KeyFromHeader(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"Bearer abc":   "abc",
		"bearer abc":   "abc",
		"BEARER  abc ": "abc",
		"abc":          "abc",
		" abc ":        "abc",
		"":             "",
		"Bearer":       "Bearer",
	}
	for in, want := range cases {
		if got := keyFromHeader(in); got != want {
			t.Errorf("keyFromHeader(%q) = %q, want %q", in, got, want)
		}
	}
}
