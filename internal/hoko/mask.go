package hoko

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
)

// A server, or a proxy in front of it, may echo the request's headers in an
// error body, and net/http quotes a malformed answer in its errors: either
// way the API key would reach the diagnostic, the terminal and the log. So
// every error the send path returns, and every log entry the client writes,
// passes through a keyMask first. Masking there, where errors are built,
// covers every kind and every caller at once.

// maskedKey stands in for the API key in anything the client shows. It is
// what tflog's masking writes too.
const maskedKey = "***"

// minMaskedPrefix is the shortest start of the key that is masked where an
// excerpt was cut off in the middle of the key ("hoko_live_8f3a..."); shorter
// starts carry too little of it to matter and would mask ordinary words.
const minMaskedPrefix = 4

// keyMask hides one API key in text.
type keyMask struct {
	// forms are the ways the key can appear: as it is, and as JSON or a Go
	// quoted string write it when it holds characters they escape.
	forms []string
}

// newKeyMask returns a mask for key. A key shorter than minMaskedPrefix is
// not masked: it is no secret, and masking it would garble every message.
func newKeyMask(key string) keyMask {
	if len(key) < minMaskedPrefix {
		return keyMask{}
	}
	forms := []string{key}
	for _, escapeHTML := range []bool{true, false} {
		// Go escapes <, > and & by default; other encoders do not, and
		// some (PHP's) write / as \/.
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(escapeHTML)
		if enc.Encode(key) == nil {
			quoted := strings.TrimSuffix(b.String(), "\n")
			inner := quoted[1 : len(quoted)-1]
			forms = append(forms, inner, strings.ReplaceAll(inner, "/", `\/`))
		}
	}
	goQuoted := strconv.Quote(key)
	forms = append(forms, goQuoted[1:len(goQuoted)-1])
	var unique []string
	for _, f := range forms {
		if !slices.Contains(unique, f) {
			unique = append(unique, f)
		}
	}
	return keyMask{forms: unique}
}

// text returns s with every form of the key replaced by maskedKey, and with
// a start of the key masked where s cuts it off with "...".
func (m keyMask) text(s string) string {
	for _, form := range m.forms {
		s = strings.ReplaceAll(s, form, maskedKey)
	}
	if len(m.forms) == 0 || !strings.Contains(s, "...") {
		return s
	}
	key := m.forms[0]
	var b strings.Builder
	rest := s
	for {
		i := strings.Index(rest, "...")
		if i < 0 {
			b.WriteString(rest)
			return b.String()
		}
		head := rest[:i]
		if n := cutKeyPrefix(head, key); n > 0 {
			head = head[:len(head)-n] + maskedKey
		}
		b.WriteString(head)
		b.WriteString("...")
		rest = rest[i+3:]
	}
}

// cutKeyPrefix returns the length of the longest start of key, at least
// minMaskedPrefix long, that s ends with; 0 when there is none.
func cutKeyPrefix(s, key string) int {
	for n := min(len(key)-1, len(s)); n >= minMaskedPrefix; n-- {
		if strings.HasSuffix(s, key[:n]) {
			return n
		}
	}
	return 0
}

// err masks the key in err. An *Error in the chain has its fields masked in
// place (callers read Message and Excerpt directly), so err must be fresh
// from the send path, not yet shared. When err's text still shows the key (a
// transport error quoting a malformed answer), err is wrapped in a
// maskedError: errors.Is and errors.As see the same chain, only the text
// changes.
func (m keyMask) err(err error) error {
	if err == nil || len(m.forms) == 0 {
		return err
	}
	var apiErr *Error
	if errors.As(err, &apiErr) {
		apiErr.Message = m.text(apiErr.Message)
		apiErr.Excerpt = m.text(apiErr.Excerpt)
		for i, scope := range apiErr.MissingScopes {
			apiErr.MissingScopes[i] = m.text(scope)
		}
	}
	if text := err.Error(); m.text(text) != text {
		return &maskedError{err: err, text: m.text(text)}
	}
	return err
}

// maskedError is an error whose text had the key masked.
type maskedError struct {
	err  error
	text string
}

// Error returns the masked text.
func (e *maskedError) Error() string { return e.text }

// Unwrap returns the original error, for errors.Is and errors.As.
func (e *maskedError) Unwrap() error { return e.err }

// maskingLogger masks the key in every message and field before passing an
// entry on, so that the client's logs are safe whatever Logger it is given.
type maskingLogger struct {
	next Logger
	mask keyMask
}

// Debug logs at DEBUG level.
func (l maskingLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	l.next.Debug(ctx, l.mask.text(msg), l.fields(fields))
}

// Info logs at INFO level.
func (l maskingLogger) Info(ctx context.Context, msg string, fields map[string]any) {
	l.next.Info(ctx, l.mask.text(msg), l.fields(fields))
}

// fields returns a copy of fields with string and error values masked.
func (l maskingLogger) fields(fields map[string]any) map[string]any {
	out := make(map[string]any, len(fields))
	for k, v := range fields {
		switch v := v.(type) {
		case string:
			out[k] = l.mask.text(v)
		case error:
			out[k] = l.mask.text(v.Error())
		default:
			out[k] = v
		}
	}
	return out
}
