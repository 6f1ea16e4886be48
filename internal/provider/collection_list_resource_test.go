package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// TestAccCollectionList_Query needs Terraform 1.14+ (`terraform query`) and
// is skipped on older ones and on OpenTofu, which has no query; the
// TestProtocolCollectionList tests cover the
// list resource on any Terraform by calling the ListResource RPC directly.

func TestAccCollectionList_Query(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	links, _ := mock.CollectionByName("Links")
	campaigns := mock.Seed("Campaigns", new("Spring and summer"))
	camp := mock.Seed("Spring Camp", nil)
	mock.Seed("campaigns archive", nil)
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{needsTerraformQuery},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: mock.config(`data "hoko_collection" "links" { name = "Links" }`),
			},
			{
				// A query step's .tfquery.hcl joins the previous step's .tf
				// in the same directory, and that already holds the provider
				// block: repeating it here is a "Duplicate provider
				// configuration".
				Query: true,
				Config: `
list "hoko_collection" "all" {
  provider         = hoko
  include_resource = true
}
list "hoko_collection" "camp" {
  provider = hoko
  config {
    name_contains = "Camp"
  }
}`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("hoko_collection.all", 4),
					querycheck.ExpectIdentity("hoko_collection.all", map[string]knownvalue.Check{"id": knownvalue.StringExact(links.ID)}),
					querycheck.ExpectResourceDisplayName("hoko_collection.all",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(campaigns.ID)}),
						knownvalue.StringExact("Campaigns")),
					querycheck.ExpectResourceKnownValues("hoko_collection.all",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(campaigns.ID)}),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("Campaigns")},
							{Path: tfjsonpath.New("description"), KnownValue: knownvalue.StringExact("Spring and summer")},
						}),
					querycheck.ExpectLength("hoko_collection.camp", 2),
					querycheck.ExpectIdentity("hoko_collection.camp", map[string]knownvalue.Check{"id": knownvalue.StringExact(campaigns.ID)}),
					querycheck.ExpectIdentity("hoko_collection.camp", map[string]knownvalue.Check{"id": knownvalue.StringExact(camp.ID)}),
				},
			},
		},
	})
}

// listResult is one decoded result of the ListResource RPC.
type listResult struct {
	displayName string
	identityID  string
	resource    map[string]string // nil when the result carries no resource object
}

// listServer is the provider server's list resource RPCs, which
// terraform-plugin-go still keeps on an interface of their own.
func (p *protocolProvider) listServer() tfprotov6.ListResourceServer {
	p.t.Helper()
	server, ok := p.server.(tfprotov6.ListResourceServer)
	if !ok {
		p.t.Fatalf("%T does not serve list resources", p.server)
	}
	return server
}

// list calls ListResource for hoko_collection and reads the whole stream.
// nameContains "" leaves the filter out.
func (p *protocolProvider) list(nameContains string, includeResource bool, limit int64) ([]listResult, []*tfprotov6.Diagnostic) {
	p.t.Helper()
	return p.listOf("hoko_collection", nameContains, includeResource, limit)
}

// listOf calls ListResource for typeName and reads the whole stream.
func (p *protocolProvider) listOf(typeName, nameContains string, includeResource bool, limit int64) ([]listResult, []*tfprotov6.Diagnostic) {
	p.t.Helper()
	set := map[string]tftypes.Value{}
	if nameContains != "" {
		set["name_contains"] = tftypes.NewValue(tftypes.String, nameContains)
	}
	return p.listWith(typeName, set, includeResource, limit)
}

// listWith calls ListResource for typeName with the config attributes set
// (the others null) and reads the whole stream.
func (p *protocolProvider) listWith(typeName string, set map[string]tftypes.Value, includeResource bool, limit int64) ([]listResult, []*tfprotov6.Diagnostic) {
	p.t.Helper()
	configType := p.schema.ListResourceSchemas[typeName].ValueType()
	stream, err := p.listServer().ListResource(context.Background(), &tfprotov6.ListResourceRequest{
		TypeName:        typeName,
		Config:          p.dynamic(configType, p.value(configType, set)),
		IncludeResource: includeResource,
		Limit:           limit,
	})
	if err != nil {
		p.t.Fatal(err)
	}
	resourceType := p.resourceType(typeName)
	var results []listResult
	var diags []*tfprotov6.Diagnostic
	for r := range stream.Results {
		diags = append(diags, r.Diagnostics...)
		if r.Identity == nil {
			continue
		}
		result := listResult{displayName: r.DisplayName, identityID: p.identityID(r.Identity)}
		if r.Resource != nil {
			result.resource = p.attributes(resourceType, r.Resource)
		}
		results = append(results, result)
	}
	return results, diags
}

// checkListResult checks one result against the collection the mock holds.
func checkListResult(t *testing.T, got listResult, want hokotest.Collection, withResource bool) {
	t.Helper()
	if got.displayName != want.Name || got.identityID != want.ID {
		t.Errorf("result %q with identity %s, want %q with identity %s", got.displayName, got.identityID, want.Name, want.ID)
	}
	if !withResource {
		if got.resource != nil {
			t.Errorf("result %q carries a resource object %v that was not asked for", got.displayName, got.resource)
		}
		return
	}
	description := "<null>"
	if want.Description != nil {
		description = *want.Description
	}
	r := got.resource
	if r["id"] != want.ID || r["name"] != want.Name || r["description"] != description {
		t.Errorf("resource object %v, want id %s, name %q, description %q", r, want.ID, want.Name, description)
	}
	for attr, at := range map[string]time.Time{"created_at": want.CreatedAt, "updated_at": want.UpdatedAt} {
		if parsed, err := time.Parse(time.RFC3339Nano, r[attr]); err != nil || !parsed.Equal(at) {
			t.Errorf("resource %s = %q, want %s", attr, r[attr], at.Format(time.RFC3339Nano))
		}
	}
}

func TestProtocolCollectionList_SchemaHasNameFilter(t *testing.T) {
	t.Parallel()
	p := newProtocolProvider(t, newMockHoko(t))
	s, ok := p.schema.ListResourceSchemas["hoko_collection"]
	if got := slices.Sorted(maps.Keys(p.schema.ListResourceSchemas)); !ok || !slices.Equal(got, []string{"hoko_collection", "hoko_link", "hoko_partner", "hoko_tag"}) {
		t.Fatalf("list resource schemas for %v, want one per resource", got)
	}
	attrs := s.Block.Attributes
	if len(attrs) != 1 || attrs[0].Name != "name_contains" || !attrs[0].Optional || !attrs[0].Type.Is(tftypes.String) {
		t.Fatalf("list config attributes = %+v, want one optional string name_contains", attrs)
	}
	if !strings.Contains(attrs[0].Description, "case-sensitive substring") || !strings.HasSuffix(s.Block.Description, ".") {
		t.Errorf("list schema descriptions do not explain the filter: %q / %q", s.Block.Description, attrs[0].Description)
	}
}

func TestProtocolCollectionList_StreamsPagesWithFilter(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	// With Links, 10,002 collections: a full page and a page of two. The
	// filter matches bulk-01000 on the first page and bulk-10000 and
	// bulk-10001 on the second.
	bulk := mock.SeedN(10001, "bulk")
	p := newProtocolProvider(t, mock)

	results, diags := p.list("1000", true, 100)
	requireNoErrors(t, "ListResource", diags)
	want := []hokotest.Collection{bulk[999], bulk[9999], bulk[10000]}
	if len(results) != len(want) {
		t.Fatalf("got %d results, want %d", len(results), len(want))
	}
	for i := range want {
		checkListResult(t, results[i], want[i], true)
	}
	if err := mock.checkListingGETs("asc", 2); err != nil {
		t.Error(err)
	}
	if n := len(mock.getQueries()); n != 2 {
		t.Errorf("one listing took %d GETs, want 2", n)
	}
}

func TestProtocolCollectionList_EveryCollectionOfTwoPages(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	mock.SeedN(10001, "bulk")
	all := mock.Collections() // oldest first, the order the list resource reads in
	p := newProtocolProvider(t, mock)

	results, diags := p.list("", false, 1_000_000)
	requireNoErrors(t, "ListResource", diags)
	if len(results) != len(all) {
		t.Fatalf("got %d results, want all %d collections", len(results), len(all))
	}
	for i := range all {
		if results[i].identityID != all[i].ID || results[i].displayName != all[i].Name {
			t.Fatalf("result %d = %q (%s), want %q (%s)", i, results[i].displayName, results[i].identityID, all[i].Name, all[i].ID)
		}
	}
	checkListResult(t, results[0], all[0], false) // Links, without a resource object
	if err := mock.checkListingGETs("asc", 2); err != nil {
		t.Error(err)
	}
}

func TestProtocolCollectionList_LimitStopsPaging(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	bulk := mock.SeedN(10001, "bulk")
	p := newProtocolProvider(t, mock)

	// The limit is reached on the last item of the first page: the second
	// page is never requested.
	results, diags := p.list("", false, 10000)
	requireNoErrors(t, "ListResource", diags)
	if len(results) != 10000 {
		t.Fatalf("got %d results, want the limit of 10000", len(results))
	}
	checkListResult(t, results[9999], bulk[9998], false)
	if queries := mock.getQueries(); len(queries) != 1 || queries[0].Has("skip") {
		t.Errorf("GETs = %v, want only the first page", queries)
	}

	mock.ResetRequests()
	results, diags = p.list("bulk-0000", true, 3)
	requireNoErrors(t, "ListResource", diags)
	if len(results) != 3 {
		t.Fatalf("got %d results, want the limit of 3", len(results))
	}
	for i := range results {
		checkListResult(t, results[i], bulk[i], true)
	}
}

func TestProtocolCollectionList_Errors(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	readOnlyWrites := *mock
	readOnlyWrites.Key = mock.NewKey(hokotest.ScopeWrite)
	p := newProtocolProvider(t, &readOnlyWrites)

	results, diags := p.list("", true, 100)
	if len(results) != 0 {
		t.Errorf("got %d results from a refused listing", len(results))
	}
	requireError(t, "ListResource", diags, "Hoko API Key Lacks Scopes",
		"list the workspace's collections", "collectionsRead")

	// An empty filter is refused when Terraform validates the list block.
	configType := p.schema.ListResourceSchemas["hoko_collection"].ValueType()
	resp, err := p.listServer().ValidateListResourceConfig(context.Background(), &tfprotov6.ValidateListResourceConfigRequest{
		TypeName: "hoko_collection",
		Config: p.dynamic(configType, p.value(configType, map[string]tftypes.Value{
			"name_contains": tftypes.NewValue(tftypes.String, ""),
		})),
	})
	if err != nil {
		t.Fatal(err)
	}
	requireError(t, "ValidateListResourceConfig", resp.Diagnostics, "Invalid Attribute Value Length",
		fmt.Sprintf("%s string length must be at least 1", "name_contains"))
}
