package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// terraform-plugin-framework (v1.19.0) costs time per call that grows
// faster than a resource's number of values: it wraps the request context
// once more for every value it visits and logs with it, so each log call
// walks a chain as long as the values seen so far (MarkComputedNilsAsUnknown
// when planning, NullifyWriteOnlyAttributes after a read or an apply), and
// it reads a model by a reflection that compiles a regular expression for
// each field of each entry. A hoko_links of 2,000 entries holds about
// 40,000 values: one plan took over a minute, one read five seconds, and
// the acceptance test of 2,000 entries three minutes. So the provider's
// server serves hoko_links' validation, plans, reads and applies itself,
// with the resource's own operations (links_operations.go) on values it
// reads and writes with links_codec.go, and passes every other call to the
// framework unchanged: the schema, an import (which sets two values), the
// upgrade of a stored state (one decoding, no per-value walk), and every
// other resource. Each RPC here returns what the framework's would: the
// same states, the same private state, the same diagnostics.

// linksServer is the framework's server, but for hoko_links.
type linksServer struct {
	tfprotov6.ProviderServer
	// client is the API client the provider built when Terraform last
	// configured it; nil before.
	client *atomic.Pointer[hoko.Client]
}

// isLinks reports whether a call is for hoko_links.
func isLinks(typeName string) bool { return typeName == "hoko_links" }

// resource is hoko_links with the configured client, or nil after a
// diagnostic when Terraform has not configured the provider.
func (s linksServer) resource(diags *diag.Diagnostics) *linksResource {
	client := s.client.Load()
	if client == nil {
		diags.AddError("Provider Not Configured", "Terraform called hoko_links before configuring the provider. "+
			"This is a bug in Terraform or the provider; please report it.")
		return nil
	}
	return &linksResource{client: client}
}

// ValidateResourceConfig lets the framework validate every attribute but
// links' entries, which entryChecks and validateEntries validate.
func (s linksServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	if !isLinks(req.TypeName) || !entryChecksApply() {
		return s.ProviderServer.ValidateResourceConfig(ctx, req)
	}
	var diags diag.Diagnostics
	v, ok := unmarshalLinks(req.Config, &diags)
	var attrs map[string]tftypes.Value
	if !ok || v.IsNull() || !v.IsKnown() || v.As(&attrs) != nil {
		return s.ProviderServer.ValidateResourceConfig(ctx, req)
	}
	links := attrs["links"]
	if links.IsNull() || !links.IsKnown() {
		return s.ProviderServer.ValidateResourceConfig(ctx, req)
	}
	attrs["links"] = tftypes.NewValue(linksType().links, map[string]tftypes.Value{})
	rest := *req
	rest.Config = dynamicLinks(tftypes.NewValue(linksType().object, attrs), &diags)
	if diags.HasError() {
		return s.ProviderServer.ValidateResourceConfig(ctx, req)
	}
	resp, err := s.ProviderServer.ValidateResourceConfig(ctx, &rest)
	if err != nil || resp == nil {
		return resp, err
	}
	var caps validator.ValidateSchemaClientCapabilities
	if req.ClientCapabilities != nil {
		caps.WriteOnlyAttributesAllowed = req.ClientCapabilities.WriteOnlyAttributesAllowed
	}
	entryChecks{config: tfsdk.Config{Schema: linksSchema(), Raw: v}, caps: caps, diags: &diags}.check(ctx, links)
	entries, _ := decodeEntries(ctx, links, &diags)
	validateEntries(entries, &diags)
	resp.Diagnostics = append(resp.Diagnostics, protoDiagnostics(ctx, diags)...)
	return resp, nil
}

// PlanResourceChange plans hoko_links with planLinks: a destroy plans
// null; otherwise the plan is planLinks of the configuration and the prior
// state, and the private state is carried over.
func (s linksServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	if !isLinks(req.TypeName) {
		return s.ProviderServer.PlanResourceChange(ctx, req)
	}
	resp := &tfprotov6.PlanResourceChangeResponse{PlannedPrivate: req.PriorPrivate}
	var diags diag.Diagnostics
	defer func() { resp.Diagnostics = append(resp.Diagnostics, protoDiagnostics(ctx, diags)...) }()
	if isNullValue(req.ProposedNewState) {
		resp.PlannedState = req.ProposedNewState
		return resp, nil
	}
	config, _ := decodeLinks(ctx, req.Config, fromConfig, &diags)
	prior, _ := decodeLinks(ctx, req.PriorState, fromState, &diags)
	elsewhere := elsewhereKeys(ctx, readPrivate(req.PriorPrivate, &diags), &diags)
	if diags.HasError() {
		return resp, nil
	}
	resp.PlannedState = encodeLinks(ctx, planLinks(config, prior, elsewhere), &diags)
	return resp, nil
}

// UpgradeResourceState reads a stored hoko_links state of the current
// schema version as the framework does (attributes the schema no longer
// has are dropped), without the framework's walk over every value
// afterwards. Other versions go to the framework, which refuses them.
func (s linksServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	if !isLinks(req.TypeName) || req.Version != linksSchema().Version || req.RawState == nil {
		return s.ProviderServer.UpgradeResourceState(ctx, req)
	}
	resp := &tfprotov6.UpgradeResourceStateResponse{}
	var diags diag.Diagnostics
	v, err := req.RawState.UnmarshalWithOpts(linksType().object, tfprotov6.UnmarshalOpts{
		ValueFromJSONOpts: tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true},
	})
	if err != nil {
		diags.AddError("Unable to Read Previously Saved State for UpgradeResourceState",
			"There was an error reading the saved resource state using the current resource schema.\n\n"+
				"If this resource state was last refreshed with Terraform CLI 0.11 and earlier, it must be refreshed or applied with an older provider version first. "+
				"If you manually modified the resource state, you will need to manually modify it to match the current resource schema. "+
				"Otherwise, please report this to the provider developer:\n\n"+err.Error())
	} else {
		resp.UpgradedState = dynamicLinks(v, &diags)
	}
	resp.Diagnostics = protoDiagnostics(ctx, diags)
	return resp, nil
}

// ReadResource refreshes hoko_links with read. The framework's mark of an
// import is dropped from the private state, as the framework's read does.
func (s linksServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	if !isLinks(req.TypeName) {
		return s.ProviderServer.ReadResource(ctx, req)
	}
	resp := &tfprotov6.ReadResourceResponse{NewState: req.CurrentState}
	var diags diag.Diagnostics
	private := readPrivate(req.Private, &diags)
	delete(private, importBeforeReadKey)
	state, null := decodeLinks(ctx, req.CurrentState, fromState, &diags)
	if r := s.resource(&diags); r != nil && !null && !diags.HasError() {
		if next := r.read(ctx, state, private, &diags); next != nil {
			resp.NewState = encodeLinks(ctx, *next, &diags)
		}
	}
	resp.Private = private.bytes()
	resp.Diagnostics = protoDiagnostics(ctx, diags)
	return resp, nil
}

// ApplyResourceChange creates, updates or deletes hoko_links with create,
// update or delete. A create starts the private state afresh; a delete
// that succeeds ends the state and the private state; a failed one keeps
// the entries whose links are still live. Whatever cannot be applied
// leaves the prior state as it was.
func (s linksServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	if !isLinks(req.TypeName) {
		return s.ProviderServer.ApplyResourceChange(ctx, req)
	}
	resp := &tfprotov6.ApplyResourceChangeResponse{NewState: req.PriorState, Private: req.PlannedPrivate}
	var diags diag.Diagnostics
	defer func() { resp.Diagnostics = protoDiagnostics(ctx, diags) }()
	prior, priorNull := decodeLinks(ctx, req.PriorState, fromState, &diags)
	planned, plannedNull := decodeLinks(ctx, req.PlannedState, fromPlan, &diags)
	private := readPrivate(req.PlannedPrivate, &diags)
	r := s.resource(&diags)
	if diags.HasError() {
		return resp, nil
	}
	switch {
	case priorNull:
		resp.Private = nil
		resp.NewState = dynamicLinks(tftypes.NewValue(linksType().object, nil), &diags)
		if next := r.create(ctx, planned, &diags); next != nil {
			resp.NewState = encodeLinks(ctx, *next, &diags)
		}
	case plannedNull:
		left := r.delete(ctx, prior, &diags)
		switch {
		case !diags.HasError():
			resp.Private = nil
			resp.NewState = dynamicLinks(tftypes.NewValue(linksType().object, nil), &diags)
		case left != nil:
			resp.NewState = encodeLinks(ctx, *left, &diags)
		}
	default:
		if next := r.update(ctx, planned, prior, private, &diags); next != nil {
			resp.NewState = encodeLinks(ctx, *next, &diags)
		}
		resp.Private = private.bytes()
	}
	return resp, nil
}

// isNullValue reports whether a request's value is null, without decoding
// it: a destroy proposes null, encoded as MessagePack's nil (or JSON's
// null), which no object's encoding is.
func isNullValue(dv *tfprotov6.DynamicValue) bool {
	if dv == nil {
		return true
	}
	if len(dv.MsgPack) > 0 {
		return bytes.Equal(dv.MsgPack, []byte{0xc0})
	}
	return bytes.Equal(bytes.TrimSpace(dv.JSON), []byte("null"))
}

// importBeforeReadKey is the framework's private state key marking a
// state an import has just made (privatestate.ImportBeforeReadKey); the
// read that follows removes it.
const importBeforeReadKey = ".import_before_read"

// linksPrivate is a resource's private state in the framework's encoding,
// a JSON object of byte strings (the framework's own keys start with a
// dot), read and written as the framework does, so that either path reads
// what the other wrote.
type linksPrivate map[string][]byte

// readPrivate decodes a private state; one that cannot be read is
// ignored, with a warning.
func readPrivate(raw []byte, diags *diag.Diagnostics) linksPrivate {
	p := linksPrivate{}
	if len(raw) == 0 {
		return p
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		diags.AddWarning("Unreadable Private State", "The provider's private state could not be read and is ignored: "+err.Error())
		return linksPrivate{}
	}
	return p
}

// GetKey returns the value at key, or nil.
func (p linksPrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}

// SetKey sets the value at key; an empty value removes the key.
func (p linksPrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	if len(value) == 0 {
		delete(p, key)
	} else {
		p[key] = value
	}
	return nil
}

// bytes encodes the private state; nil when it holds nothing.
func (p linksPrivate) bytes() []byte {
	if len(p) == 0 {
		return nil
	}
	raw, _ := json.Marshal(map[string][]byte(p))
	return raw
}

// protoDiagnostics converts diagnostics to the protocol's, as the
// framework does: with the attribute path where a diagnostic has one.
func protoDiagnostics(ctx context.Context, diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	out := make([]*tfprotov6.Diagnostic, 0, len(diags))
	for _, d := range diags {
		severity := tfprotov6.DiagnosticSeverityInvalid
		switch d.Severity() {
		case diag.SeverityError:
			severity = tfprotov6.DiagnosticSeverityError
		case diag.SeverityWarning:
			severity = tfprotov6.DiagnosticSeverityWarning
		}
		pd := &tfprotov6.Diagnostic{Severity: severity, Summary: d.Summary(), Detail: d.Detail()}
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = attributePath(ctx, withPath.Path())
		}
		out = append(out, pd)
	}
	return out
}

// attributePath is p as the protocol writes it.
func attributePath(ctx context.Context, p path.Path) *tftypes.AttributePath {
	var steps []tftypes.AttributePathStep
	for _, step := range p.Steps() {
		switch step := step.(type) {
		case path.PathStepAttributeName:
			steps = append(steps, tftypes.AttributeName(string(step)))
		case path.PathStepElementKeyString:
			steps = append(steps, tftypes.ElementKeyString(string(step)))
		case path.PathStepElementKeyInt:
			steps = append(steps, tftypes.ElementKeyInt(int64(step)))
		case path.PathStepElementKeyValue:
			v, err := step.ToTerraformValue(ctx)
			if err != nil {
				return tftypes.NewAttributePathWithSteps(steps)
			}
			steps = append(steps, tftypes.ElementKeyValue(v))
		}
	}
	return tftypes.NewAttributePathWithSteps(steps)
}
