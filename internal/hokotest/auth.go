package hokotest

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"
)

// NewKey returns a fresh random API key that carries exactly the given scopes.
// A key with no scopes authenticates but may do nothing, which is how a test
// provokes 403 for every method.
func (s *Server) NewKey(scopes ...string) string {
	var b [20]byte
	// crypto/rand.Read never returns an error on supported platforms.
	_, _ = rand.Read(b[:])
	key := "hoko_test_" + hex.EncodeToString(b[:])
	s.AddKey(key, scopes...)
	return key
}

// AddKey registers a key chosen by the caller with exactly the given scopes,
// replacing the scopes of a key that already exists and un-revoking it. It
// exists for the hokomock program, whose users pass a fixed key so that
// scripts and Makefiles can know it in advance; tests should prefer NewKey.
func (s *Server) AddKey(key string, scopes ...string) {
	set := make(map[string]bool, len(scopes))
	for _, sc := range scopes {
		set[sc] = true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys[key] = set
	delete(s.revoked, key)
}

// RevokeKey makes a key invalid: requests that use it get 401 from then on.
// Revoking an unknown key does nothing.
func (s *Server) RevokeKey(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.keys[key]; ok {
		delete(s.keys, key)
		s.revoked[key] = true
	}
}

// keyFromHeader extracts the key from an Authorization header. The contract
// accepts "Bearer <key>" and the bare key; the scheme name is matched without
// regard to case, as HTTP auth schemes are.
func keyFromHeader(h string) string {
	h = strings.TrimSpace(h)
	const scheme = "bearer "
	if len(h) >= len(scheme) && strings.EqualFold(h[:len(scheme)], scheme) {
		return strings.TrimSpace(h[len(scheme):])
	}
	return h
}

// authorize checks the key and its scope. It runs before any validation so
// that a client without access learns nothing about the workspace's data.
func (s *Server) authorize(r *http.Request, scope string) *apiError {
	key := keyFromHeader(r.Header.Get("Authorization"))
	if key == "" {
		return errorf(http.StatusUnauthorized, "Invalid API key: the Authorization header is missing")
	}
	s.mu.Lock()
	scopes, ok := s.keys[key]
	revoked := s.revoked[key]
	has := scopes[scope]
	s.mu.Unlock()
	switch {
	case revoked:
		return errorf(http.StatusUnauthorized, "Invalid API key: the key has been revoked")
	case !ok:
		return errorf(http.StatusUnauthorized, "Invalid API key")
	case !has:
		e := errorf(http.StatusForbidden, "Missing required scopes: %s (needed for %s)", scope, r.Method)
		e.missingScopes = []string{scope}
		return e
	}
	return nil
}
