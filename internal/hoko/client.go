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

// collectionsPath is the API's only path: every operation is a method on it.
const collectionsPath = "/api/collections"

// maxResponseBytes bounds how much of a response the client reads. A full
// page of 10,000 collections with long descriptions fits many times over; a
// larger answer is not the Hoko API and is refused rather than buffered.
const maxResponseBytes = 64 << 20

// Logger receives one entry per request. The provider passes tflog through
// it; the client itself has no logging dependency. Fields never hold the key.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Info(ctx context.Context, msg string, fields map[string]any)
}

// Config configures a Client.
type Config struct {
	// Endpoint is the API's base URL; empty means DefaultEndpoint.
	Endpoint string
	// APIKey is sent as a bearer token on every request.
	APIKey string
	// UserAgent is sent on every request.
	UserAgent string
	// HTTPClient sends the requests; nil means a client with sane timeouts.
	// Its redirect policy is replaced: the client never follows redirects,
	// so the key cannot be carried to another host.
	HTTPClient *http.Client
	// Logger receives request logs; nil discards them.
	Logger Logger
	// MaxRetries is how many times one request is retried after a server
	// error or a lost connection when that is safe; zero sends each request
	// once. Rate limits (429) are waited out without counting against it, for
	// up to two minutes per request.
	MaxRetries int
	// RequestTimeout bounds one HTTP attempt; zero means no bound beyond the
	// caller's context.
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
	// MaxBatchSize caps the items of one coalesced write; zero means
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

	// batch coalesces single-item calls into bulk requests; nil when
	// batching is off (see batch_client.go).
	batch *coalescer
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
	if cfg.APIKey == "" {
		return nil, errors.New("an API key is required")
	}
	httpClient := &http.Client{Timeout: 2 * time.Minute}
	if cfg.HTTPClient != nil {
		copied := *cfg.HTTPClient
		httpClient = &copied
	}
	httpClient.CheckRedirect = refuseRedirects
	logger := cfg.Logger
	if logger == nil {
		logger = discardLogger{}
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
		retryWaitMin: waitMin, retryWaitMax: waitMax, pace: newPacer(waitMax),
	}
	c.batch = newCoalescer(c, cfg)
	return c, nil
}

// refuseRedirects stops net/http from following a redirect: a key sent to
// the API must never be replayed to wherever a 3xx points.
func refuseRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// discardLogger is the Logger used when none is configured.
type discardLogger struct{}

func (discardLogger) Debug(context.Context, string, map[string]any) {}
func (discardLogger) Info(context.Context, string, map[string]any)  {}

// send is the single send path: it encodes the request, sends it, and
// decodes the answer into out (when out is non-nil) or into an *Error.
// Requests that are safe to repeat are retried on 429, 5xx and transport
// errors; a request that creates collections is retried only when the server
// certainly did not act on it, and an unknown outcome is returned wrapping
// ErrOutcomeUnknown for UpsertCollections to resolve (see retry.go).
func (c *Client) send(ctx context.Context, method string, query url.Values, body, out any) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("encoding %s %s body: %w", method, collectionsPath, err)
		}
	}
	u := *c.base
	u.Path += collectionsPath
	u.RawQuery = query.Encode()

	idempotent := isIdempotent(method, body)
	var st retryState
	for attempt := 1; ; attempt++ {
		if !c.pace.wait(ctx) {
			return fmt.Errorf("%s %s: stopped while pacing requests for the rate limit: %w", method, collectionsPath, context.Cause(ctx))
		}
		err := c.attempt(ctx, method, &u, payload, out)
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
			"method": method, "path": collectionsPath, "attempt": attempt, "reason": reason,
			"wait": wait.Round(time.Millisecond).String(), "wait_ms": wait.Milliseconds(),
		})
		if !sleep(ctx, wait) {
			return stopped(ctx, method, err)
		}
	}
}

// attempt sends one HTTP request and reads its answer, within the per-attempt
// timeout when one is configured.
func (c *Client) attempt(parent context.Context, method string, u *url.URL, payload []byte, out any) error {
	ctx := parent
	if c.requestTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(parent, c.requestTimeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(payload))
	if err != nil {
		return fmt.Errorf("building %s %s request: %w", method, collectionsPath, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	start := time.Now()
	resp, err := c.http.Do(req)
	fields := map[string]any{"method": method, "path": collectionsPath, "query": u.RawQuery, "request_bytes": len(payload)}
	if err != nil {
		fields["duration_ms"] = time.Since(start).Milliseconds()
		fields["error"] = err.Error()
		c.log.Debug(ctx, "Hoko API request failed", fields)
		if parent.Err() == nil && ctx.Err() != nil {
			return fmt.Errorf("%s %s: no answer within the request timeout of %s: %w", method, collectionsPath, c.requestTimeout, err)
		}
		return fmt.Errorf("%s %s: %w", method, collectionsPath, err)
	}
	defer resp.Body.Close()
	respBody, readErr := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	fields["status"] = resp.StatusCode
	fields["duration_ms"] = time.Since(start).Milliseconds()
	fields["response_bytes"] = len(respBody)
	c.log.Debug(ctx, "Hoko API request", fields)
	if interval, switched := c.pace.observe(resp.Header, time.Now()); switched {
		c.log.Info(ctx, "Hoko API rate limit: changing the pace of requests", map[string]any{
			"remaining": resp.Header.Get("X-RateLimit-Remaining"), "interval": interval.String(),
		})
	}

	if readErr != nil {
		return fmt.Errorf("%s %s: reading response (HTTP %d): %w", method, collectionsPath, resp.StatusCode, readErr)
	}
	if len(respBody) > maxResponseBytes {
		return &Error{Method: method, Path: collectionsPath, StatusCode: resp.StatusCode,
			Message: fmt.Sprintf("response is larger than %d MiB; this does not look like the Hoko API", maxResponseBytes>>20),
			Excerpt: excerpt(respBody[:excerptLength*4])}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := decodeError(method, collectionsPath, resp.StatusCode, resp.Header.Get("Retry-After"), respBody)
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
	return decodeSuccess(method, resp.StatusCode, resp.Header.Get("Content-Type"), respBody, out)
}

// decodeSuccess decodes a 2xx body into out, turning anything that is not
// the expected JSON into an *Error that quotes what came back.
func decodeSuccess(method string, status int, contentType string, body []byte, out any) error {
	fail := func(msg string) error {
		return &Error{Method: method, Path: collectionsPath, StatusCode: status, Message: msg, Excerpt: excerpt(body)}
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
