package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ list.ListResource              = (*linkListResource)(nil)
	_ list.ListResourceWithConfigure = (*linkListResource)(nil)
)

// NewLinkListResource returns the hoko_link list resource, which `terraform
// query` (Terraform 1.14+) uses to find links to adopt.
func NewLinkListResource() list.ListResource {
	return &linkListResource{}
}

// linkListResource lists the workspace's links with their identities and,
// when asked, their full resource objects.
type linkListResource struct {
	objects kindObjects[hoko.Link, hoko.LinkItem]
}

// Metadata names the list resource hoko_link, after the resource it lists.
func (r *linkListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_link"
}

// ListResourceConfigSchema describes the list block's config: the same
// filters as the hoko_links data source.
func (r *linkListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	attrs := map[string]listschema.Attribute{}
	for _, f := range linkFilters() {
		attrs[f.name] = listschema.StringAttribute{Description: f.description, Optional: true, Validators: f.validators}
	}
	resp.Schema = listschema.Schema{
		Description: "Lists the links of the Hoko workspace, oldest first, optionally filtered (the filters " +
			"combine with AND), each with its identity and, when `include_resource` is set, all of its " +
			"attributes, so that `terraform query -generate-config-out=...` can write the resource and import " +
			"blocks that adopt them. Results are handed to Terraform as each page (10,000 links) arrives.",
		Attributes: attrs,
	}
}

// Configure takes the API client the provider built.
func (r *linkListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.objects = linkObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// List streams the links that pass the filters, oldest first.
func (r *linkListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg linkFilterModel
	diags := req.Config.Get(ctx, &cfg)
	if !diags.HasError() {
		cfg.checkKnown(&diags)
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	streamMatching(ctx, r.objects, req, stream, cfg.query(), linkListObject)
}
