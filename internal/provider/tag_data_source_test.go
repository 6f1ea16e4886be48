package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

const dataTag = "data.hoko_tag.test"

func TestAccTagDataSource_ByNameAndByID(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	tag := mock.SeedTag("Marketing", "blue")
	mock.SeedTag("Marketing archive", "")
	upper := strings.ToUpper(tag.ID)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            mock.config(`data "hoko_tag" "test" { name = "Marketing" }`),
				ConfigStateChecks: []statecheck.StateCheck{mock.dataMatchesMock(hokotest.KindTag, dataTag, tag.ID)},
				// A name lookup lists the workspace: one page of the largest size.
				Check: checkMock(func() error { return mock.checkListingGETs("asc", 1) }),
			},
			{
				PreConfig: mock.ResetRequests,
				// Hoko accepts ids in upper case; the configured spelling is kept.
				Config: mock.config(fmt.Sprintf(`data "hoko_tag" "test" { id = %q }`, upper)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(dataTag, tfjsonpath.New("id"), knownvalue.StringExact(upper)),
					statecheck.ExpectKnownValue(dataTag, tfjsonpath.New("name"), knownvalue.StringExact("Marketing")),
					statecheck.ExpectKnownValue(dataTag, tfjsonpath.New("color"), knownvalue.StringExact("blue")),
				},
				Check: checkMock(func() error {
					queries := mock.getQueries()
					if len(queries) == 0 || queries[0].Get("id") != tag.ID || len(queries[0]) != 1 {
						return fmt.Errorf("GETs %v, want one by id=%s", queries, tag.ID)
					}
					return nil
				}),
			},
		},
	})
}

func TestAccTagDataSource_BadLookupsFail(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      mock.config(`data "hoko_tag" "test" { name = "Nope" }`),
				ExpectError: errorMatching("Tag Not Found", `No live tag named "Nope"`, "hoko_tags data source"),
			},
			{
				Config:      mock.config(`data "hoko_tag" "test" { id = "00000000-0000-4000-8000-000000000000" }`),
				ExpectError: errorMatching("Tag Not Found", `No live tag with id "00000000-0000-4000-8000-000000000000"`),
			},
			{
				Config:      mock.config(`data "hoko_tag" "test" {}`),
				PlanOnly:    true,
				ExpectError: errorMatching("Missing Attribute Configuration", "Exactly one of these attributes must be configured"),
			},
			{
				Config:      mock.config(`data "hoko_tag" "test" { id = "not-a-uuid" }`),
				PlanOnly:    true,
				ExpectError: errorMatching("must be a tag id, a UUID"),
			},
			// The framework destroys with the last configuration.
			{Config: mock.config("")},
		},
	})
}
