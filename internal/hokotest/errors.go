package hokotest

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// apiError is a refusal that the handlers return instead of writing the
// response themselves, so that one place shapes every error body the same way.
type apiError struct {
	status        int
	en            string
	missingScopes []string
	retryAfter    time.Duration
	// echo holds the request headers when Quirks.EchoHeaders is on.
	echo http.Header
	// noWaitHint leaves retryAfter and Retry-After out of a 429
	// (Quirks.No429WaitHint).
	noWaitHint bool
}

// errorf builds an apiError with an English message formatted like fmt.Sprintf.
func errorf(status int, format string, args ...any) *apiError {
	return &apiError{status: status, en: fmt.Sprintf(format, args...)}
}

// badRequest is the most common refusal; the shorthand keeps validation code
// readable.
func badRequest(format string, args ...any) *apiError {
	return errorf(http.StatusBadRequest, format, args...)
}

// arabicMessages holds one generic Arabic translation per status. The English
// message carries the detail; the contract only requires that both languages
// are present, and the texts for 400, 401, 403 and 429 are the ones Hoko's
// own documentation shows.
var arabicMessages = map[int]string{
	http.StatusBadRequest:          "طلب غير صالح",
	http.StatusUnauthorized:        "مفتاح API غير صالح",
	http.StatusForbidden:           "الصلاحيات المطلوبة مفقودة",
	http.StatusNotFound:            "نقطة النهاية غير موجودة",
	http.StatusMethodNotAllowed:    "الطريقة غير مسموح بها",
	http.StatusTooManyRequests:     "تم تجاوز حد المعدل",
	http.StatusInternalServerError: "خطأ داخلي في الخادم",
	http.StatusBadGateway:          "بوابة غير صالحة",
	http.StatusServiceUnavailable:  "الخدمة غير متاحة",
}

// errorBody is the wire shape of every error response.
type errorBody struct {
	Error         errorMessage `json:"error"`
	MissingScopes []string     `json:"missingScopes,omitempty"`
	RetryAfter    *float64     `json:"retryAfter,omitempty"`
	// RequestHeaders is only sent under Quirks.EchoHeaders.
	RequestHeaders http.Header `json:"requestHeaders,omitempty"`
}

// errorMessage is the bilingual message inside an error body.
type errorMessage struct {
	En string `json:"en"`
	Ar string `json:"ar"`
}

// body renders the error as JSON. A 429 carries retryAfter in seconds as a
// JSON number, fractional when the wait is shorter than a second, because a
// mock that waits whole seconds would make every retry test slow.
func (e *apiError) body() []byte {
	ar, ok := arabicMessages[e.status]
	if !ok {
		ar = arabicMessages[http.StatusBadRequest]
	}
	b := errorBody{
		Error:          errorMessage{En: e.en + echoText(e.echo), Ar: ar},
		MissingScopes:  e.missingScopes,
		RequestHeaders: e.echo,
	}
	if e.status == http.StatusTooManyRequests && !e.noWaitHint {
		secs := retryAfterSeconds(e.retryAfter)
		b.RetryAfter = &secs
	}
	out, err := json.Marshal(b)
	if err != nil {
		// Marshalling strings and numbers cannot fail; a panic here would
		// mean the struct above was changed to something unencodable.
		panic(err)
	}
	return out
}

// header adds the headers that belong to the error, such as Retry-After.
func (e *apiError) header(h http.Header) {
	if e.status == http.StatusTooManyRequests && !e.noWaitHint {
		h.Set("Retry-After", strconv.Itoa(retryAfterHeader(e.retryAfter)))
	}
}

// retryAfterSeconds rounds a wait up to whole milliseconds so the JSON number
// reads 0.05 rather than 0.049999999.
func retryAfterSeconds(d time.Duration) float64 {
	ms := math.Ceil(float64(d) / float64(time.Millisecond))
	if ms < 1 {
		ms = 1
	}
	return ms / 1000
}

// retryAfterHeader is the Retry-After header value: HTTP only allows whole
// seconds, so it rounds up and never says 0, which clients could read as
// "retry immediately".
func retryAfterHeader(d time.Duration) int {
	secs := int(math.Ceil(d.Seconds()))
	if secs < 1 {
		secs = 1
	}
	return secs
}

// echoText renders echoed request headers for the English message, sorted
// by name, values as sent: a proxy that echoes headers hides nothing.
func echoText(h http.Header) string {
	if h == nil {
		return ""
	}
	names := slices.Sorted(maps.Keys(h))
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + ": " + strings.Join(h[n], ", ")
	}
	return " (request headers: " + strings.Join(parts, "; ") + ")"
}
