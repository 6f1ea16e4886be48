package provider

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// terraform-plugin-framework (v1.19.0) keeps the context of every call it
// serves until Terraform stops the provider: its protocol server wraps each
// call's context with context.WithCancel and appends the cancel function to
// a list that only StopProvider empties (proto6server's registerContext).
// Through that context it keeps everything the call's context holds: the
// loggers terraform-plugin-go makes for each call and gRPC's state for the
// call's stream, about 20 KB a call. A plan of 5,000 resources makes
// three calls each, so a provider process grew by hundreds of megabytes
// that nothing used again (the plugin floor in BENCHMARKS.md still does).
//
// releasingServer hands the framework, for every call Terraform makes once
// per resource, data source or function call, a context that lets go of
// the call's own when the call returns. What the framework keeps is then a
// few hundred bytes a call. The calls Terraform makes once per process
// (schema, metadata, configure) are passed on as they are.
type releasingServer struct {
	tfprotov6.ProviderServer
}

// released is what a released context stands for: a call that is over.
// gRPC cancels a call's context as soon as its handler returns, so a
// released context is cancelled too, and holds no values.
var released = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

// releasableContext is a call's context until release, then released.
// Until then it is the call's context in every respect: its values, its
// deadline, its cancellation (context.WithCancel finds the call's own
// cancelCtx through Value and links to it directly).
type releasableContext struct {
	current atomic.Pointer[context.Context]
}

// releasable wraps ctx; the returned function lets go of it.
func releasable(ctx context.Context) (*releasableContext, func()) {
	c := &releasableContext{}
	c.current.Store(&ctx)
	return c, func() { c.current.Store(&released) }
}

func (c *releasableContext) ctx() context.Context        { return *c.current.Load() }
func (c *releasableContext) Deadline() (time.Time, bool) { return c.ctx().Deadline() }
func (c *releasableContext) Done() <-chan struct{}       { return c.ctx().Done() }
func (c *releasableContext) Err() error                  { return c.ctx().Err() }
func (c *releasableContext) Value(key any) any           { return c.ctx().Value(key) }

// serveReleased serves one call with a context released when it returns.
func serveReleased[Req, Resp any](ctx context.Context, req Req, serve func(context.Context, Req) (Resp, error)) (Resp, error) {
	c, release := releasable(ctx)
	defer release()
	return serve(c, req)
}

func (s releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return serveReleased(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return serveReleased(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s releasingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return serveReleased(ctx, req, s.ProviderServer.UpgradeResourceIdentity)
}

func (s releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return serveReleased(ctx, req, s.ProviderServer.ReadResource)
}

func (s releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return serveReleased(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return serveReleased(ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return serveReleased(ctx, req, s.ProviderServer.ImportResourceState)
}

func (s releasingServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return serveReleased(ctx, req, s.ProviderServer.MoveResourceState)
}

func (s releasingServer) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return serveReleased(ctx, req, s.ProviderServer.GenerateResourceConfig)
}

func (s releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return serveReleased(ctx, req, s.ProviderServer.ValidateDataResourceConfig)
}

func (s releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return serveReleased(ctx, req, s.ProviderServer.ReadDataSource)
}

func (s releasingServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return serveReleased(ctx, req, s.ProviderServer.CallFunction)
}
