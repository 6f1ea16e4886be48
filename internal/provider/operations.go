package provider

import (
	"context"

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
// applies it, so counting from the start of PlanResourceChange announces a
// write before it is made; a delete is counted from its ApplyResourceChange.
// Counting at the protocol level covers every kind of resource without any
// code in the resources themselves.
func newServer(version string, ops *hoko.Operations) (tfprotov6.ProviderServer, error) {
	server, err := providerserver.NewProtocol6WithError(&hokoProvider{version: version, operations: ops})()
	if err != nil {
		return nil, err
	}
	lists, _ := server.(tfprotov6.ListResourceServer)
	return countingServer{ProviderServer: server, ListResourceServer: lists, ops: ops}, nil
}

// countingServer counts the resource operations Terraform runs in the
// provider and serves every RPC through the framework's server.
type countingServer struct {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	ops *hoko.Operations
}

// PlanResourceChange counts a plan as an operation while it runs.
func (s countingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	defer s.ops.Begin()()
	return s.ProviderServer.PlanResourceChange(ctx, req)
}

// ApplyResourceChange counts an apply as an operation while it runs.
func (s countingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	defer s.ops.Begin()()
	return s.ProviderServer.ApplyResourceChange(ctx, req)
}
