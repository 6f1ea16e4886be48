package provider

import (
	"fmt"
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

// listProtocol runs the list scenarios of a kind with a name filter
// through the ListResource RPC. (Links, filtered otherwise, have their own:
// TestProtocolLinkList_Filters.)
func (s resourceScenarios) listProtocol(t *testing.T) {
	mock := s.newMock(t)
	for _, name := range listNames {
		s.seedNamed(mock, name)
	}
	live, err := mock.liveObjects(s.mockKind)
	if err != nil {
		t.Fatal(err)
	}
	p := newProtocolProvider(t, mock.mockHoko)
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

	writeOnly := *mock.mockHoko
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

// listScenario describes a kind's list resource filters to listAcceptance.
type listScenario struct {
	// seed plants the objects to list and returns their ids.
	seed func(m *scenarioMock) []string
	// queries are list blocks with filters, each finding some of them.
	queries []queryBlock
	// displayName is what a query shows for an object in the API's
	// representation.
	displayName func(o wireObject) string
}

// queryBlock is one list block: its name, the lines of its config block
// ({{name}} stands for a ref) and the indexes of the seeded objects it
// finds.
type queryBlock struct {
	name   string
	config string
	finds  []int
}

// listFilters is the kind's list scenario; by default the name filter of
// the named kinds: listNames, of which "Camp" finds two.
func (s resourceScenarios) listFilters() listScenario {
	if s.list != nil {
		return *s.list
	}
	return listScenario{
		seed: func(m *scenarioMock) []string {
			ids := make([]string, len(listNames))
			for i, name := range listNames {
				ids[i] = s.seedNamed(m, name)
			}
			return ids
		},
		queries:     []queryBlock{{name: "camp", config: `name_contains = "Camp"`, finds: []int{0, 1}}},
		displayName: func(o wireObject) string { name, _ := o["name"].(string); return name },
	}
}

// listAcceptance runs `terraform query` on Terraform 1.14+: a list block
// of the whole workspace with resource objects, each result's display name
// and every attribute equal to what the mock holds; then one list block per
// filter query, finding exactly the objects it should, by identity.
func (s resourceScenarios) listAcceptance(t *testing.T) {
	mock := s.newMock(t)
	filters := s.listFilters()
	ids := filters.seed(mock)
	live, err := mock.liveObjects(s.mockKind)
	if err != nil {
		t.Fatal(err)
	}
	if len(live) != len(ids) {
		t.Fatalf("the mock holds %d %s, want the %d seeded", len(live), s.kind.plural, len(ids))
	}
	typeName := s.kind.typeName()
	byID := func(id string) queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(id)})
	}
	// Only the list blocks: the query runs beside the previous step's
	// configuration, whose provider block it uses (a second one is a
	// "Duplicate provider configuration").
	query := "list \"" + typeName + "\" \"all\" {\n  provider         = hoko\n  include_resource = true\n}\n"
	checks := []querycheck.QueryResultCheck{querycheck.ExpectLength(typeName+".all", len(live))}
	for _, o := range live {
		id, _ := o["id"].(string)
		checks = append(checks,
			querycheck.ExpectResourceDisplayName(typeName+".all", byID(id), knownvalue.StringExact(filters.displayName(o))),
			querycheck.ExpectResourceKnownValues(typeName+".all", byID(id), wireKnownValues(o)))
	}
	for _, q := range filters.queries {
		query += fmt.Sprintf("list %q %q {\n  provider = hoko\n  config {\n    %s\n  }\n}\n", typeName, q.name, mock.expand(q.config))
		checks = append(checks, querycheck.ExpectLength(typeName+"."+q.name, len(q.finds)))
		for _, i := range q.finds {
			checks = append(checks, querycheck.ExpectIdentity(typeName+"."+q.name, map[string]knownvalue.Check{"id": knownvalue.StringExact(ids[i])}))
		}
	}
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{needsTerraformQuery},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: mock.config(`data "hoko_collection" "links" { name = "Links" }`)},
			{Query: true, Config: query, QueryResultChecks: checks},
		},
	})
}

// wireKnownValues checks every attribute of a resource object against the
// object in the API's representation it stands for, member by member as
// sameAsWire does: strings exactly, null as null, timestamps as the same
// instant, and a nested object (a link's utm) key by key.
func wireKnownValues(o wireObject) []querycheck.KnownValueCheck {
	var checks []querycheck.KnownValueCheck
	for member, v := range o {
		checks = append(checks, querycheck.KnownValueCheck{Path: tfjsonpath.New(snakeCase(member)), KnownValue: wireValue(member, v)})
	}
	return checks
}

// wireValue checks one value against a member of the API's representation.
func wireValue(member string, v any) knownvalue.Check {
	switch v := v.(type) {
	case nil:
		return knownvalue.Null()
	case map[string]any:
		keys := make(map[string]knownvalue.Check, len(v))
		for k, inner := range v {
			keys[snakeCase(k)] = wireValue(k, inner)
		}
		return knownvalue.ObjectExact(keys)
	case string:
		if strings.HasSuffix(member, "At") {
			return knownvalue.StringFunc(sameInstantFunc(v))
		}
		return knownvalue.StringExact(v)
	}
	// The API's representation has no member of another type; should one
	// appear, it fails here rather than pass unchecked.
	return knownvalue.StringExact(fmt.Sprintf("%v (%T)", v, v))
}
