package provider

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// Environment variables and defaults of the provider's tuning settings: how
// hard the client retries, and how it coalesces requests.
const (
	envMaxRetries     = "HOKO_MAX_RETRIES"
	envRequestTimeout = "HOKO_REQUEST_TIMEOUT"
	envBatchRequests  = "HOKO_BATCH_REQUESTS"
	envMaxBatchSize   = "HOKO_MAX_BATCH_SIZE"

	defaultMaxRetries     = 10
	defaultRequestTimeout = 30 * time.Second
	defaultBatchRequests  = true
	defaultMaxBatchSize   = 500
)

// tuning holds the resolved tuning settings.
type tuning struct {
	maxRetries     int
	requestTimeout time.Duration
	batchRequests  bool
	maxBatchSize   int
}

func maxRetriesAttribute() schema.Attribute {
	return schema.Int64Attribute{
		Description: fmt.Sprintf("How many times one API request is retried after a server error (5xx), a lost "+
			"connection or a rate limit (429) that gives no wait, with capped exponential backoff, before the operation "+
			"fails: a whole number from 0 to 100, where 0 turns retries off. A 429 that says how long to wait "+
			"(`retryAfter`, `Retry-After` or `X-RateLimit-Reset`) is waited out instead, up to two minutes per request, "+
			"without counting against it. Falls back to the `%s` environment variable, then to %d.", envMaxRetries, defaultMaxRetries),
		Optional:   true,
		Validators: []validator.Int64{int64validator.Between(0, 100)},
	}
}

func requestTimeoutAttribute() schema.Attribute {
	return schema.StringAttribute{
		Description: fmt.Sprintf("How long one API request may take before it is abandoned (and retried when that is "+
			"safe), as a positive Go duration such as `30s` or `5m`; longer values are honoured as given, with no "+
			"upper limit. Resource `timeouts` blocks bound whole operations. Falls "+
			"back to the `%s` environment variable, then to `%s`.", envRequestTimeout, defaultRequestTimeout),
		Optional:   true,
		Validators: []validator.String{positiveDurationValidator{}},
	}
}

func batchRequestsAttribute() schema.Attribute {
	return schema.BoolAttribute{
		Description: fmt.Sprintf("Whether the writes and reads of collections, tags, partners and links that "+
			"Terraform runs at the same time are coalesced into few bulk API requests: applying or destroying 1,000 "+
			"collections sends about 100 requests instead of 1,000, refreshing them 2. The price is wall time: "+
			"while a coalesced request is in flight, every operation Terraform runs side by side waits for it, so "+
			"an apply of a hundred to a few hundred resources takes 10 to 25 %% longer against an API that answers "+
			"in 20 ms. Turn it off to send one request per resource, when wall time matters more than the request "+
			"count and the workspace's rate limit allows it. Falls back to the `%s` environment variable, then to `%t`.",
			envBatchRequests, defaultBatchRequests),
		Optional: true,
	}
}

func maxBatchSizeAttribute() schema.Attribute {
	return schema.Int64Attribute{
		Description: fmt.Sprintf("The most items one coalesced write request carries, 1 to %d. Lower it when the "+
			"workspace's plan allows fewer items per request. Falls back to the `%s` environment variable, then to %d.",
			hoko.MaxItemsPerRequest, envMaxBatchSize, defaultMaxBatchSize),
		Optional:   true,
		Validators: []validator.Int64{int64validator.Between(1, hoko.MaxItemsPerRequest)},
	}
}

// resolveTuning takes each setting from the configuration, then the
// environment, then the default, reporting values it cannot use.
func resolveTuning(cfg providerModel, diags *diag.Diagnostics) tuning {
	t := tuning{
		maxRetries:     defaultMaxRetries,
		requestTimeout: defaultRequestTimeout,
		batchRequests:  defaultBatchRequests,
		maxBatchSize:   defaultMaxBatchSize,
	}
	if n, ok := intSetting(cfg.MaxRetries, envMaxRetries, "max_retries", "Max Retries", 0, 100, diags); ok {
		t.maxRetries = n
	}
	if n, ok := intSetting(cfg.MaxBatchSize, envMaxBatchSize, "max_batch_size", "Max Batch Size", 1, hoko.MaxItemsPerRequest, diags); ok {
		t.maxBatchSize = n
	}
	if raw := stringOr(cfg.RequestTimeout, os.Getenv(envRequestTimeout)); raw != "" {
		d, err := time.ParseDuration(raw)
		if err != nil || d <= 0 {
			diags.AddAttributeError(path.Root("request_timeout"), "Invalid Request Timeout",
				fmt.Sprintf("request_timeout (or %s) must be a positive Go duration such as \"30s\" or \"2m\"; got %q.", envRequestTimeout, raw))
		} else {
			t.requestTimeout = d
		}
	}
	switch {
	case !cfg.BatchRequests.IsNull() && !cfg.BatchRequests.IsUnknown():
		t.batchRequests = cfg.BatchRequests.ValueBool()
	case os.Getenv(envBatchRequests) != "":
		b, err := strconv.ParseBool(os.Getenv(envBatchRequests))
		if err != nil {
			diags.AddAttributeError(path.Root("batch_requests"), "Invalid Batch Requests Setting",
				fmt.Sprintf("%s must be true or false; got %q.", envBatchRequests, os.Getenv(envBatchRequests)))
		}
		t.batchRequests = b
	}
	return t
}

// intSetting reads an integer setting from the configuration or, when that is
// not set, from the environment variable env; title names it in diagnostics.
func intSetting(v types.Int64, env, attr, title string, lo, hi int, diags *diag.Diagnostics) (int, bool) {
	if !v.IsNull() && !v.IsUnknown() {
		return int(v.ValueInt64()), true
	}
	raw := os.Getenv(env)
	if raw == "" {
		return 0, false
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		diags.AddAttributeError(path.Root(attr), "Invalid "+title+" Setting",
			fmt.Sprintf("%s must be a whole number from %d to %d; got %q.", env, lo, hi, raw))
		return 0, false
	}
	return n, true
}
