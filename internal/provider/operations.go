package provider

import (
	"bytes"
	"context"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// NewServer returns the factory of the provider's protocol server, which
// main.go serves and the acceptance tests run. Each server has its own
// provider and its own hoko.Operations, which counts the operations
// Terraform is running in it.
func NewServer(version string) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		return newServer(version, hoko.NewOperations())
	}
}

// newServer returns a protocol server whose planning and applying of any
// resource's changes is counted in ops, and whose client is told about ops,
// so that the client's coalesced writes go out as soon as no other
// operation is on its way to them (see hoko.Operations).
//
// Terraform's apply walk plans each create and update again right before it
// applies it, and upgrades the stored state of each update and delete, so
// those steps announce a write before it is made (see hoko.Operations.BeginPrelude).
// Counting at the protocol level covers every kind of resource without any
// code in the resources themselves.
func newServer(version string, ops *hoko.Operations) (tfprotov6.ProviderServer, error) {
	configured := &atomic.Pointer[hoko.Client]{}
	server, err := providerserver.NewProtocol6WithError(&hokoProvider{version: version, operations: ops, configured: configured})()
	if err != nil {
		return nil, err
	}
	lists, _ := server.(tfprotov6.ListResourceServer)
	server = linksServer{ProviderServer: releasingServer{server}, client: configured}
	return countingServer{ProviderServer: server, ListResourceServer: lists, ops: ops}, nil
}

// countingServer counts the resource operations Terraform runs in the
// provider and serves every RPC through the framework's server.
type countingServer struct {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	ops *hoko.Operations
}

// ConfigureProvider starts the count of announced operations over:
// Terraform configures the provider anew for every walk, and a walk plans
// its own changes (this matters when one server serves several walks, as
// in the acceptance tests and with debuggers).
func (s countingServer) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	s.ops.Forget()
	return s.ProviderServer.ConfigureProvider(ctx, req)
}

// PlanResourceChange counts a plan as an operation while it runs, and a plan
// that changes something as an announcement of the apply that follows it
// in Terraform's apply walk.
func (s countingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	// An update's plan follows its upgrade in the apply walk; a create's
	// plan (no prior state) is its operation's first step.
	end := s.ops.BeginPrelude(!isNull(req.PriorState))
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	end(err == nil && resp != nil && !hasError(resp.Diagnostics) && changes(req.PriorState, resp.PlannedState))
	return resp, err
}

// UpgradeResourceState counts an upgrade as an announcement of the apply
// that follows it: Terraform's apply walk upgrades the stored state of each
// update and delete right before it applies it (deletes get no plan there).
func (s countingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	end := s.ops.BeginPrelude(false)
	resp, err := s.ProviderServer.UpgradeResourceState(ctx, req)
	end(err == nil && resp != nil && !hasError(resp.Diagnostics))
	return resp, err
}

// ApplyResourceChange counts an apply as an operation while it runs; it
// takes over its plan's announcement.
func (s countingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	defer s.ops.BeginAnnounced()()
	return s.ProviderServer.ApplyResourceChange(ctx, req)
}

// changes reports whether a planned state differs from the prior one.
func changes(prior, planned *tfprotov6.DynamicValue) bool {
	if prior == nil || planned == nil {
		return prior != planned
	}
	return !bytes.Equal(prior.MsgPack, planned.MsgPack) || !bytes.Equal(prior.JSON, planned.JSON)
}

// isNull reports whether a value Terraform sent is null: absent, or the
// null of either encoding.
func isNull(v *tfprotov6.DynamicValue) bool {
	if v == nil {
		return true
	}
	if len(v.MsgPack) > 0 {
		return bytes.Equal(v.MsgPack, []byte{0xc0}) // msgpack nil
	}
	return len(v.JSON) == 0 || string(bytes.TrimSpace(v.JSON)) == "null"
}

// hasError reports whether diags hold an error.
func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d != nil && d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}
