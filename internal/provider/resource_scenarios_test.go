package provider

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// The scenario set every resource has: create, update in place, clear by
// removal, out-of-band delete and change, import, malformed import id,
// plan-time validation, a taken unique key (for kinds with one), 401 and 403
// naming the kind's scope, and destroy. A kind describes itself once in a
// resourceScenarios; each scenario asserts the state and what the mock
// received and holds, compared with the mock's own record of the object in
// the API's representation (its /_mock/ endpoint), never with values the
// provider computed.

// wireObject is an object in the API's JSON representation.
type wireObject = map[string]any

// resourceScenarios describes one kind's resource to the shared scenarios.
// Configurations are the attribute lines of a resource block named test.
type resourceScenarios struct {
	kind     objectKind
	mockKind hokotest.Kind
	// full sets every argument; fullItem is the create item it sends, in the
	// API's names, which is also what the mock then holds.
	full     string
	fullItem wireObject
	// changed changes every argument in place; changedItem is the update
	// item it sends, without the id.
	changed     string
	changedItem wireObject
	// minimal sets only the required arguments; clearedItem is the update
	// item going from full to minimal sends, without the id: explicit nulls
	// (or the API's default) for what was removed.
	minimal     string
	clearedItem wireObject
	// outOfBand is a member changed in the web app, and a value for it.
	outOfBand, outOfBandValue string
	// invalid are configurations refused at plan time, each with the parts
	// of the error it must show.
	invalid []invalidConfig
	// seed plants an object holding fullItem's values out of band and
	// returns its id; seedNamed plants one whose name (or unique key) is
	// name, with nothing else set.
	seed      func(m *scenarioMock) string
	seedNamed func(m *scenarioMock, name string) string
	// refs, for a kind whose objects point at others (a link at its
	// collection and partner), plants those on each scenario's fresh mock
	// and returns their ids by name: every {{name}} in the configurations
	// and items above stands for refs[name]. nil for a kind that points at
	// nothing.
	refs func(m *hokotest.Server) map[string]string
	// list describes the list resource's filters to listAcceptance; nil
	// means the name filter (name_contains) of the named kinds.
	list *listScenario
	// keyed is a configuration whose unique key holds value, for a kind
	// with one; nil means the unique key alone (`name = "..."`), enough
	// where it is the only required argument.
	keyed func(value string) string
}

// invalidConfig is a configuration refused at plan time.
type invalidConfig struct {
	attrs string
	error []string
}

// scenarioMock is one scenario's mock, holding the objects the kind's
// configurations point at.
type scenarioMock struct {
	*mockHoko
	refs     map[string]string
	replacer *strings.Replacer
}

// newMock starts a mock for one scenario and plants the objects s.refs
// names.
func (s resourceScenarios) newMock(t *testing.T) *scenarioMock {
	m := &scenarioMock{mockHoko: newMockHoko(t), replacer: strings.NewReplacer()}
	if s.refs != nil {
		m.refs = s.refs(m.Server)
		var pairs []string
		for name, id := range m.refs {
			pairs = append(pairs, "{{"+name+"}}", id)
		}
		m.replacer = strings.NewReplacer(pairs...)
	}
	return m
}

// ref is the id of the object refs planted under name.
func (m *scenarioMock) ref(name string) string {
	id, ok := m.refs[name]
	if !ok {
		panic("no ref " + name + " planted")
	}
	return id
}

// expand replaces every {{name}} in s with the id planted under name.
func (m *scenarioMock) expand(s string) string { return m.replacer.Replace(s) }

// item is o with every {{name}} in its strings, nested ones included,
// replaced; nil for nil.
func (m *scenarioMock) item(o wireObject) wireObject {
	if o == nil {
		return nil
	}
	out := make(wireObject, len(o))
	for k, v := range o {
		switch v := v.(type) {
		case string:
			out[k] = m.expand(v)
		case map[string]any:
			out[k] = m.item(v)
		default:
			out[k] = v
		}
	}
	return out
}

// address is the resource under test.
func (s resourceScenarios) address() string { return s.kind.typeName() + ".test" }

// config is a configuration of the resource under test with attrs.
func (s resourceScenarios) config(m *scenarioMock, attrs string) string {
	return m.config(s.block(m, attrs))
}

// block is the resource block under test with attrs, without a provider.
func (s resourceScenarios) block(m *scenarioMock, attrs string) string {
	return fmt.Sprintf("resource %q \"test\" {\n%s\n}\n", s.kind.typeName(), m.expand(attrs))
}

// run runs every scenario as a parallel subtest.
func (s resourceScenarios) run(t *testing.T) {
	scenarios := map[string]func(*testing.T){
		"Create":                      s.create,
		"UpdateInPlace":               s.updateInPlace,
		"ClearByRemoval":              s.clearByRemoval,
		"DeletedOutOfBandIsCreated":   s.deletedOutOfBand,
		"ChangedOutOfBandIsUpdated":   s.changedOutOfBand,
		"ImportBlockLeadsToEmptyPlan": s.importBlock,
		"ImportMalformedID":           s.importMalformedID,
		"InvalidFailsAtPlan":          s.invalidAtPlan,
		"WrongKeyIsRejected":          s.wrongKey,
		"MissingScopeIsNamed":         s.missingScope,
	}
	if s.kind.uniqueKey != "" {
		scenarios["TakenKeyShowsImportHint"] = s.takenKey
	}
	for name, scenario := range scenarios {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			scenario(t)
		})
	}
}

// testCase is a test case of the scenario's mock whose destroy must leave no
// object of the kind and send exactly one DELETE of the ids given by ids.
func (s resourceScenarios) testCase(m *scenarioMock, steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             m.checkNoneLeft(s.mockKind),
		Steps:                    steps,
	}
}

// importStep re-imports the resource under test and compares every attribute.
func (s resourceScenarios) importStep() resource.TestStep {
	return resource.TestStep{ResourceName: s.address(), ImportState: true, ImportStateVerify: true}
}

func (s resourceScenarios) create(t *testing.T) {
	m := s.newMock(t)
	resource.UnitTest(t, s.testCase(m,
		resource.TestStep{
			Config: s.config(m, s.full),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(s.address(), plancheck.ResourceActionCreate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(s.address(), tfjsonpath.New("id"), knownvalue.StringRegexp(uuidRegexp)),
				m.stateMatchesMock(s.mockKind, s.address(), m.item(s.fullItem)),
				m.lastItemIs(s.mockKind, m.item(s.fullItem)),
			},
		},
		s.importStep(),
	))
}

func (s resourceScenarios) updateInPlace(t *testing.T) {
	m := s.newMock(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.UnitTest(t, s.testCase(m,
		resource.TestStep{
			Config:            s.config(m, s.full),
			ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(s.address(), tfjsonpath.New("id"))},
		},
		resource.TestStep{
			Config: s.config(m, s.changed),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(s.address(), plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(s.address(), tfjsonpath.New("id")),
				m.stateMatchesMock(s.mockKind, s.address(), m.item(s.changedItem)),
				m.lastUpdateIs(s.mockKind, m.item(s.changedItem)),
			},
		},
		s.importStep(),
	))
}

func (s resourceScenarios) clearByRemoval(t *testing.T) {
	m := s.newMock(t)
	resource.UnitTest(t, s.testCase(m,
		resource.TestStep{Config: s.config(m, s.full)},
		resource.TestStep{
			Config: s.config(m, s.minimal),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(s.address(), plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				m.lastUpdateIs(s.mockKind, m.item(s.clearedItem)),
				m.stateMatchesMock(s.mockKind, s.address(), m.item(s.clearedItem)),
			},
		},
		resource.TestStep{
			Config:           s.config(m, s.minimal),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		s.importStep(),
	))
}

func (s resourceScenarios) deletedOutOfBand(t *testing.T) {
	s.outOfBandChange(t, "delete", func(m *mockHoko, id string) bool { return m.Delete(s.mockKind, id) },
		plancheck.ResourceActionCreate, compare.ValuesDiffer())
}

func (s resourceScenarios) changedOutOfBand(t *testing.T) {
	s.outOfBandChange(t, "change", func(m *mockHoko, id string) bool {
		return m.SetField(s.mockKind, id, s.outOfBand, &s.outOfBandValue)
	}, plancheck.ResourceActionUpdate, compare.ValuesSame())
}

// outOfBandChange creates the object, changes it in the web app with
// change, and applies the configuration again: the plan must take action,
// the id compare as ids does, and the mock hold what the configuration says.
func (s resourceScenarios) outOfBandChange(t *testing.T, what string, change func(m *mockHoko, id string) bool,
	action plancheck.ResourceActionType, ids compare.ValueComparer) {
	m := s.newMock(t)
	id := statecheck.CompareValue(ids)
	resource.UnitTest(t, s.testCase(m,
		resource.TestStep{
			Config:            s.config(m, s.full),
			ConfigStateChecks: []statecheck.StateCheck{id.AddStateValue(s.address(), tfjsonpath.New("id"))},
		},
		resource.TestStep{
			PreConfig: func() {
				if !change(m.mockHoko, m.onlyID(t, s.mockKind)) {
					t.Fatalf("could not %s the object out of band", what)
				}
			},
			Config: s.config(m, s.full),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(s.address(), action),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				id.AddStateValue(s.address(), tfjsonpath.New("id")),
				m.stateMatchesMock(s.mockKind, s.address(), m.item(s.fullItem)),
			},
		},
		s.importStep(),
	))
}

func (s resourceScenarios) importBlock(t *testing.T) {
	m := s.newMock(t)
	id := s.seed(m)
	config := s.config(m, s.full) + fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", s.address(), id)
	resource.UnitTest(t, s.testCase(m,
		resource.TestStep{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(s.address(), plancheck.ResourceActionNoop),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(s.address(), tfjsonpath.New("id"), knownvalue.StringExact(id)),
				m.stateMatchesMock(s.mockKind, s.address(), m.item(s.fullItem)),
				mockCheck(func() error { return m.expectNoWrites(s.mockKind) }),
			},
		},
		resource.TestStep{
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		s.importStep(),
	))
}

func (s resourceScenarios) importMalformedID(t *testing.T) {
	m := s.newMock(t)
	resource.UnitTest(t, s.testCase(m,
		resource.TestStep{
			Config:        s.config(m, s.minimal),
			ResourceName:  s.address(),
			ImportState:   true,
			ImportStateId: "not-a-uuid",
			ExpectError: errorMatching("Invalid "+s.kind.title()+" ID",
				fmt.Sprintf(`The import id "not-a-uuid" is not a %s id`, s.kind.name), s.kind.typeName()+" data source"),
		},
	))
	if n := len(m.RequestsFor(s.mockKind, "")); n != 0 {
		t.Errorf("a malformed import id sent %d requests, want none", n)
	}
}

func (s resourceScenarios) invalidAtPlan(t *testing.T) {
	m := s.newMock(t)
	steps := make([]resource.TestStep, 0, len(s.invalid))
	for _, bad := range s.invalid {
		steps = append(steps, resource.TestStep{
			Config: s.config(m, bad.attrs), PlanOnly: true, ExpectError: errorMatching(bad.error...),
		})
	}
	resource.UnitTest(t, s.testCase(m, steps...))
	if n := len(m.RequestsFor(s.mockKind, "")); n != 0 {
		t.Errorf("invalid configurations sent %d requests, want none: they must fail at plan time", n)
	}
}

func (s resourceScenarios) takenKey(t *testing.T) {
	m := s.newMock(t)
	holder := s.seedNamed(m, "Taken")
	hint := []string{
		fmt.Sprintf("%s %s Already Taken", s.kind.title(), s.kind.uniqueKeyTitle()),
		fmt.Sprintf("A %s %s already exists", s.kind.name, s.kind.holding("Taken")), `with id "` + holder + `"`,
		"import {", "to = " + s.kind.typeName() + ".", `id = "` + holder + `"`, "Server message:",
	}
	named := s.keyed
	if named == nil {
		named = func(name string) string { return fmt.Sprintf("%s = %q", s.kind.uniqueKey, name) }
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: s.config(m, named("Taken")), ExpectError: errorMatching(hint...)},
			{Config: s.config(m, named("Mine"))},
			// A rename to the taken value gets the same hint.
			{Config: s.config(m, named("Taken")), ExpectError: errorMatching(hint...)},
			{
				Config:           s.config(m, named("Mine")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{mockCheck(func() error {
					if n := m.Count(s.mockKind); n != 2 {
						return fmt.Errorf("mock holds %d %s, want the holder and Mine", n, s.kind.plural)
					}
					return nil
				})},
			},
			s.importStep(),
		},
	})
}

func (s resourceScenarios) wrongKey(t *testing.T) {
	m := s.newMock(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: m.configWithKey("not-a-real-key", s.block(m, s.minimal)),
			ExpectError: errorMatching("Hoko API Key Rejected", "(HTTP 401)", "api_key", "HOKO_API_KEY",
				"Server message:"),
		}},
	})
	if n := m.Count(s.mockKind); n != 0 {
		t.Errorf("mock holds %d %s after a rejected create, want none", n, s.kind.plural)
	}
}

func (s resourceScenarios) missingScope(t *testing.T) {
	m := s.newMock(t)
	readOnly := m.NewKey(s.mockKind.ReadScope())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: m.configWithKey(readOnly, s.block(m, s.minimal)),
			ExpectError: errorMatching("Hoko API Key Lacks Scopes", "lacks "+s.mockKind.WriteScope()+" (HTTP 403)",
				s.kind.readScope+" for reading and "+s.kind.writeScope, "Server message:"),
		}},
	})
	puts := m.RequestsFor(s.mockKind, http.MethodPut)
	if len(puts) != 1 || puts[0].Header.Get("Authorization") != "Bearer "+readOnly {
		t.Errorf("mock received %d PUTs, want one carrying the read-only key", len(puts))
	}
	if n := m.Count(s.mockKind); n != 0 {
		t.Errorf("mock holds %d %s after a refused create, want none", n, s.kind.plural)
	}
}

// checkNoneLeft is a CheckDestroy: the mock holds no object of kind, and
// every id Terraform deleted was sent in a DELETE exactly once.
func (m *mockHoko) checkNoneLeft(kind hokotest.Kind) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := m.Count(kind); n != 0 {
			return fmt.Errorf("after destroy the mock holds %d %s, want none", n, kind)
		}
		// Deletes Terraform runs side by side may share one DELETE, so a
		// body may hold several ids; each must be an id, sent once.
		sent := make(map[string]bool)
		for _, del := range m.RequestsFor(kind, http.MethodDelete) {
			var ids []string
			if err := json.Unmarshal(del.Body, &ids); err != nil || len(ids) == 0 {
				return fmt.Errorf("DELETE body %s, want an array of ids", del.Body)
			}
			for _, id := range ids {
				if !uuidRegexp.MatchString(id) || sent[id] {
					return fmt.Errorf("DELETE body %s: %q is not an id or was sent before", del.Body, id)
				}
				sent[id] = true
			}
		}
		return nil
	}
}

// liveObjects returns the mock's live objects of kind in the API's
// representation, from its /_mock/ endpoint (which is not recorded).
func (m *mockHoko) liveObjects(kind hokotest.Kind) ([]wireObject, error) {
	resp, err := http.Get(m.URL + "/_mock/" + string(kind))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var objects []wireObject
	if err := json.Unmarshal(body, &objects); err != nil {
		return nil, fmt.Errorf("/_mock/%s answered %s: %w", kind, body, err)
	}
	return objects, nil
}

// onlyObject returns the one live object of kind, failing the test when
// there is not exactly one.
func (m *mockHoko) onlyObject(t *testing.T, kind hokotest.Kind) wireObject {
	t.Helper()
	objects, err := m.liveObjects(kind)
	if err != nil || len(objects) != 1 {
		t.Fatalf("mock holds %v (%v), want exactly one %s", objects, err, kind)
	}
	return objects[0]
}

// onlyID returns the id of the one live object of kind.
func (m *mockHoko) onlyID(t *testing.T, kind hokotest.Kind) string {
	t.Helper()
	id, ok := m.onlyObject(t, kind)["id"].(string)
	if !ok {
		t.Fatalf("the mock's %s has no id", kind)
	}
	return id
}

// stateMatchesMock checks that the mock holds exactly one object of kind,
// whose members hold want (nil to skip), and that every attribute of address
// in the state equals the member of the same name on the mock: strings
// exactly, null as null, timestamps as the same instant.
func (m *mockHoko) stateMatchesMock(kind hokotest.Kind, address string, want wireObject) statecheck.StateCheck {
	return stateFunc(func(req statecheck.CheckStateRequest) error {
		objects, err := m.liveObjects(kind)
		if err != nil {
			return err
		}
		if len(objects) != 1 {
			return fmt.Errorf("mock holds %d %s, want 1: %v", len(objects), kind, objects)
		}
		live := objects[0]
		for member, v := range want {
			if !reflect.DeepEqual(live[member], v) {
				return fmt.Errorf("mock holds %s = %#v, want %#v", member, live[member], v)
			}
		}
		attrs, err := stateAttributes(req, address)
		if err != nil {
			return err
		}
		return sameAsWire(attrs, live)
	})
}

// stateAttributes returns the attributes of address in the state.
func stateAttributes(req statecheck.CheckStateRequest, address string) (map[string]any, error) {
	if req.State == nil || req.State.Values == nil {
		return nil, fmt.Errorf("no state")
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address == address {
			return r.AttributeValues, nil
		}
	}
	return nil, fmt.Errorf("%s is not in the state", address)
}

// sameAsWire compares a resource's attributes with an object in the API's
// representation, member by member (createdAt is created_at).
func sameAsWire(attrs map[string]any, live wireObject) error {
	for member, v := range live {
		attr := snakeCase(member)
		got, ok := attrs[attr]
		if !ok {
			continue // a member the resource does not expose
		}
		if strings.HasSuffix(member, "At") {
			if err := knownvalue.StringFunc(sameInstantFunc(v)).CheckValue(got); err != nil {
				return fmt.Errorf("%s: %w", attr, err)
			}
			continue
		}
		if !reflect.DeepEqual(got, v) {
			return fmt.Errorf("state has %s = %#v, the mock %#v", attr, got, v)
		}
	}
	return nil
}

// sameInstantFunc checks a timestamp against the mock's.
func sameInstantFunc(wire any) func(string) error {
	return func(v string) error {
		s, _ := wire.(string)
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return err
		}
		return sameInstant(want).CheckValue(v)
	}
}

// snakeCase turns an API member name into the attribute name: createdAt is
// created_at.
func snakeCase(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// lastItemIs checks the last PUT item sent for kind: exactly want's
// members, and no id (a create).
func (m *mockHoko) lastItemIs(kind hokotest.Kind, want wireObject) statecheck.StateCheck {
	return m.lastPUTItem(kind, func() (wireObject, error) { return want, nil })
}

// lastUpdateIs checks the last PUT item sent for kind: the id of the mock's
// one object of kind and exactly want's members besides.
func (m *mockHoko) lastUpdateIs(kind hokotest.Kind, want wireObject) statecheck.StateCheck {
	return m.lastPUTItem(kind, func() (wireObject, error) {
		objects, err := m.liveObjects(kind)
		if err != nil || len(objects) != 1 {
			return nil, fmt.Errorf("mock holds %v (%v), want one %s", objects, err, kind)
		}
		expected := maps.Clone(want)
		expected["id"] = objects[0]["id"]
		return expected, nil
	})
}

// lastPUTItem checks that the last PUT sent for kind held one item, the one
// expected returns.
func (m *mockHoko) lastPUTItem(kind hokotest.Kind, expected func() (wireObject, error)) statecheck.StateCheck {
	return mockCheck(func() error {
		want, err := expected()
		if err != nil {
			return err
		}
		puts := m.RequestsFor(kind, http.MethodPut)
		if len(puts) == 0 {
			return fmt.Errorf("no PUT to %s", kind)
		}
		var items []wireObject
		if err := json.Unmarshal(puts[len(puts)-1].Body, &items); err != nil || len(items) != 1 {
			return fmt.Errorf("last PUT body %s, want one item", puts[len(puts)-1].Body)
		}
		if !reflect.DeepEqual(items[0], want) {
			return fmt.Errorf("last PUT item = %v, want %v", items[0], want)
		}
		return nil
	})
}

// expectNoWrites checks that nothing but GETs reached kind.
func (m *mockHoko) expectNoWrites(kind hokotest.Kind) error {
	for _, r := range m.RequestsFor(kind, "") {
		if r.Method != http.MethodGet {
			return fmt.Errorf("mock received %s %s, want reads only", r.Method, r.Path)
		}
	}
	return nil
}
