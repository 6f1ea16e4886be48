package provider

import (
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// The hoko_links data source and the hoko_link list resource share one set
// of filters, so a query and a data source with the same filters find the
// same links. Hoko filters by external id, tenant id and partner id itself;
// it has no collection filter, so collection_id is applied here, to every
// link of the workspace.

// linkFilterModel is the filter arguments.
type linkFilterModel struct {
	CollectionID types.String `tfsdk:"collection_id"`
	TenantID     types.String `tfsdk:"tenant_id"`
	PartnerID    types.String `tfsdk:"partner_id"`
	ExternalID   types.String `tfsdk:"external_id"`
}

// linkFilter is one filter argument: its name, its description and what it
// accepts.
type linkFilter struct {
	name        string
	description string
	validators  []validator.String
}

// linkFilters are the filter arguments, in the order the docs list them.
func linkFilters() []linkFilter {
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	return []linkFilter{
		{"collection_id", "Only links of the collection with this id. Hoko has no collection filter, so this " +
			"reads every link of the workspace (10,000 per request) and keeps those of the collection: in a " +
			"workspace of 50,000 links it costs five requests and reads all 50,000, however few the collection " +
			"holds. Combine it with a filter Hoko applies itself (`tenant_id`, `partner_id`, `external_id`) to " +
			"read less.", idLookupValidators(collectionKind)},
		{"tenant_id", "Only links with exactly this tenant id; Hoko applies this filter itself.", nonEmpty},
		{"partner_id", "Only links attributed to the partner with this id; Hoko applies this filter itself.",
			idLookupValidators(partnerKind)},
		{"external_id", "Only the link with exactly this external id; Hoko applies this filter itself.", nonEmpty},
	}
}

// query is the listing the filters ask for, oldest first: the API's own
// filters in the request, the collection kept here.
func (f linkFilterModel) query() listQuery[hoko.Link] {
	filter := url.Values{}
	for name, v := range map[string]types.String{"tenantId": f.TenantID, "partnerId": f.PartnerID, "externalId": f.ExternalID} {
		if !v.IsNull() {
			filter.Set(name, v.ValueString())
		}
	}
	q := listQuery[hoko.Link]{opts: hoko.ListOptions{Sort: hoko.SortAsc, Filter: filter}}
	if !f.CollectionID.IsNull() {
		collectionID := f.CollectionID.ValueString()
		q.keep = func(l hoko.Link) bool { return l.CollectionID == collectionID }
	}
	return q
}

// checkKnown refuses filters whose values are not known yet: the links to
// list cannot be chosen.
func (f linkFilterModel) checkKnown(diags *diag.Diagnostics) {
	for name, v := range map[string]types.String{"collection_id": f.CollectionID, "tenant_id": f.TenantID,
		"partner_id": f.PartnerID, "external_id": f.ExternalID} {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown Link Filter",
				fmt.Sprintf("The %s filter depends on a value that is not known yet, so the links to list cannot "+
					"be chosen. Set it to a known value, or leave it out.", name))
		}
	}
}
