package hokotest

import (
	"net/http"
)

// serveDebug answers the /_mock/ endpoints. They need no key and are not
// recorded or counted, so looking inside the mock never changes what a test
// asserts about the client's traffic.
func (s *Server) serveDebug(w http.ResponseWriter, r *http.Request) {
	var body func() []byte
	switch r.URL.Path {
	case debugPrefix + "stats":
		body = func() []byte { return mustJSON(s.Stats()) }
	case debugPrefix + "collections":
		body = func() []byte { return encodeCollections(s.Collections()) }
	default:
		s.writeError(w, errorf(http.StatusNotFound, "unknown mock endpoint %s; there are %sstats and %scollections", r.URL.Path, debugPrefix, debugPrefix))
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		s.writeError(w, errorf(http.StatusMethodNotAllowed, "method %s is not allowed on %s; use GET", r.Method, r.URL.Path))
		return
	}
	writeJSON(w, http.StatusOK, body())
}
