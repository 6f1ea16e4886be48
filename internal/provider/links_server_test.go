package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
	"github.com/hoko/terraform-provider-hoko/internal/hokotest"
)

// The provider's server serves hoko_links itself (links_server.go) with
// the resource's own operations. These tests hold it to the framework's
// answers: the same scenario runs against the framework's server and the
// provider's, each with its own mock, and every response must be the same
// once the values each mock makes up (ids, short links, timestamps) are
// numbered in order of appearance.

func TestLinksCodec_MatchesTheFramework(t *testing.T) {
	t.Parallel()
	if entryCodecErr != nil {
		t.Fatalf("the entry codec does not match the schema, so every entry would go through the framework: %v", entryCodecErr)
	}
	if !entryChecksApply() {
		t.Fatal("entryChecks does not cover every attribute of an entry, so the framework would validate every entry")
	}
	ctx := context.Background()
	entries := map[string]linkEntryModel{
		"bare": {URL: types.StringValue("https://example.com/a")},
		"full": {ID: types.StringValue("550e8400-e29b-41d4-a716-446655440000"), URL: types.StringValue("https://example.com/b"),
			Title: types.StringValue(""), Description: types.StringValue("d"), Image: types.StringValue("https://example.com/i.png"),
			UTM:        &utmModel{Source: types.StringValue("news"), Medium: types.StringNull(), Campaign: types.StringUnknown()},
			ExternalID: types.StringValue("crm-1"), TenantID: types.StringValue("t"), PartnerID: types.StringNull(),
			ShortID: types.StringValue("abc"), ShortURL: types.StringValue("https://hoko.to/abc"), QRCodeURL: types.StringUnknown(),
			CreatedAt: types.StringValue("2024-01-01T00:00:00Z"), UpdatedAt: types.StringUnknown()},
		"unknown url": {URL: types.StringUnknown(), UTM: &utmModel{}},
	}
	// The framework's zero types.String is null: the codec reads nulls as
	// StringNull, which is the same value.
	want, err := mapOf(ctx, entries, new(diag.Diagnostics)).ToTerraformValue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := encodeEntries(ctx, linksSet{entries: entries}, new(diag.Diagnostics))
	if !got.Equal(want) {
		t.Errorf("codec wrote\n%s\nthe framework\n%s", got, want)
	}
	var diags diag.Diagnostics
	read, unknown := decodeEntries(ctx, want, &diags)
	if diags.HasError() || unknown {
		t.Fatalf("decode: %v (unknown %t)", diags, unknown)
	}
	framework := frameworkEntries(ctx, want, &diags)
	if !reflect.DeepEqual(read, framework) {
		t.Errorf("codec read\n%+v\nthe framework\n%+v", read, framework)
	}

	// An unknown utm is no value a model can hold: the framework's own
	// conversion says so, whichever reads it.
	var utmAttrs map[string]tftypes.Value
	_ = want.As(&utmAttrs)
	var bare map[string]tftypes.Value
	_ = utmAttrs["bare"].As(&bare)
	bare["utm"] = tftypes.NewValue(bare["utm"].Type(), tftypes.UnknownValue)
	utmAttrs["bare"] = tftypes.NewValue(linksType().entry, bare)
	odd := tftypes.NewValue(linksType().links, utmAttrs)
	var codecDiags, frameworkDiags diag.Diagnostics
	decodeEntries(ctx, odd, &codecDiags)
	frameworkEntries(ctx, odd, &frameworkDiags)
	if !codecDiags.HasError() || !codecDiags.Equal(frameworkDiags) {
		t.Errorf("an unknown utm: codec %v, framework %v", codecDiags, frameworkDiags)
	}
}

// linksParty is one side of the comparison: a configured server, its mock
// and the transcript of its answers.
type linksParty struct {
	*protocolProvider
	w       linkWorkspace
	lines   []string
	numbers map[string]map[string]int // attribute -> value -> number
}

// newLinksParty configures server against a fresh workspace.
func newLinksParty(t *testing.T, server tfprotov6.ProviderServer) *linksParty {
	w := newLinkWorkspace(t)
	ctx := context.Background()
	schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	p := &protocolProvider{t: t, server: server, schema: schema}
	config := p.value(schema.Provider.ValueType(), map[string]tftypes.Value{
		"endpoint":       tftypes.NewValue(tftypes.String, w.URL),
		"api_key":        tftypes.NewValue(tftypes.String, w.Key),
		"max_batch_size": tftypes.NewValue(tftypes.Number, big.NewFloat(2)),
	})
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4",
		Config: p.dynamic(schema.Provider.ValueType(), config)})
	if err != nil {
		t.Fatal(err)
	}
	requireNoErrors(t, "ConfigureProvider", resp.Diagnostics)
	return &linksParty{protocolProvider: p, w: w, numbers: map[string]map[string]int{}}
}

// entry is a configured entry: url and the other attributes given, every
// other one null.
func (p *linksParty) entry(url string, attrs map[string]tftypes.Value) tftypes.Value {
	set := map[string]tftypes.Value{"url": tftypes.NewValue(tftypes.String, url)}
	for k, v := range attrs {
		set[k] = v
	}
	return p.value(linksType().entry, set)
}

// config is hoko_links' configuration in the named collection.
func (p *linksParty) config(collectionID string, forget bool, entries map[string]tftypes.Value) *tfprotov6.DynamicValue {
	set := map[string]tftypes.Value{
		"collection_id": tftypes.NewValue(tftypes.String, collectionID),
		"links":         tftypes.NewValue(linksType().links, entries),
	}
	if forget {
		set["forget_removed"] = tftypes.NewValue(tftypes.Bool, true)
	}
	return p.dynamic(linksType().object, p.value(linksType().object, set))
}

// record adds an answer to the transcript.
func (p *linksParty) record(step string, state *tfprotov6.DynamicValue, private []byte, diags []*tfprotov6.Diagnostic) {
	p.t.Helper()
	line := step + ": state " + p.render(state) + " private " + string(private)
	var ds []string
	for _, d := range diags {
		ds = append(ds, fmt.Sprintf("[%s %q %q at %v]", d.Severity, d.Summary, d.Detail, d.Attribute))
	}
	sort.Strings(ds)
	p.lines = append(p.lines, line+" diagnostics "+strings.Join(ds, " "))
}

// numbered are the attributes whose values each mock makes up.
var numbered = map[string]bool{"id": true, "short_id": true, "short_url": true, "qr_code_url": true,
	"collection_id": true}

// render writes a value with the made-up values numbered.
func (p *linksParty) render(dv *tfprotov6.DynamicValue) string {
	p.t.Helper()
	if dv == nil {
		return "<none>"
	}
	v, err := dv.Unmarshal(linksType().object)
	if err != nil {
		p.t.Fatal(err)
	}
	out, _ := json.Marshal(p.plain("", v))
	return string(out)
}

// plain is v as plain Go values, for a rendering with sorted keys, the
// made-up values numbered.
func (p *linksParty) plain(name string, v tftypes.Value) any {
	return plainValue(name, v, func(name, s string) any {
		switch {
		case name == "created_at" || name == "updated_at":
			return "<time>"
		case numbered[name]:
			return p.number(name, s)
		case name == "" && uuidText.MatchString(s):
			// An imported link without an external id is keyed by its id.
			return p.number("id", s)
		}
		return s
	})
}

// plainValue is v as plain Go values: objects and maps as maps (each
// string through str with its attribute's name, "" for a map's keys and
// elements), in key order, so that str sees values in the same order
// every time.
func plainValue(name string, v tftypes.Value, str func(name, s string) any) any {
	switch {
	case !v.IsKnown():
		return "<unknown>"
	case v.IsNull():
		return nil
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return str(name, s)
	case v.Type().Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return b
	}
	var elems map[string]tftypes.Value
	if err := v.As(&elems); err != nil {
		return v.String()
	}
	isMap := v.Type().Is(tftypes.Map{})
	out := map[string]any{}
	for _, k := range slices.Sorted(maps.Keys(elems)) {
		if !isMap {
			out[k] = plainValue(k, elems[k], str)
			continue
		}
		key, _ := str("", k).(string)
		out[key] = plainValue("", elems[k], str)
	}
	return out
}

// number is the number of a made-up value, by order of appearance.
func (p *linksParty) number(name, s string) string {
	if p.numbers[name] == nil {
		p.numbers[name] = map[string]int{}
	}
	n, ok := p.numbers[name][s]
	if !ok {
		n = len(p.numbers[name]) + 1
		p.numbers[name][s] = n
	}
	return fmt.Sprintf("<%s %d>", name, n)
}

// uuidText matches an id.
var uuidText = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// linksScenario drives hoko_links through a life as Terraform would:
// validation, create, refresh with drift, update, import, upgrade and
// destroy; each answer goes to the transcript.
func linksScenario(p *linksParty) {
	t, ctx := p.t, context.Background()
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	utm := func(source string) tftypes.Value {
		return p.value(linksType().entry.AttributeTypes["utm"], map[string]tftypes.Value{"source": str(source)})
	}
	coll := p.w.spring.ID
	v1 := map[string]tftypes.Value{
		"a": p.entry("https://example.com/a", map[string]tftypes.Value{"external_id": str("crm-a"), "utm": utm("news")}),
		"b": p.entry("https://example.com/b", map[string]tftypes.Value{"title": str("B")}),
		"c": p.entry("https://example.com/c", nil),
		"d": p.entry("https://example.com/d", map[string]tftypes.Value{"external_id": str("crm-d")}),
	}
	validate := func(step string, config *tfprotov6.DynamicValue) {
		resp, err := p.server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "hoko_links", Config: config})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range resp.Diagnostics {
			d.Detail = uuidText.ReplaceAllString(d.Detail, "<uuid>")
		}
		p.record(step, nil, nil, resp.Diagnostics)
	}
	validate("validate v1", p.config(coll, false, v1))
	unknownCollection := p.value(linksType().object, map[string]tftypes.Value{
		"collection_id": tftypes.NewValue(tftypes.String, tftypes.UnknownValue), "links": tftypes.NewValue(linksType().links, v1)})
	validate("validate with an unknown collection", p.dynamic(linksType().object, unknownCollection))
	validate("validate bad entries", p.config("not-a-uuid", false, map[string]tftypes.Value{
		"bad url":   p.entry("ftp://example.com", map[string]tftypes.Value{"image": str("example.com/x.png")}),
		"read-only": p.entry("https://example.com", map[string]tftypes.Value{"short_id": str("x"), "id": str("nope")}),
		"no url":    p.value(linksType().entry, map[string]tftypes.Value{"external_id": str("")}),
	}))
	validate("validate bad twins", p.config(coll, false, map[string]tftypes.Value{
		"twin 1": p.entry("https://example.com/1", map[string]tftypes.Value{"external_id": str("same"), "id": str(p.w.spring.ID)}),
		"twin 2": p.entry("https://example.com/2", map[string]tftypes.Value{"external_id": str("same"), "id": str(p.w.spring.ID)}),
	}))
	validate("validate bad null entry", p.config(coll, false, map[string]tftypes.Value{
		"null": tftypes.NewValue(linksType().entry, nil), "ok": v1["a"]}))
	unknownLinks := p.value(linksType().object, map[string]tftypes.Value{
		"collection_id": str(coll), "links": tftypes.NewValue(linksType().links, tftypes.UnknownValue)})
	validate("validate unknown links", p.dynamic(linksType().object, unknownLinks))

	plan := func(step string, prior *tfprotov6.DynamicValue, priorPrivate []byte, config *tfprotov6.DynamicValue, destroy bool) *tfprotov6.PlanResourceChangeResponse {
		proposed := config
		if destroy {
			proposed = p.dynamic(linksType().object, tftypes.NewValue(linksType().object, nil))
		}
		resp, err := p.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "hoko_links",
			PriorState: prior, ProposedNewState: proposed, Config: config, PriorPrivate: priorPrivate})
		if err != nil {
			t.Fatal(err)
		}
		p.record(step, resp.PlannedState, resp.PlannedPrivate, resp.Diagnostics)
		return resp
	}
	apply := func(step string, prior *tfprotov6.DynamicValue, planned *tfprotov6.PlanResourceChangeResponse, config *tfprotov6.DynamicValue) *tfprotov6.ApplyResourceChangeResponse {
		resp, err := p.server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: "hoko_links",
			PriorState: prior, PlannedState: planned.PlannedState, PlannedPrivate: planned.PlannedPrivate, Config: config})
		if err != nil {
			t.Fatal(err)
		}
		p.record(step, resp.NewState, resp.Private, resp.Diagnostics)
		return resp
	}
	read := func(step string, state *tfprotov6.DynamicValue, private []byte) *tfprotov6.ReadResourceResponse {
		resp, err := p.server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "hoko_links", CurrentState: state, Private: private})
		if err != nil {
			t.Fatal(err)
		}
		p.record(step, resp.NewState, resp.Private, resp.Diagnostics)
		return resp
	}
	null := p.dynamic(linksType().object, tftypes.NewValue(linksType().object, nil))

	cfg1 := p.config(coll, false, v1)
	created := apply("create", null, plan("plan create", null, nil, cfg1, false), cfg1)
	refreshed := read("read", created.NewState, created.Private)

	// Drift: a retitled, b deleted, c moved to autumn out of band.
	p.w.SetField(hokotest.KindLink, p.w.linkIDByExternalID("crm-a"), "title", new("elsewhere"))
	var bID, cID string
	for _, l := range p.w.Links() {
		switch l.URL {
		case "https://example.com/b":
			bID = l.ID
		case "https://example.com/c":
			cID = l.ID
		}
	}
	p.w.Delete(hokotest.KindLink, bID)
	p.w.SetField(hokotest.KindLink, cID, "collectionId", &p.w.autumn.ID)
	drifted := read("read drift", refreshed.NewState, refreshed.Private)

	// a changes, d leaves, e arrives, c is moved back.
	v2 := map[string]tftypes.Value{"a": v1["a"], "b": v1["b"], "c": v1["c"],
		"e": p.entry("https://example.com/e", map[string]tftypes.Value{"tenant_id": str("acme")})}
	cfg2 := p.config(coll, false, v2)
	updated := apply("update", drifted.NewState, plan("plan update", drifted.NewState, drifted.Private, cfg2, false), cfg2)
	read("read after update", updated.NewState, updated.Private)
	cfg3 := p.config(p.w.autumn.ID, true, map[string]tftypes.Value{"a": v1["a"], "c": v1["c"]})
	moved := apply("move and forget", updated.NewState, plan("plan move", updated.NewState, updated.Private, cfg3, false), cfg3)

	imported, err := p.server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: "hoko_links", ID: p.w.autumn.ID})
	if err != nil || len(imported.ImportedResources) != 1 {
		t.Fatalf("import: %v %v", err, imported)
	}
	read("read after import", imported.ImportedResources[0].State, imported.ImportedResources[0].Private)

	raw, err := moved.NewState.Unmarshal(linksType().object)
	if err != nil {
		t.Fatal(err)
	}
	upgraded, err := p.server.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: "hoko_links",
		RawState: &tfprotov6.RawState{JSON: stateJSON(t, raw, `"gone_attribute": 1`)}})
	if err != nil {
		t.Fatal(err)
	}
	p.record("upgrade", upgraded.UpgradedState, nil, upgraded.Diagnostics)

	destroyPlan := plan("plan destroy", moved.NewState, moved.Private, null, true)
	apply("destroy", moved.NewState, destroyPlan, null)
}

// stateJSON writes a state as Terraform stores it, with extra members.
func stateJSON(t *testing.T, v tftypes.Value, extra string) []byte {
	t.Helper()
	b, err := json.Marshal(plainValue("", v, func(_, s string) any { return s }))
	if err != nil {
		t.Fatal(err)
	}
	return []byte("{" + extra + "," + string(b[1:]))
}

func TestLinksServer_AnswersAsTheFrameworkDoes(t *testing.T) {
	t.Parallel()
	framework, err := providerserver.NewProtocol6WithError(New(testProviderVersion)())()
	if err != nil {
		t.Fatal(err)
	}
	own, err := newServer(testProviderVersion, hoko.NewOperations())
	if err != nil {
		t.Fatal(err)
	}
	want, got := newLinksParty(t, framework), newLinksParty(t, own)
	linksScenario(want)
	linksScenario(got)
	for i := range max(len(want.lines), len(got.lines)) {
		w, g := "", ""
		if i < len(want.lines) {
			w = want.lines[i]
		}
		if i < len(got.lines) {
			g = got.lines[i]
		}
		if w != g {
			t.Errorf("answer %d differs:\nframework: %s\nprovider:  %s", i, w, g)
		}
	}
	// The scenario must have done what it says, or the comparison proves
	// little: errors where the input is bad, none elsewhere.
	for _, line := range got.lines {
		bad := strings.HasPrefix(line, "validate bad")
		if hasErr := strings.Contains(line, "[ERROR"); hasErr != bad {
			t.Errorf("unexpected diagnostics: %s", line)
		}
	}
	if !slices.ContainsFunc(got.lines, func(l string) bool { return strings.Contains(l, `links_elsewhere`) }) {
		t.Error("no read noted the link moved out of band")
	}
}
