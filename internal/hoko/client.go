package hoko

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"time"
)

// maxResponseBytes bounds how much of an answer for many objects the client
// reads: a page of 10,000 objects with long descriptions fits many times
// over. A larger page is asked for again in smaller pages (see Pages); any
// other larger answer is refused rather than buffered.
const maxResponseBytes = 64 << 20

// maxObjectBytes bounds an answer that holds one object (GET ?id=, a page of
// one): Hoko documents no length limit for descriptions, and an object that
// Terraform holds in its state must stay readable.
const maxObjectBytes = 256 << 20

// errTooLarge marks an answer larger than the client reads.
var errTooLarge = errors.New("response too large")

// defaultAttemptBound bounds one attempt of a client configured without a
// RequestTimeout, so that a server that never answers cannot hold a request
// forever.
const defaultAttemptBound = 2 * time.Minute

// Logger receives one entry per request. The provider passes tflog through
// it; the client itself has no logging dependency. Messages and fields never
// hold the key: the client masks it in everything it logs (see mask.go).
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Info(ctx context.Context, msg string, fields map[string]any)
}

// Config configures a Client.
type Config struct {
	// Endpoint is the API's base URL; empty means DefaultEndpoint.
	Endpoint string
	// APIKey is sent as a bearer token on every request. It must pass
	// CheckAPIKey: New does not trim it.
	APIKey string
	// UserAgent is sent on every request.
	UserAgent string
	// HTTPClient sends the requests; nil means a client bounded only by
	// RequestTimeout.
	// Its redirect policy is replaced: the client never follows redirects,
	// so the key cannot be carried to another host.
	HTTPClient *http.Client
	// Logger receives request logs; nil discards them.
	Logger Logger
	// MaxRetries is how many times one request is retried after a server
	// error, a lost connection or a rate limit (429) without a wait hint,
	// when that is safe; zero sends each request once. A 429 that says how
	// long to wait (retryAfter, Retry-After or X-RateLimit-Reset) is waited
	// out without counting against it, for up to two minutes per request.
	MaxRetries int
	// RequestTimeout bounds one HTTP attempt, however long it is; zero means
	// two minutes. An HTTPClient with a Timeout of its own bounds attempts
	// too.
	RequestTimeout time.Duration
	// RetryWaitMin is the backoff before the first retry, doubled for each
	// further one; zero means 250ms.
	RetryWaitMin time.Duration
	// RetryWaitMax caps the backoff between retries and the spacing of paced
	// requests; zero means 8s.
	RetryWaitMax time.Duration
	// DisableBatching sends one request per call instead of coalescing
	// concurrent calls into bulk requests.
	DisableBatching bool
	// MaxBatchSize caps the items of one write request, coalesced or bulk
	// (UpsertAll and DeleteAll split larger ones); zero means
	// MaxItemsPerRequest.
	MaxBatchSize int
	// Operations, when set, is how the caller tells the coalescing
	// batchers which of its operations are running, so that a round goes
	// as soon as no other call is on its way (see Operations). Nil: the
	// batchers see only the calls made to them.
	Operations *Operations
}

// Client talks to one Hoko workspace. It is safe for concurrent use.
type Client struct {
	base      *url.URL
	apiKey    string
	userAgent string
	http      *http.Client
	log       Logger

	maxRetries     int
	requestTimeout time.Duration
	retryWaitMin   time.Duration
	retryWaitMax   time.Duration
	pace           *pacer
	// maxBatch is the most items one write request carries.
	maxBatch int
	// ops is shared by every kind's write batchers: Terraform's slots are
	// the same whichever kind an operation writes (see Operations).
	ops *Operations
	// mask hides the key in every error and log entry (see mask.go).
	mask keyMask

	// clock estimates the server's clock from the Date of its answers, to
	// tell objects a lost create wrote from older ones (upsert_safety.go).
	clock serverClock

	// One set of methods per kind, each with its own coalescers.
	collections *Objects[Collection, CollectionItem]
	tags        *Objects[Tag, TagItem]
	partners    *Objects[Partner, PartnerItem]
	links       *Objects[Link, LinkItem]
}

// New returns a Client for cfg, or an error when the endpoint is unsafe or
// the key is missing.
func New(cfg Config) (*Client, error) {
	endpoint := cfg.Endpoint
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	base, err := ParseEndpoint(endpoint)
	if err != nil {
		return nil, err
	}
	if err := CheckAPIKey(cfg.APIKey); err != nil {
		return nil, err
	}
	// RequestTimeout bounds each attempt through its context. The default
	// client's own bound is only a backstop for a client configured without
	// one; as a fixed two minutes it used to cut a longer request_timeout
	// short, silently, with an error that did not name the setting.
	httpClient := &http.Client{}
	if cfg.RequestTimeout <= 0 {
		httpClient.Timeout = defaultAttemptBound
	}
	if cfg.HTTPClient != nil {
		copied := *cfg.HTTPClient
		httpClient = &copied
	}
	httpClient.CheckRedirect = refuseRedirects
	mask := newKeyMask(cfg.APIKey)
	var logger Logger = discardLogger{}
	if cfg.Logger != nil {
		logger = maskingLogger{next: cfg.Logger, mask: mask}
	}
	waitMin, waitMax := cfg.RetryWaitMin, cfg.RetryWaitMax
	if waitMin <= 0 {
		waitMin = defaultRetryWaitMin
	}
	if waitMax <= 0 {
		waitMax = defaultRetryWaitMax
	}
	waitMax = max(waitMax, waitMin)
	c := &Client{
		base: base, apiKey: cfg.APIKey, userAgent: cfg.UserAgent, http: httpClient, log: logger,
		maxRetries: max(cfg.MaxRetries, 0), requestTimeout: cfg.RequestTimeout,
		retryWaitMin: waitMin, retryWaitMax: waitMax, pace: newPacer(waitMax), mask: mask,
		maxBatch: MaxItemsPerRequest, ops: cfg.Operations,
	}
	if c.ops == nil {
		c.ops = NewOperations()
	}
	if cfg.MaxBatchSize > 0 && cfg.MaxBatchSize < MaxItemsPerRequest {
		c.maxBatch = cfg.MaxBatchSize
	}
	c.collections = newObjects(c, collectionKind, cfg)
	c.tags = newObjects(c, tagKind, cfg)
	c.partners = newObjects(c, partnerKind, cfg)
	c.links = newObjects(c, linkKind, cfg)
	return c, nil
}

// refuseRedirects stops net/http from following a redirect: a key sent to
// the API must never be replayed to wherever a 3xx points.
func refuseRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// discardLogger is the Logger used when none is configured.
type discardLogger struct{}

func (discardLogger) Debug(context.Context, string, map[string]any) {}
func (discardLogger) Info(context.Context, string, map[string]any)  {}

// request is one API request: a method on a kind's path.
type request struct {
	method string
	path   string // the kind's path, e.g. "/api/collections"
	query  url.Values
	body   any
	// creates reports that a PUT creates objects, so sending it twice is
	// not the same as sending it once.
	creates bool
}

// idempotent reports whether sending the request twice has the same effect
// as sending it once.
func (r request) idempotent() bool {
	switch r.method {
	case http.MethodGet, http.MethodHead, http.MethodDelete:
		return true
	case http.MethodPut:
		return !r.creates
	}
	return false
}

// responseLimit is how many bytes of the request's answer the client reads:
// one object may be large, a page of many is bounded (and shrinks, see
// Pages), and a write's answer is about as large as what was sent.
func (r request) responseLimit(payload int) int {
	switch {
	case r.method == http.MethodGet && (r.query.Has("id") || r.query.Get("take") == "1"):
		return maxObjectBytes
	case r.method == http.MethodPut:
		return maxResponseBytes + 2*payload
	}
	return maxResponseBytes
}

// fullPath is the path of a kind's requests on this client's endpoint,
// which may carry a prefix of its own.
func (c *Client) fullPath(kindPath string) string { return c.base.Path + kindPath }

// send is the single send path: it encodes the request, sends it, and
// decodes the answer into out (when out is non-nil) or into an *Error.
// Requests that are safe to repeat are retried on 429, 5xx and transport
// errors; a request that creates objects is retried only when the server
// certainly did not act on it, and an unknown outcome is returned wrapping
// ErrOutcomeUnknown for UpsertAll to resolve (see retry.go).
func (c *Client) send(ctx context.Context, r request, out any) error {
	method, path := r.method, c.fullPath(r.path)
	var payload []byte
	if r.body != nil {
		var err error
		if payload, err = json.Marshal(r.body); err != nil {
			return fmt.Errorf("encoding %s %s body: %w", method, path, err)
		}
	}
	u := *c.base
	u.Path = path
	u.RawQuery = r.query.Encode()

	idempotent := r.idempotent()
	limit := r.responseLimit(len(payload))
	var st retryState
	for attempt := 1; ; attempt++ {
		if !c.pace.wait(ctx) {
			return fmt.Errorf("%s %s: stopped while pacing requests for the rate limit: %w", method, path, context.Cause(ctx))
		}
		err := c.mask.err(c.attempt(ctx, method, &u, payload, limit, out))
		if err == nil {
			return nil
		}
		class := classify(err)
		if ctx.Err() != nil {
			// Cancelled or out of time while the request was on its way: the
			// server may have acted on it.
			if !idempotent {
				return fmt.Errorf("%w (%w)", err, ErrOutcomeUnknown)
			}
			return err
		}
		if class == outcomeFinal {
			if status := StatusCode(err); !idempotent && status >= 200 && status < 300 {
				// The server said it succeeded, but its answer cannot be
				// read: the write most likely happened.
				return fmt.Errorf("%w (%w)", err, ErrOutcomeUnknown)
			}
			return err
		}
		if class == outcomeUnknown && !idempotent {
			return fmt.Errorf("%w (%w)", err, ErrOutcomeUnknown)
		}
		wait, reason, ok := c.nextWait(&st, err)
		if !ok {
			return giveUp(attempt, err)
		}
		c.log.Info(ctx, "Hoko API request failed; waiting before retrying", map[string]any{
			"method": method, "path": path, "attempt": attempt, "reason": reason,
			"wait": wait.Round(time.Millisecond).String(), "wait_ms": wait.Milliseconds(),
		})
		if !sleep(ctx, wait) {
			return stopped(ctx, method, path, err)
		}
	}
}

// attempt sends one HTTP request and reads its answer, within the per-attempt
// timeout when one is configured.
func (c *Client) attempt(parent context.Context, method string, u *url.URL, payload []byte, limit int, out any) error {
	path := u.Path
	ctx := parent
	if c.requestTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(parent, c.requestTimeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(payload))
	if err != nil {
		return fmt.Errorf("building %s %s request: %w", method, path, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	start := time.Now()
	resp, err := c.http.Do(req)
	fields := map[string]any{"method": method, "path": path, "query": u.RawQuery, "request_bytes": len(payload)}
	if err != nil {
		fields["duration_ms"] = time.Since(start).Milliseconds()
		fields["error"] = err.Error()
		c.log.Debug(ctx, "Hoko API request failed", fields)
		if parent.Err() == nil && ctx.Err() != nil {
			return fmt.Errorf("%s %s: no answer within the request timeout of %s: %w", method, path, c.requestTimeout, err)
		}
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	respBody, readErr := readBody(resp, limit)
	fields["status"] = resp.StatusCode
	fields["duration_ms"] = time.Since(start).Milliseconds()
	fields["response_bytes"] = len(respBody)
	c.log.Debug(ctx, "Hoko API request", fields)
	c.clock.observe(resp.Header, start, time.Now())
	if interval, switched := c.pace.observe(resp.Header, time.Now()); switched {
		c.log.Info(ctx, "Hoko API rate limit: changing the pace of requests", map[string]any{
			"remaining": resp.Header.Get("X-RateLimit-Remaining"), "interval": interval.String(),
		})
	}

	if readErr != nil {
		return fmt.Errorf("%s %s: reading response (HTTP %d): %w", method, path, resp.StatusCode, readErr)
	}
	if len(respBody) > limit {
		return &Error{Method: method, Path: path, StatusCode: resp.StatusCode,
			Message: fmt.Sprintf("response is larger than %d MiB, more than the provider reads for this request", limit>>20),
			Excerpt: excerpt(respBody[:excerptLength*4]), cause: errTooLarge}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := decodeError(method, path, resp.StatusCode, resp.Header.Get("Retry-After"), respBody)
		if apiErr.StatusCode == http.StatusTooManyRequests && apiErr.RetryAfter == 0 {
			apiErr.RetryAfter = resetWait(resp.Header, time.Now())
		}
		if apiErr.StatusCode >= 300 && apiErr.StatusCode < 400 {
			apiErr.Message = redirectMessage(apiErr.StatusCode, resp.Header.Get("Location"))
		}
		return apiErr
	}
	if out == nil {
		return nil
	}
	return decodeSuccess(method, path, resp.StatusCode, resp.Header.Get("Content-Type"), respBody, out)
}

// maxPreallocated bounds the buffer readBody takes on a server's word
// alone: a length announced but never sent must not cost more memory than
// a page of 10,000 links (about 4 MB) takes. A longer body still reads,
// into a buffer that grows.
const maxPreallocated = 16 << 20

// readBody reads at most limit+1 bytes of resp's body (one more than is
// accepted, to tell a body that is too large). When the server announced
// the length, it reads into one buffer of that size: io.ReadAll grows its
// buffer by doubling, which for a page of thousands of objects allocates
// the body about twice over, at a refresh's busiest moment.
func readBody(resp *http.Response, limit int) ([]byte, error) {
	r := io.LimitReader(resp.Body, int64(limit)+1)
	if n := resp.ContentLength; n >= 0 && n <= int64(min(limit, maxPreallocated)) {
		// ReadFrom asks for MinRead bytes of room before every read,
		// the last one (which finds the end) included.
		buf := bytes.NewBuffer(make([]byte, 0, int(n)+bytes.MinRead))
		_, err := buf.ReadFrom(r)
		return buf.Bytes(), err
	}
	return io.ReadAll(r)
}

// decodeSuccess decodes a 2xx body into out, turning anything that is not
// the expected JSON into an *Error that quotes what came back.
func decodeSuccess(method, path string, status int, contentType string, body []byte, out any) error {
	fail := func(msg string) error {
		return &Error{Method: method, Path: path, StatusCode: status, Message: msg, Excerpt: excerpt(body)}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return fail("response body is empty; expected JSON")
	}
	if mediaType, _, err := mime.ParseMediaType(contentType); contentType != "" && (err != nil || !isJSONMediaType(mediaType)) {
		return fail(fmt.Sprintf("response has content type %q; expected JSON", contentType))
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fail(fmt.Sprintf("response is not the expected JSON: %v", err))
	}
	return nil
}

// isJSONMediaType accepts application/json and the +json family.
func isJSONMediaType(mediaType string) bool {
	return mediaType == "application/json" || len(mediaType) > 5 && mediaType[len(mediaType)-5:] == "+json"
}
