package provider

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// The list resource scenarios every kind shares: the whole workspace with
// identities and resource objects equal to what the mock holds, the name
// filter, the limit, and a refused listing naming the kind's read scope.

// listNames are the objects a list scenario seeds; "Camp" matches two.
var listNames = []string{"Campaigns", "Spring Camp", "campaigns archive"}

// listProtocol runs the list scenarios through the ListResource RPC.
func (s resourceScenarios) listProtocol(t *testing.T) {
	mock := newMockHoko(t)
	for _, name := range listNames {
		s.seedNamed(mock.Server, name)
	}
	live, err := mock.liveObjects(s.mockKind)
	if err != nil {
		t.Fatal(err)
	}
	p := newProtocolProvider(t, mock)
	typeName := s.kind.typeName()

	results, diags := p.listOf(typeName, "", true, 100)
	requireNoErrors(t, "ListResource", diags)
	s.requireListed(t, results, live, true)

	camp := slices.DeleteFunc(slices.Clone(live), func(o wireObject) bool {
		name, _ := o["name"].(string)
		return !strings.Contains(name, "Camp")
	})
	results, diags = p.listOf(typeName, "Camp", false, 100)
	requireNoErrors(t, "ListResource", diags)
	s.requireListed(t, results, camp, false)

	if results, _ := p.listOf(typeName, "", false, 1); len(results) != 1 {
		t.Errorf("a limit of 1 gave %d results", len(results))
	}

	writeOnly := *mock
	writeOnly.Key = mock.NewKey(s.mockKind.WriteScope())
	results, diags = newProtocolProvider(t, &writeOnly).listOf(typeName, "", true, 100)
	if len(results) != 0 {
		t.Errorf("got %d results from a refused listing", len(results))
	}
	requireError(t, "ListResource", diags, "Hoko API Key Lacks Scopes", "list the workspace's "+s.kind.plural, s.kind.readScope)
}

// requireListed checks that results are exactly the objects want (in any
// order), each with its id as identity, its name to show and, when
// withResource, a resource object equal to the mock's.
func (s resourceScenarios) requireListed(t *testing.T, results []listResult, want []wireObject, withResource bool) {
	t.Helper()
	if len(results) != len(want) {
		t.Fatalf("got %d results, want %d: %v", len(results), len(want), results)
	}
	for _, o := range want {
		i := slices.IndexFunc(results, func(r listResult) bool { return r.identityID == o["id"] })
		if i < 0 {
			t.Fatalf("no result for %v", o)
		}
		r := results[i]
		if r.displayName != o["name"] {
			t.Errorf("result %s shows %q, want %q", r.identityID, r.displayName, o["name"])
		}
		if !withResource {
			if r.resource != nil {
				t.Errorf("result %s carries a resource object that was not asked for", r.identityID)
			}
			continue
		}
		attrs := map[string]any{}
		for name, v := range r.resource {
			if v == "<null>" {
				attrs[name] = nil
			} else {
				attrs[name] = v
			}
		}
		if err := sameAsWire(attrs, o); err != nil {
			t.Errorf("result %s: %v", r.identityID, err)
		}
	}
}

// listAcceptance runs `terraform query` on Terraform 1.14+.
func (s resourceScenarios) listAcceptance(t *testing.T) {
	mock := newMockHoko(t)
	ids := make([]string, len(listNames))
	for i, name := range listNames {
		ids[i] = s.seedNamed(mock.Server, name)
	}
	typeName := s.kind.typeName()
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{needsTerraformQuery},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: mock.config(`data "hoko_collection" "links" { name = "Links" }`)},
			{
				// Only the list blocks: the query runs beside the previous step's
				// configuration, whose provider block it uses (a second one is a
				// "Duplicate provider configuration").
				Query: true,
				Config: `
list "` + typeName + `" "all" {
  provider         = hoko
  include_resource = true
}
list "` + typeName + `" "camp" {
  provider = hoko
  config {
    name_contains = "Camp"
  }
}`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(typeName+".all", 3),
					querycheck.ExpectResourceDisplayName(typeName+".all",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(ids[0])}),
						knownvalue.StringExact(listNames[0])),
					querycheck.ExpectResourceKnownValues(typeName+".all",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(ids[1])}),
						[]querycheck.KnownValueCheck{{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact(listNames[1])}}),
					querycheck.ExpectLength(typeName+".camp", 2),
					querycheck.ExpectIdentity(typeName+".camp", map[string]knownvalue.Check{"id": knownvalue.StringExact(ids[0])}),
					querycheck.ExpectIdentity(typeName+".camp", map[string]knownvalue.Check{"id": knownvalue.StringExact(ids[1])}),
				},
			},
		},
	})
}
