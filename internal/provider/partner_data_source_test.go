package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

func TestAccPartnerDataSource_ByID(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	acme := mock.SeedPartner("Acme", new("team@acme.example"), nil)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      mock.config(`data "hoko_partner" "test" { id = "00000000-0000-4000-8000-000000000000" }`),
				ExpectError: errorMatching("Partner Not Found", `No live partner with id "00000000-0000-4000-8000-000000000000"`),
			},
			{
				Config:      mock.config(`data "hoko_partner" "test" { id = "not-a-uuid" }`),
				PlanOnly:    true,
				ExpectError: errorMatching("must be a partner id, a UUID"),
			},
			{
				Config:            mock.config(fmt.Sprintf(`data "hoko_partner" "test" { id = %q }`, acme.ID)),
				ConfigStateChecks: []statecheck.StateCheck{mock.dataMatchesMock(hokotest.KindPartner, "data.hoko_partner.test", acme.ID)},
				PreConfig:         mock.ResetRequests,
				Check: checkMock(func() error {
					if queries := mock.getQueries(); len(queries) != 1 || queries[0].Get("id") != acme.ID {
						return fmt.Errorf("GETs %v, want one by id=%s", queries, acme.ID)
					}
					return nil
				}),
			},
		},
	})
}
