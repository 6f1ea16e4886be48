package hoko

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Error is the one error type for every answer from the API that is not a
// usable success: an error status, or a success whose body cannot be read.
// Transport failures (no answer at all) are returned as they come from
// net/http, wrapped with the method and path.
type Error struct {
	// Method and Path name the request, e.g. "PUT" and "/api/collections".
	Method string
	Path   string
	// StatusCode is the HTTP status the server answered with.
	StatusCode int
	// Message is the server's English message, or a description of what was
	// wrong with the response when the server sent none.
	Message string
	// MissingScopes lists the key scopes a 403 says are missing.
	MissingScopes []string
	// RetryAfter is how long the server asked the client to wait (429), from
	// the body's retryAfter or the Retry-After header; zero when it gave none.
	RetryAfter time.Duration
	// Excerpt is the start of a body that was not a Hoko error object, so a
	// user can see what answered (an HTML error page, a proxy's text).
	Excerpt string
	// cause is a sentinel the error also is, such as errTooLarge.
	cause error
}

// Unwrap returns the sentinel the error also is, if any.
func (e *Error) Unwrap() error { return e.cause }

// Error returns a one-line description that names the request, the status
// and the server's message.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: HTTP %d", e.Method, e.Path, e.StatusCode)
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if len(e.MissingScopes) > 0 {
		fmt.Fprintf(&b, " (missing scopes: %s)", strings.Join(e.MissingScopes, ", "))
	}
	if e.Excerpt != "" {
		fmt.Fprintf(&b, " (response body starts: %q)", e.Excerpt)
	}
	return b.String()
}

// StatusCode returns the HTTP status of err when it is (or wraps) an *Error,
// and 0 otherwise.
func StatusCode(err error) int {
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// excerptLength bounds how much of an unexpected body an error quotes.
const excerptLength = 200

// excerpt returns the start of body as valid UTF-8 with white space folded,
// short enough to show in a diagnostic.
func excerpt(body []byte) string {
	s := strings.ToValidUTF8(string(body), "?")
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= excerptLength {
		return s
	}
	return string([]rune(s)[:excerptLength]) + "..."
}

// errorBody is the shape of Hoko's error answers. The error may also be a
// plain string on servers or proxies that do not follow the documented shape.
type errorBody struct {
	Error         json.RawMessage     `json:"error"`
	MissingScopes boundedList[string] `json:"missingScopes"`
	RetryAfter    *float64            `json:"retryAfter"`
}

// decodeError builds an *Error from an error answer, taking what it can from
// a Hoko error body and quoting anything else.
func decodeError(method, path string, status int, retryAfterHeader string, body []byte) *Error {
	e := &Error{Method: method, Path: path, StatusCode: status}
	var parsed errorBody
	if json.Unmarshal(body, &parsed) == nil && len(parsed.Error) > 0 {
		e.Message = errorMessage(parsed.Error)
		e.MissingScopes = parsed.MissingScopes
		if parsed.RetryAfter != nil {
			e.RetryAfter = secondsDuration(*parsed.RetryAfter)
		}
	}
	if e.Message == "" {
		e.Message = statusText(status)
		if len(strings.TrimSpace(string(body))) > 0 {
			e.Excerpt = excerpt(body)
		}
	}
	if e.RetryAfter == 0 {
		e.RetryAfter = parseRetryAfterHeader(retryAfterHeader)
	}
	return e
}

// errorMessage picks the English text from {"en": ..., "ar": ...}, or takes
// a plain string as it is.
func errorMessage(raw json.RawMessage) string {
	var bilingual struct {
		En string `json:"en"`
	}
	if json.Unmarshal(raw, &bilingual) == nil && bilingual.En != "" {
		return bilingual.En
	}
	var plain string
	if json.Unmarshal(raw, &plain) == nil {
		return plain
	}
	return ""
}

// parseRetryAfterHeader reads a Retry-After header given in seconds or as an
// HTTP date; anything else means "not given".
func parseRetryAfterHeader(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		return secondsDuration(secs)
	}
	if at, err := time.Parse(time.RFC1123, v); err == nil {
		if d := time.Until(at); d > 0 {
			return d
		}
	}
	return 0
}

// secondsDuration converts a server's wait in seconds, clamping what a
// Duration cannot hold: negative or NaN means no wait, and an absurdly large
// one stays absurdly large instead of overflowing into a negative wait.
func secondsDuration(secs float64) time.Duration {
	switch {
	case !(secs > 0):
		return 0
	case secs >= math.MaxInt64/float64(time.Second):
		return math.MaxInt64
	}
	return time.Duration(secs * float64(time.Second))
}

// statusText describes a status for answers that carry no message.
func statusText(status int) string {
	if t := http.StatusText(status); t != "" {
		return t
	}
	return "unexpected response"
}

// redirectMessage explains a 3xx answer. The client never follows redirects,
// so that the key cannot be carried to wherever one points; the way out is
// to configure the address the API is really served at.
func redirectMessage(status int, location string) string {
	msg := statusText(status) + ": the endpoint answered with a redirect"
	if location != "" {
		msg += fmt.Sprintf(" to %q", excerpt([]byte(location)))
	}
	return msg + ", which is never followed so that the API key is not sent to another address; " +
		"set the endpoint to the URL the Hoko API is served at"
}
