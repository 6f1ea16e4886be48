package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

var (
	_ list.ListResource              = (*collectionListResource)(nil)
	_ list.ListResourceWithConfigure = (*collectionListResource)(nil)
)

// NewCollectionListResource returns the hoko_collection list resource, which
// `terraform query` (Terraform 1.14+) uses to find collections to adopt.
func NewCollectionListResource() list.ListResource {
	return &collectionListResource{}
}

// collectionListResource lists the workspace's collections with their
// identities and, when asked, their full resource objects.
type collectionListResource struct {
	objects kindObjects[hoko.Collection, hoko.CollectionItem]
}

// Metadata names the list resource hoko_collection, after the resource it
// lists.
func (r *collectionListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_collection"
}

// ListResourceConfigSchema describes the list block's config: the same name
// filter as the hoko_collections data source.
func (r *collectionListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = nameFilterListSchema(collectionKind, "Lists the collections of the Hoko workspace, oldest first, "+
		"each with its identity and, when `include_resource` is set, all of its attributes, so that "+
		"`terraform query -generate-config-out=...` can write the resource and import blocks that adopt them. The "+
		"whole workspace is read page by page (10,000 collections per request); results are handed to Terraform as "+
		"each page arrives.")
}

// Configure takes the API client the provider built.
func (r *collectionListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.objects = collectionObjects.on(clientFrom(req.ProviderData, &resp.Diagnostics))
}

// List streams the collections that pass the filter, oldest first.
func (r *collectionListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	streamObjects(ctx, r.objects, req, stream, collectionListObject)
}
