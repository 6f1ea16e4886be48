package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ list.ListResource              = (*partnerListResource)(nil)
	_ list.ListResourceWithConfigure = (*partnerListResource)(nil)
)

// NewPartnerListResource returns the hoko_partner list resource, which
// `terraform query` (Terraform 1.14+) uses to find partners to adopt.
func NewPartnerListResource() list.ListResource {
	return &partnerListResource{}
}

// partnerListResource lists the workspace's partners with their identities
// and, when asked, their full resource objects.
type partnerListResource struct {
	objects kindObjects[hoko.Partner, hoko.PartnerItem]
}

// Metadata names the list resource hoko_partner, after the resource it
// lists.
func (r *partnerListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_partner"
}

// ListResourceConfigSchema describes the list block's config: the same name
// filter as the hoko_partners data source.
func (r *partnerListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = nameFilterListSchema(partnerKind, "Lists the partners of the Hoko workspace, oldest first, each "+
		"with its identity and, when `include_resource` is set, all of its attributes, so that `terraform query "+
		"-generate-config-out=...` can write the resource and import blocks that adopt them. Partners that share "+
		"a name are listed each with its own identity. The whole workspace is read page by page (10,000 partners "+
		"per request); results are handed to Terraform as each page arrives.")
}

// Configure takes the API client the provider built.
func (r *partnerListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.objects = partnerObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// List streams the partners that pass the filter, oldest first.
func (r *partnerListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	streamObjects(ctx, r.objects, req, stream, partnerListObject)
}
