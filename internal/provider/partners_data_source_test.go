package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

func TestAccPartnersDataSource_SharedNamesAndFilter(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	first := mock.SeedPartner("Acme", nil, nil)
	second := mock.SeedPartner("Acme", new("second@acme.example"), new("+1234567890"))
	other := mock.SeedPartner("acme lower case", nil, nil)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: mock.config(`data "hoko_partners" "test" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					mock.listedExactly(hokotest.KindPartner, "data.hoko_partners.test", "partners", first.ID, second.ID, other.ID),
				},
				Check: checkMock(func() error { return mock.checkListingGETs("", 1) }),
			},
			{
				// Case-sensitive, and both partners named Acme are found.
				Config: mock.config(`data "hoko_partners" "test" { name_contains = "Acme" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					mock.listedExactly(hokotest.KindPartner, "data.hoko_partners.test", "partners", first.ID, second.ID),
				},
			},
		},
	})
}
