package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const dataCollections = "data.hoko_collections.test"

func TestAccCollectionsDataSource_SortAndFilter(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	links, _ := mock.CollectionByName("Links")
	campaigns := mock.Seed("Campaigns", new("Spring and summer"))
	camp := mock.Seed("Spring Camp", nil)
	lower := mock.Seed("campaigns archive", new(""))
	collections := tfjsonpath.New("collections")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: mock.config(`data "hoko_collections" "test" { sort = "asc" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dataCollections, collections, knownvalue.ListExact([]knownvalue.Check{
						expectCollection(links), expectCollection(campaigns), expectCollection(camp), expectCollection(lower),
					})),
				},
				Check: checkMock(func() error { return mock.checkListingGETs("asc", 1) }),
			},
			{
				PreConfig: mock.ResetRequests,
				// No sort: the API's default, newest first, and no sort parameter sent.
				Config: mock.config(`data "hoko_collections" "test" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dataCollections, collections, knownvalue.ListExact([]knownvalue.Check{
						expectCollection(lower), expectCollection(camp), expectCollection(campaigns), expectCollection(links),
					})),
					statecheck.ExpectKnownValue(dataCollections, tfjsonpath.New("sort"), knownvalue.Null()),
				},
				Check: checkMock(func() error { return mock.checkListingGETs("", 1) }),
			},
			{
				// Case-sensitive substring: "Camp" is in "Campaigns" and
				// "Spring Camp", not in "campaigns archive".
				Config: mock.config(`
data "hoko_collections" "test" {
  sort          = "desc"
  name_contains = "Camp"
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dataCollections, collections, knownvalue.ListExact([]knownvalue.Check{
						expectCollection(camp), expectCollection(campaigns),
					})),
				},
			},
			{
				Config: mock.config(`data "hoko_collections" "test" { name_contains = "nothing like this" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					// Empty, not null, so length() works on it.
					statecheck.ExpectKnownValue(dataCollections, collections, knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
		},
	})
}

func TestAccCollectionsDataSource_MoreThanOnePage(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	// With Links, 10,002 collections: a full page of 10,000 and a second
	// page of two, bulk-10000 and bulk-10001.
	bulk := mock.SeedN(10001, "bulk")
	collections := tfjsonpath.New("collections")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// The filter matches bulk-01000 on the first page and
				// bulk-10000 and bulk-10001 on the second; the by-name lookup
				// finds a collection on the second page too.
				Config: mock.config(`
data "hoko_collections" "test" {
  sort          = "asc"
  name_contains = "1000"
}
data "hoko_collection" "test" { name = "bulk-10001" }`),
				ConfigStateChecks: append(expectCollectionState(bulk[10000]),
					statecheck.ExpectKnownValue(dataCollections, collections, knownvalue.ListExact([]knownvalue.Check{
						expectCollection(bulk[999]), expectCollection(bulk[9999]), expectCollection(bulk[10000]),
					})),
				),
				Check: checkMock(func() error { return mock.checkListingGETs("asc", 2) }),
			},
			{
				PreConfig: mock.ResetRequests,
				// Newest first, the second page is the oldest collections.
				// (Every collection of a two-page workspace in the list is
				// TestProtocolCollectionsDataSource_EveryCollectionOfTwoPages:
				// 10,002 objects through the Terraform CLI take seconds.)
				Config: mock.config(`
data "hoko_collections" "test" {
  sort          = "desc"
  name_contains = "0000"
}`),
				// bulk-10000 and bulk-00009 down to bulk-00002 are on the first
				// page, bulk-00001 on the second.
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dataCollections, collections, knownvalue.ListExact([]knownvalue.Check{
						expectCollection(bulk[9999]), expectCollection(bulk[8]), expectCollection(bulk[7]),
						expectCollection(bulk[6]), expectCollection(bulk[5]), expectCollection(bulk[4]),
						expectCollection(bulk[3]), expectCollection(bulk[2]), expectCollection(bulk[1]),
						expectCollection(bulk[0]),
					})),
				},
				Check: checkMock(func() error { return mock.checkListingGETs("desc", 2) }),
			},
		},
	})
}

func TestAccCollectionsDataSource_InvalidArgumentsFailAtPlan(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      mock.config(`data "hoko_collections" "test" { sort = "newest" }`),
				PlanOnly:    true,
				ExpectError: errorMatching("Invalid Attribute Value Match", "sort value must be one of", `got: "newest"`),
			},
			{
				Config:      mock.config(`data "hoko_collections" "test" { name_contains = "" }`),
				PlanOnly:    true,
				ExpectError: errorMatching("Invalid Attribute Value Length", "name_contains string length must be at least 1"),
			},
			{
				Config: mock.config(`data "hoko_collections" "test" { sort = "asc" }`),
				PreConfig: func() {
					if n := len(mock.Requests()); n != 0 {
						t.Errorf("mock received %d requests for invalid configurations, want none", n)
					}
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dataCollections, tfjsonpath.New("collections"), knownvalue.ListSizeExact(1)),
				},
				Check: checkMock(func() error {
					if err := mock.checkListingGETs("asc", 1); err != nil {
						return fmt.Errorf("after the invalid steps: %w", err)
					}
					return nil
				}),
			},
		},
	})
}

func TestProtocolCollectionsDataSource_EveryCollectionOfTwoPages(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	mock.SeedN(10001, "bulk")
	all := mock.Collections() // oldest first
	p := newProtocolProvider(t, mock)
	typ := p.schema.DataSourceSchemas["hoko_collections"].ValueType()

	resp, err := p.server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: "hoko_collections",
		Config:   p.dynamic(typ, p.value(typ, map[string]tftypes.Value{"sort": tftypes.NewValue(tftypes.String, "desc")})),
	})
	if err != nil {
		t.Fatal(err)
	}
	requireNoErrors(t, "ReadDataSource", resp.Diagnostics)
	state, err := resp.State.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	var list []tftypes.Value
	if err := state.As(&attrs); err != nil {
		t.Fatal(err)
	}
	if err := attrs["collections"].As(&list); err != nil {
		t.Fatal(err)
	}
	if len(list) != len(all) {
		t.Fatalf("collections holds %d objects, want all %d", len(list), len(all))
	}
	for i, v := range list {
		var obj map[string]tftypes.Value
		if err := v.As(&obj); err != nil {
			t.Fatal(err)
		}
		want := all[len(all)-1-i] // newest first
		if render(obj["id"]) != want.ID || render(obj["name"]) != want.Name || render(obj["description"]) != "<null>" {
			t.Fatalf("collections[%d] = %s %s, want %s %s", i, render(obj["id"]), render(obj["name"]), want.ID, want.Name)
		}
	}
	if err := mock.checkListingGETs("desc", 2); err != nil {
		t.Error(err)
	}
}
