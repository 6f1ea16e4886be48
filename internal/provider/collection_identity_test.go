package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// The acceptance tests in this file need resource identity (Terraform 1.12+;
// OpenTofu 1.12 has it too) and are skipped on older CLIs; the TestProtocol
// tests cover the same behaviour on any Terraform by calling the provider's
// RPCs directly.

// identityChecks asserts that the identity of hoko_collection.test is its id.
func identityChecks() []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectIdentity(testCollection, map[string]knownvalue.Check{"id": knownvalue.StringRegexp(uuidRegexp)}),
		statecheck.ExpectIdentityValueMatchesState(testCollection, tfjsonpath.New("id")),
	}
}

func TestAccCollection_IdentityOnCreateUpdateAndImport(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{needsResourceIdentity},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: mock.config(`resource "hoko_collection" "test" { name = "Before" }`),
				ConfigStateChecks: append(identityChecks(),
					sameID.AddStateValue(testCollection, tfjsonpath.New("id"))),
			},
			{
				Config: mock.config(`resource "hoko_collection" "test" { name = "After" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: append(identityChecks(),
					sameID.AddStateValue(testCollection, tfjsonpath.New("id"))),
			},
			{ResourceName: testCollection, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
			{ResourceName: testCollection, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{ResourceName: testCollection, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccCollection_ImportBlockWithIdentityLeadsToEmptyPlan(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	existing := mock.Seed("Existing", new("made in the Hoko app"))
	config := mock.config(fmt.Sprintf(`
import {
  to       = hoko_collection.test
  identity = { id = %q }
}
resource "hoko_collection" "test" {
  name        = "Existing"
  description = "made in the Hoko app"
}`, existing.ID))
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{needsResourceIdentity},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: append(identityChecks(),
					statecheck.ExpectKnownValue(testCollection, tfjsonpath.New("id"), knownvalue.StringExact(existing.ID))),
			},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

func TestAccCollection_IdentityWhenDeletedOutOfBand(t *testing.T) {
	t.Parallel()
	mock := newMockHoko(t)
	config := mock.config(`resource "hoko_collection" "test" { name = "Fragile" }`)
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{needsResourceIdentity},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             mock.checkOnlyDefaultCollectionLeft,
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: append(identityChecks(), differentID.AddStateValue(testCollection, tfjsonpath.New("id"))),
			},
			{
				// The refresh removes the vanished collection; it must still
				// report an identity, or Terraform 1.12+ fails the plan.
				PreConfig: func() {
					c, _ := mock.CollectionByName("Fragile")
					mock.SoftDelete(c.ID)
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testCollection, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: append(identityChecks(), differentID.AddStateValue(testCollection, tfjsonpath.New("id"))),
			},
			{ResourceName: testCollection, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

func TestProtocolCollection_IdentitySchema(t *testing.T) {
	t.Parallel()
	p := newProtocolProvider(t, newMockHoko(t))
	resp, err := p.server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	requireNoErrors(t, "GetResourceIdentitySchemas", resp.Diagnostics)
	if got := slices.Sorted(maps.Keys(resp.IdentitySchemas)); !slices.Equal(got, []string{"hoko_collection", "hoko_link", "hoko_partner", "hoko_tag"}) {
		t.Fatalf("identity schemas for %v, want one per resource", got)
	}
	s := resp.IdentitySchemas["hoko_collection"]
	if s == nil || s.Version != 0 || len(s.IdentityAttributes) != 1 {
		t.Fatalf("hoko_collection identity schema = %+v, want version 0 with one attribute", s)
	}
	attr := s.IdentityAttributes[0]
	if attr.Name != "id" || !attr.Type.Is(tftypes.String) || !attr.RequiredForImport || attr.OptionalForImport {
		t.Errorf("identity attribute = %+v, want id, a string, required for import", attr)
	}
	if !strings.HasSuffix(attr.Description, ".") || len(attr.Description) < 40 {
		t.Errorf("identity attribute description %q is not a full sentence", attr.Description)
	}
}

// collectionIdentity describes hoko_collection to the shared identity
// scenarios.
var collectionIdentity = resourceScenarios{
	kind:     collectionKind,
	mockKind: hokotest.KindCollection,
	seed: func(m *scenarioMock) string {
		return m.Seed("Existing", new("made in the Hoko app")).ID
	},
}

func TestProtocolCollection_IdentityOnCreateReadUpdateAndVanish(t *testing.T) {
	t.Parallel()
	collectionIdentity.identityLifecycle(t,
		protocolValues{"name": str(new("Docs")), "description": str(new("Product documentation"))},
		protocolValues{"name": str(new("Docs v2")), "description": str(nil)})
}

func TestProtocolCollection_ImportByIDAndByIdentity(t *testing.T) {
	t.Parallel()
	collectionIdentity.importByIDAndIdentity(t)
}
