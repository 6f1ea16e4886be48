package hokotest

import (
	"net/http"
	"strings"
)

// serveDebug answers the /_mock/ endpoints: /_mock/stats, and one per kind
// (/_mock/collections, /_mock/tags, /_mock/partners, /_mock/links) with
// every live object oldest first, in the contract's representation whatever
// the Quirks. They need no key and are not recorded or counted, so looking
// inside the mock never changes what a test asserts about the client's
// traffic.
func (s *Server) serveDebug(w http.ResponseWriter, r *http.Request) {
	var body func() []byte
	name := strings.TrimPrefix(r.URL.Path, debugPrefix)
	if sp, ok := specs[Kind(name)]; ok {
		body = func() []byte { return encodeRecords(sp, s.all(sp.kind), wireOpts{}, nil) }
	} else if name == "stats" {
		body = func() []byte { return mustJSON(s.Stats()) }
	} else {
		s.writeError(w, errorf(http.StatusNotFound, "unknown mock endpoint %s; there are %sstats, %scollections, %stags, %spartners and %slinks",
			r.URL.Path, debugPrefix, debugPrefix, debugPrefix, debugPrefix, debugPrefix))
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		s.writeError(w, errorf(http.StatusMethodNotAllowed, "method %s is not allowed on %s; use GET", r.Method, r.URL.Path))
		return
	}
	writeJSON(w, http.StatusOK, body())
}
