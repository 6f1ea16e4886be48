package provider

import (
	"context"
	"os"
	"strings"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// Environment variables the provider reads when its arguments are not set.
const (
	envAPIKey   = "HOKO_API_KEY"
	envEndpoint = "HOKO_ENDPOINT"
)

var (
	_ provider.Provider                  = (*hokoProvider)(nil)
	_ provider.ProviderWithListResources = (*hokoProvider)(nil)
	_ provider.ProviderWithFunctions     = (*hokoProvider)(nil)
)

// New returns a constructor for the provider, with version set at build time.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &hokoProvider{version: version}
	}
}

// hokoProvider is the Hoko provider.
type hokoProvider struct {
	version string
	// operations counts the operations Terraform runs in this provider
	// (see NewServer); nil when it is served without that count.
	operations *hoko.Operations
	// configured receives the client Configure builds, for the parts of
	// the provider's server that serve calls themselves (links_server.go);
	// nil when there are none.
	configured *atomic.Pointer[hoko.Client]
}

// providerModel is the provider block's configuration.
type providerModel struct {
	APIKey         types.String `tfsdk:"api_key"`
	Endpoint       types.String `tfsdk:"endpoint"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
	BatchRequests  types.Bool   `tfsdk:"batch_requests"`
	MaxBatchSize   types.Int64  `tfsdk:"max_batch_size"`
}

// Metadata names the provider and reports its version.
func (p *hokoProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "hoko"
	resp.Version = p.version
}

// Schema describes the provider block.
func (p *hokoProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "The Hoko provider manages the collections, tags and partners of a Hoko workspace through the Hoko API.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				Description: "The Hoko API key of the workspace to manage; a key belongs to exactly one workspace. " +
					"Each kind needs its own scopes: `collectionsRead` to read collections and `collectionsWrite` to " +
					"create, update and delete them; `tagsRead` and `tagsWrite` for tags; `partnersRead` and " +
					"`partnersWrite` for partners, plus `linksWrite`, which Hoko's pages for updating and deleting " +
					"partners name instead, so a key that writes partners should carry both. A key needs only the " +
					"scopes of the kinds a configuration uses. " +
					"When it is not set, the provider reads the `" + envAPIKey + "` environment variable; one of the " +
					"two must be set. White space around the key, such as the line break that `file()` keeps, is ignored. " +
					"The key is sensitive: Terraform hides it in plans, and the provider never logs it and masks it in " +
					"anything a server sends back.",
				Optional:  true,
				Sensitive: true,
			},
			"endpoint": schema.StringAttribute{
				Description: "The base URL of the Hoko API, without the `/api/collections` path. When it is not set, " +
					"the provider reads the `" + envEndpoint + "` environment variable, then uses `" + hoko.DefaultEndpoint +
					"`. It must use `https://`; plain `http://` is accepted only for " +
					"a loopback host (`localhost`, `127.0.0.0/8`, `::1`), such as a local mock server, so that the key " +
					"never travels in clear text.",
				Optional:   true,
				Validators: []validator.String{endpointValidator{}},
			},
			"max_retries":     maxRetriesAttribute(),
			"request_timeout": requestTimeoutAttribute(),
			"batch_requests":  batchRequestsAttribute(),
			"max_batch_size":  maxBatchSizeAttribute(),
		},
	}
}

// Configure builds the API client from the configuration and environment,
// failing early with a clear diagnostic rather than with a 401 later.
func (p *hokoProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.APIKey.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("api_key"), "Unknown Hoko API Key",
			"The provider cannot be configured because api_key depends on a value that is not known until apply. "+
				"Set it to a known value, or set the "+envAPIKey+" environment variable and remove the argument.")
	}
	if cfg.Endpoint.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("endpoint"), "Unknown Hoko Endpoint",
			"The provider cannot be configured because endpoint depends on a value that is not known until apply. "+
				"Set it to a known value, or set the "+envEndpoint+" environment variable and remove the argument.")
	}
	if resp.Diagnostics.HasError() {
		return
	}

	// A key read with file() ends in a line break, which could never be sent;
	// white space around a key is never part of it.
	apiKey := strings.TrimSpace(stringOr(cfg.APIKey, os.Getenv(envAPIKey)))
	endpoint := stringOr(cfg.Endpoint, os.Getenv(envEndpoint))
	if apiKey == "" {
		resp.Diagnostics.AddAttributeError(path.Root("api_key"), "Missing Hoko API Key",
			"The provider needs an API key to call the Hoko API. Set api_key in the provider block or the "+
				envAPIKey+" environment variable to a key with the read and write scopes of the kinds the configuration "+
				"uses, such as collectionsRead and collectionsWrite for collections.")
		return
	}
	if err := hoko.CheckAPIKey(apiKey); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("api_key"), "Invalid Hoko API Key",
			"The provider cannot send the configured API key (api_key or the "+envAPIKey+" environment variable): "+
				err.Error()+". Copy the key again as one line, without spaces.")
		return
	}
	tuning := resolveTuning(cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	client, err := hoko.New(hoko.Config{
		Endpoint:        endpoint,
		APIKey:          apiKey,
		UserAgent:       "terraform-provider-hoko/" + p.version,
		Logger:          newTFLogger(apiKey),
		MaxRetries:      tuning.maxRetries,
		RequestTimeout:  tuning.requestTimeout,
		DisableBatching: !tuning.batchRequests,
		MaxBatchSize:    tuning.maxBatchSize,
		Operations:      p.operations,
	})
	if err != nil {
		addEndpointError(&resp.Diagnostics, path.Root("endpoint"), endpoint, err)
		return
	}
	resp.DataSourceData = client
	resp.ResourceData = client
	resp.ListResourceData = client
	if p.configured != nil {
		p.configured.Store(client)
	}
}

// Resources lists the provider's managed resources.
func (p *hokoProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{NewCollectionResource, NewTagResource, NewPartnerResource, NewLinkResource, NewLinksResource}
}

// ListResources lists the provider's list resources, which `terraform query`
// (Terraform 1.14+) uses.
func (p *hokoProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{NewCollectionListResource, NewTagListResource, NewPartnerListResource, NewLinkListResource}
}

// DataSources lists the provider's data sources.
func (p *hokoProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewCollectionDataSource, NewCollectionsDataSource,
		NewTagDataSource, NewTagsDataSource,
		NewPartnerDataSource, NewPartnersDataSource,
		NewLinkDataSource, NewLinksDataSource,
	}
}

// Functions lists the provider's functions (Terraform 1.8+).
func (p *hokoProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{NewUTMURLFunction}
}

// stringOr returns v's value when it is set, and fallback otherwise.
func stringOr(v types.String, fallback string) string {
	if v.IsNull() || v.ValueString() == "" {
		return fallback
	}
	return v.ValueString()
}
