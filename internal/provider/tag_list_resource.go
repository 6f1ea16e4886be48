package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ list.ListResource              = (*tagListResource)(nil)
	_ list.ListResourceWithConfigure = (*tagListResource)(nil)
)

// NewTagListResource returns the hoko_tag list resource, which `terraform
// query` (Terraform 1.14+) uses to find tags to adopt.
func NewTagListResource() list.ListResource {
	return &tagListResource{}
}

// tagListResource lists the workspace's tags with their identities and,
// when asked, their full resource objects.
type tagListResource struct {
	objects kindObjects[hoko.Tag, hoko.TagItem]
}

// Metadata names the list resource hoko_tag, after the resource it lists.
func (r *tagListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tag"
}

// ListResourceConfigSchema describes the list block's config: the same name
// filter as the hoko_tags data source.
func (r *tagListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = nameFilterListSchema(tagKind, "Lists the tags of the Hoko workspace, each with its identity and, "+
		"when `include_resource` is set, all of its attributes, so that `terraform query -generate-config-out=...` "+
		"can write the resource and import blocks that adopt them. The whole workspace is read page by page "+
		"(10,000 tags per request), in Hoko's order for tags (by id); results are handed to Terraform as each page "+
		"arrives.")
}

// Configure takes the API client the provider built.
func (r *tagListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.objects = tagObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// List streams the tags that pass the filter.
func (r *tagListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	streamObjects(ctx, r.objects, req, stream, tagListObject)
}
