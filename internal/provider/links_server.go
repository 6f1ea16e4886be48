package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// terraform-plugin-framework (v1.19.0) plans a resource in time quadratic in
// the number of values it holds: MarkComputedNilsAsUnknown wraps the request
// context once more for every value it visits and logs with it, so each log
// call walks a chain as long as the values seen so far. A hoko_links of
// 2,000 entries holds about 40,000 values, and one plan took over a minute;
// 10,000 would take far longer. So the provider's server plans hoko_links
// itself, with the same planLinks the resource's ModifyPlan calls, and
// passes every other call to the framework unchanged (newServer wraps
// the framework's server in linksPlanningServer).

// linksPlanningServer is the framework's server, but for hoko_links' plans.
type linksPlanningServer struct {
	tfprotov6.ProviderServer
}

// PlanResourceChange plans hoko_links here and everything else in the
// framework.
func (s linksPlanningServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	if req.TypeName != "hoko_links" {
		return s.ProviderServer.PlanResourceChange(ctx, req)
	}
	return planLinksChange(ctx, req), nil
}

// planLinksChange is PlanResourceChange for hoko_links: a destroy plans
// null; otherwise the plan is planLinks of the configuration and the prior
// state, and the private state is carried over.
func planLinksChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) *tfprotov6.PlanResourceChangeResponse {
	resp := &tfprotov6.PlanResourceChangeResponse{PlannedPrivate: req.PriorPrivate}
	var diags diag.Diagnostics
	defer func() { resp.Diagnostics = append(resp.Diagnostics, protoDiagnostics(diags)...) }()
	var sch resource.SchemaResponse
	(&linksResource{}).Schema(ctx, resource.SchemaRequest{}, &sch)
	typ := sch.Schema.Type().TerraformType(ctx)
	decode := func(dv *tfprotov6.DynamicValue) tftypes.Value {
		if dv == nil {
			return tftypes.NewValue(typ, nil)
		}
		v, err := dv.Unmarshal(typ)
		if err != nil {
			diags.AddError("Unreadable Plan Request", "Terraform sent a value the provider cannot read: "+err.Error()+
				". This is a bug in the provider; please report it.")
		}
		return v
	}
	proposed, prior, configRaw := decode(req.ProposedNewState), decode(req.PriorState), decode(req.Config)
	if diags.HasError() {
		return resp
	}
	if proposed.IsNull() {
		resp.PlannedState = req.ProposedNewState
		return resp
	}
	var config, state linksResourceModel
	diags.Append(tfsdk.Config{Schema: sch.Schema, Raw: configRaw}.Get(ctx, &config)...)
	if !prior.IsNull() {
		diags.Append(tfsdk.State{Schema: sch.Schema, Raw: prior}.Get(ctx, &state)...)
	}
	if diags.HasError() {
		return resp
	}
	plan := planLinks(ctx, config, state, elsewhereKeys(ctx, rawPrivate(req.PriorPrivate), &diags), &diags)
	out := tfsdk.Plan{Schema: sch.Schema, Raw: tftypes.NewValue(typ, nil)}
	diags.Append(out.Set(ctx, plan)...)
	if diags.HasError() {
		return resp
	}
	planned, err := tfprotov6.NewDynamicValue(typ, out.Raw)
	if err != nil {
		diags.AddError("Unwritable Plan", "The provider could not encode its plan: "+err.Error()+
			". This is a bug in the provider; please report it.")
		return resp
	}
	resp.PlannedState = &planned
	return resp
}

// rawPrivate reads the framework's private state encoding (a JSON object
// of byte strings) for the keys this resource keeps.
type rawPrivate []byte

// GetKey returns the value at key, or nil.
func (p rawPrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	var diags diag.Diagnostics
	if len(p) == 0 {
		return nil, diags
	}
	var data map[string][]byte
	if err := json.Unmarshal(p, &data); err != nil {
		diags.AddWarning("Unreadable Private State", "The provider's private state could not be read and is ignored: "+err.Error())
		return nil, diags
	}
	return data[key], diags
}

// protoDiagnostics converts diagnostics to the protocol's.
func protoDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	out := make([]*tfprotov6.Diagnostic, 0, len(diags))
	for _, d := range diags {
		severity := tfprotov6.DiagnosticSeverityWarning
		if d.Severity() == diag.SeverityError {
			severity = tfprotov6.DiagnosticSeverityError
		}
		out = append(out, &tfprotov6.Diagnostic{Severity: severity, Summary: d.Summary(), Detail: d.Detail()})
	}
	return out
}
