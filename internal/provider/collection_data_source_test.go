package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const dataCollection = "data.hoko_collection.test"

func TestAccCollectionDataSource_DefaultLinksByNameAndByID(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	links, ok := mock.CollectionByName("Links")
	if !ok {
		t.Fatal("the mock workspace has no Links collection")
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            mock.config(`data "hoko_collection" "test" { name = "Links" }`),
				ConfigStateChecks: expectCollectionState(links),
				// A name lookup lists the workspace: one page of the largest size.
				Check: checkMock(func() error { return mock.checkListingGETs("asc", 1) }),
			},
			{
				PreConfig:         mock.ResetRequests,
				Config:            mock.config(fmt.Sprintf(`data "hoko_collection" "test" { id = %q }`, links.ID)),
				ConfigStateChecks: expectCollectionState(links),
				Check: checkMock(func() error {
					for _, q := range mock.getQueries() {
						if q.Get("id") != links.ID || len(q) != 1 {
							return fmt.Errorf("GET ?%s: an id lookup must send only id=%s", q.Encode(), links.ID)
						}
					}
					if len(mock.getQueries()) == 0 {
						return fmt.Errorf("no GET by id received")
					}
					return nil
				}),
			},
		},
	})
}

func TestAccCollectionDataSource_ByIDWithDescriptionAnyCase(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	docs := mock.Seed("Docs", new("Product documentation"))
	upper := strings.ToUpper(docs.ID)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            mock.config(fmt.Sprintf(`data "hoko_collection" "test" { id = %q }`, docs.ID)),
				ConfigStateChecks: expectCollectionState(docs),
			},
			{
				// Hoko accepts ids in upper case; the configured spelling is kept.
				Config: mock.config(fmt.Sprintf(`data "hoko_collection" "test" { id = %q }`, upper)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dataCollection, tfjsonpath.New("id"), knownvalue.StringExact(upper)),
					statecheck.ExpectKnownValue(dataCollection, tfjsonpath.New("name"), knownvalue.StringExact("Docs")),
					statecheck.ExpectKnownValue(dataCollection, tfjsonpath.New("description"), knownvalue.StringExact("Product documentation")),
				},
			},
		},
	})
}

func TestAccCollectionDataSource_ReadsCollectionManagedInSameConfig(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	sameID := statecheck.CompareValuePairs(testCollection, tfjsonpath.New("id"), dataCollection, tfjsonpath.New("id"), compare.ValuesSame())
	sameCreatedAt := statecheck.CompareValuePairs(testCollection, tfjsonpath.New("created_at"), dataCollection, tfjsonpath.New("created_at"), compare.ValuesSame())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				// The id is unknown until apply, so the read waits for it.
				Config: mock.config(`
resource "hoko_collection" "test" {
  name        = "Managed"
  description = "made by Terraform"
}
data "hoko_collection" "test" { id = hoko_collection.test.id }`),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID, sameCreatedAt,
					statecheck.ExpectKnownValue(dataCollection, tfjsonpath.New("name"), knownvalue.StringExact("Managed")),
					statecheck.ExpectKnownValue(dataCollection, tfjsonpath.New("description"), knownvalue.StringExact("made by Terraform")),
				},
			},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccCollectionDataSource_NotFoundSaysWhatWasSearched(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	gone := mock.Seed("Gone", nil)
	mock.SoftDelete(gone.ID)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      mock.config(`data "hoko_collection" "test" { name = "links" }`),
				ExpectError: errorMatching("Collection Not Found", `No live collection named "links" exists in this Hoko workspace`, "Names are case-sensitive"),
			},
			{
				Config:      mock.config(fmt.Sprintf(`data "hoko_collection" "test" { id = %q }`, gone.ID)),
				ExpectError: errorMatching("Collection Not Found", fmt.Sprintf(`No live collection with id %q exists`, gone.ID)),
			},
		},
	})
}

func TestAccCollectionDataSource_ExactlyOneOfIDAndName(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	links, _ := mock.CollectionByName("Links")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: mock.config(fmt.Sprintf(`
data "hoko_collection" "test" {
  id   = %q
  name = "Links"
}`, links.ID)),
				ExpectError: errorMatching("Invalid Attribute Combination", "Exactly one of these attributes must be configured", "[id,name]"),
			},
			{
				Config:      mock.config(`data "hoko_collection" "test" {}`),
				ExpectError: errorMatching("Missing Attribute Configuration", "Exactly one of these attributes must be configured", "[id,name]"),
			},
			{
				Config:      mock.config(`data "hoko_collection" "test" { id = "not-a-uuid" }`),
				ExpectError: errorMatching("Invalid Attribute Value Match", "must be a collection id, a UUID", `got: not-a-uuid`),
			},
			{
				Config: mock.config(`data "hoko_collection" "test" { name = "Links" }`),
				// Every refused configuration above was refused before a request.
				PreConfig: func() {
					if n := len(mock.Requests()); n != 0 {
						t.Errorf("mock received %d requests for invalid configurations, want none", n)
					}
				},
				ConfigStateChecks: expectCollectionState(links),
			},
		},
	})
}
