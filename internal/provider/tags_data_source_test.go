package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

func TestAccTagsDataSource_EveryPageAndFilter(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	// 10,001 tags: a full page and a page of one. The filter matches
	// bulk-01000, bulk-10000 and bulk-10001, wherever Hoko's order by id
	// puts them.
	bulk := mock.SeedTags(10001, "bulk")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: mock.config(`data "hoko_tags" "test" { name_contains = "1000" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					mock.listedExactly(hokotest.KindTag, "data.hoko_tags.test", "tags", bulk[999].ID, bulk[9999].ID, bulk[10000].ID),
				},
				Check: checkMock(func() error { return mock.checkListingGETs("", 2) }),
			},
			{
				Config: mock.config(`data "hoko_tags" "test" { name_contains = "nothing like this" }`),
				// Empty, not null, so length() works on it.
				ConfigStateChecks: []statecheck.StateCheck{mock.listedExactly(hokotest.KindTag, "data.hoko_tags.test", "tags")},
			},
		},
	})
}
