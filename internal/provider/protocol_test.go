package provider

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Protocol-level tests drive the provider server directly, the way Terraform
// does over gRPC, for features the Terraform on this machine (1.11) cannot
// exercise: resource identity (1.12+) and list resources (1.14+). They use
// the same provider, the same mock and the same RPCs as a newer Terraform
// would, and assert the values that come back.

// protocolProvider is a provider server configured for one mock.
type protocolProvider struct {
	t      *testing.T
	server tfprotov6.ProviderServer
	schema *tfprotov6.GetProviderSchemaResponse
}

// newProtocolProvider starts a provider server and configures it with the
// mock's endpoint and key, as Terraform does before any other call.
func newProtocolProvider(t *testing.T, mock *mockHoko) *protocolProvider {
	t.Helper()
	server, err := providerserver.NewProtocol6WithError(New(testProviderVersion)())()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	requireNoErrors(t, "GetProviderSchema", schema.Diagnostics)
	p := &protocolProvider{t: t, server: server, schema: schema}

	config := p.value(schema.Provider.ValueType(), map[string]tftypes.Value{
		"endpoint": tftypes.NewValue(tftypes.String, mock.URL),
		"api_key":  tftypes.NewValue(tftypes.String, mock.Key),
	})
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.14.0",
		Config:           p.dynamic(schema.Provider.ValueType(), config),
	})
	if err != nil {
		t.Fatal(err)
	}
	requireNoErrors(t, "ConfigureProvider", resp.Diagnostics)
	return p
}

// resourceType is the object type of a managed resource's state.
func (p *protocolProvider) resourceType(name string) tftypes.Type {
	p.t.Helper()
	s, ok := p.schema.ResourceSchemas[name]
	if !ok {
		p.t.Fatalf("the provider has no resource %s", name)
	}
	return s.ValueType()
}

// identityType is the object type of a managed resource's identity.
func (p *protocolProvider) identityType(name string) tftypes.Type {
	p.t.Helper()
	resp, err := p.server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		p.t.Fatal(err)
	}
	requireNoErrors(p.t, "GetResourceIdentitySchemas", resp.Diagnostics)
	s, ok := resp.IdentitySchemas[name]
	if !ok {
		p.t.Fatalf("the provider declares no identity for %s", name)
	}
	return s.ValueType()
}

// value builds an object of type typ with the given attributes; every other
// attribute is null, as in a configuration that leaves it out.
func (p *protocolProvider) value(typ tftypes.Type, set map[string]tftypes.Value) tftypes.Value {
	p.t.Helper()
	obj, ok := typ.(tftypes.Object)
	if !ok {
		p.t.Fatalf("%s is not an object type", typ)
	}
	attrs := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for name, attrType := range obj.AttributeTypes {
		attrs[name] = tftypes.NewValue(attrType, nil)
	}
	for name, v := range set {
		if _, ok := obj.AttributeTypes[name]; !ok {
			p.t.Fatalf("%s has no attribute %q", typ, name)
		}
		attrs[name] = v
	}
	return tftypes.NewValue(typ, attrs)
}

// dynamic encodes a value for a request.
func (p *protocolProvider) dynamic(typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	p.t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		p.t.Fatal(err)
	}
	return &dv
}

// identity encodes an identity for a request.
func (p *protocolProvider) identity(resourceType, id string) *tfprotov6.ResourceIdentityData {
	p.t.Helper()
	typ := p.identityType(resourceType)
	return &tfprotov6.ResourceIdentityData{
		IdentityData: p.dynamic(typ, p.value(typ, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, id)})),
	}
}

// attributes decodes an object from a response into its attributes, each
// rendered by render; a null object decodes to nil.
func (p *protocolProvider) attributes(typ tftypes.Type, dv *tfprotov6.DynamicValue) map[string]string {
	p.t.Helper()
	if dv == nil {
		p.t.Fatal("the response holds no value")
	}
	v, err := dv.Unmarshal(typ)
	if err != nil {
		p.t.Fatal(err)
	}
	if v.IsNull() {
		return nil
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		p.t.Fatal(err)
	}
	out := make(map[string]string, len(attrs))
	for name, attr := range attrs {
		out[name] = render(attr)
	}
	return out
}

// values decodes a resource value into its attributes as the state's JSON
// has them, for comparing with the API's representation: strings, nil for
// null, and map[string]any for a nested object (a link's utm).
func (p *protocolProvider) values(typ tftypes.Type, dv *tfprotov6.DynamicValue) map[string]any {
	p.t.Helper()
	v, err := dv.Unmarshal(typ)
	if err != nil {
		p.t.Fatal(err)
	}
	out, ok := jsonValue(v).(map[string]any)
	if !ok {
		p.t.Fatalf("the response holds %v, not an object", v)
	}
	return out
}

// jsonValue is v as the state's JSON has it: nil for null, a string, or a
// map for an object; other types render as render does.
func jsonValue(v tftypes.Value) any {
	if v.IsNull() {
		return nil
	}
	if v.Type().Is(tftypes.Object{}) {
		var attrs map[string]tftypes.Value
		if err := v.As(&attrs); err != nil {
			return v.String()
		}
		out := make(map[string]any, len(attrs))
		for name, attr := range attrs {
			out[name] = jsonValue(attr)
		}
		return out
	}
	return render(v)
}

// identityID decodes the id of a hoko_collection identity.
func (p *protocolProvider) identityID(identity *tfprotov6.ResourceIdentityData) string {
	p.t.Helper()
	if identity == nil {
		p.t.Fatal("the response holds no identity")
	}
	return p.attributes(p.identityType("hoko_collection"), identity.IdentityData)["id"]
}

// render writes a primitive value as a string a test can compare: strings as
// they are, null as <null>, unknown as <unknown>.
func render(v tftypes.Value) string {
	switch {
	case !v.IsKnown():
		return "<unknown>"
	case v.IsNull():
		return "<null>"
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case v.Type().Is(tftypes.Number):
		var n big.Float
		_ = v.As(&n)
		return n.String()
	case v.Type().Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return fmt.Sprint(b)
	}
	return v.String()
}

// requireNoErrors fails the test on any error diagnostic.
func requireNoErrors(t *testing.T, rpc string, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("%s: %s: %s", rpc, d.Summary, d.Detail)
		}
	}
}

// requireError fails the test unless diags hold an error whose summary is
// summary and whose detail contains each of parts.
func requireError(t *testing.T, rpc string, diags []*tfprotov6.Diagnostic, summary string, parts ...string) {
	t.Helper()
	for _, d := range diags {
		if d.Severity != tfprotov6.DiagnosticSeverityError || d.Summary != summary {
			continue
		}
		for _, part := range parts {
			if !strings.Contains(d.Detail, part) {
				t.Fatalf("%s: %q detail %q does not contain %q", rpc, summary, d.Detail, part)
			}
		}
		return
	}
	t.Fatalf("%s: no %q error among %d diagnostics: %v", rpc, summary, len(diags), diagsText(diags))
}

// diagsText renders diagnostics for a failure message.
func diagsText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "[%s %s: %s] ", d.Severity, d.Summary, d.Detail)
	}
	return b.String()
}
