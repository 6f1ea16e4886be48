package provider

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"
	"weak"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// perResourceCalls are the calls Terraform makes once per resource, data
// source or function call, each made for a name no provider serves: the
// framework takes the call's context before it looks the name up.
var perResourceCalls = map[string]func(context.Context, tfprotov6.ProviderServer){
	"ValidateResourceConfig": func(ctx context.Context, s tfprotov6.ProviderServer) {
		_, _ = s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "hoko_none"})
	},
	"UpgradeResourceState": func(ctx context.Context, s tfprotov6.ProviderServer) {
		_, _ = s.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: "hoko_none"})
	},
	"UpgradeResourceIdentity": func(ctx context.Context, s tfprotov6.ProviderServer) {
		_, _ = s.UpgradeResourceIdentity(ctx, &tfprotov6.UpgradeResourceIdentityRequest{TypeName: "hoko_none"})
	},
	"ReadResource": func(ctx context.Context, s tfprotov6.ProviderServer) {
		_, _ = s.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "hoko_none"})
	},
	"PlanResourceChange": func(ctx context.Context, s tfprotov6.ProviderServer) {
		_, _ = s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "hoko_none"})
	},
	"ApplyResourceChange": func(ctx context.Context, s tfprotov6.ProviderServer) {
		_, _ = s.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: "hoko_none"})
	},
	"ImportResourceState": func(ctx context.Context, s tfprotov6.ProviderServer) {
		_, _ = s.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: "hoko_none"})
	},
	"MoveResourceState": func(ctx context.Context, s tfprotov6.ProviderServer) {
		_, _ = s.MoveResourceState(ctx, &tfprotov6.MoveResourceStateRequest{TargetTypeName: "hoko_none"})
	},
	"GenerateResourceConfig": func(ctx context.Context, s tfprotov6.ProviderServer) {
		_, _ = s.GenerateResourceConfig(ctx, &tfprotov6.GenerateResourceConfigRequest{TypeName: "hoko_none"})
	},
	"ValidateDataResourceConfig": func(ctx context.Context, s tfprotov6.ProviderServer) {
		_, _ = s.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: "hoko_none"})
	},
	"ReadDataSource": func(ctx context.Context, s tfprotov6.ProviderServer) {
		_, _ = s.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "hoko_none"})
	},
	"CallFunction": func(ctx context.Context, s tfprotov6.ProviderServer) {
		_, _ = s.CallFunction(ctx, &tfprotov6.CallFunctionRequest{Name: "none"})
	},
}

// callPayload stands for what a call's context holds (loggers, gRPC's
// stream): large enough to be an object of its own on the heap.
type callPayload struct{ _ [4096]byte }

type payloadKey struct{}

// keptAfterCall makes one call with a context holding a payload and
// reports, after the call and two collections, whether anything still
// holds the payload. The server stays reachable throughout, as a provider
// process's does.
//
//go:noinline
func keptAfterCall(server tfprotov6.ProviderServer, call func(context.Context, tfprotov6.ProviderServer)) bool {
	held := weakPayloadAfter(server, call)
	runtime.GC()
	runtime.GC()
	kept := held.Value() != nil
	runtime.KeepAlive(server)
	return kept
}

//go:noinline
func weakPayloadAfter(server tfprotov6.ProviderServer, call func(context.Context, tfprotov6.ProviderServer)) weak.Pointer[callPayload] {
	payload := &callPayload{}
	call(context.WithValue(context.Background(), payloadKey{}, payload), server)
	return weak.Make(payload)
}

// TestFramework_KeepsEveryCallsContext pins the framework's behaviour that
// releasingServer exists for: the framework's own server keeps each call's
// context after the call. When this fails, the framework has stopped doing
// so, and releasingServer can go.
func TestFramework_KeepsEveryCallsContext(t *testing.T) {
	for name, call := range perResourceCalls {
		t.Run(name, func(t *testing.T) {
			framework, err := providerserver.NewProtocol6WithError(New(testProviderVersion)())()
			if err != nil {
				t.Fatal(err)
			}
			if !keptAfterCall(framework, call) {
				t.Errorf("the framework let go of %s's context: releasingServer is no longer needed for it", name)
			}
		})
	}
}

// TestServer_KeepsNoCallsContext: the provider's server, as Terraform runs
// it, keeps nothing of a call's context once the call returned.
func TestServer_KeepsNoCallsContext(t *testing.T) {
	for name, call := range perResourceCalls {
		t.Run(name, func(t *testing.T) {
			server, err := NewServer(testProviderVersion)()
			if err != nil {
				t.Fatal(err)
			}
			if keptAfterCall(server, call) {
				t.Errorf("%s's context is still held after the call returned", name)
			}
		})
	}
}

// TestReleasableContext_IsTheCallsUntilReleased: while a call runs, the
// context the framework gets is the call's in values, deadline and
// cancellation; once released it is a finished call's: cancelled, with no
// values, and contexts made from it before stay linked to the call's.
func TestReleasableContext_IsTheCallsUntilReleased(t *testing.T) {
	deadline := time.Now().Add(time.Hour)
	call, cancelCall := context.WithDeadline(context.WithValue(t.Context(), payloadKey{}, "value"), deadline)
	defer cancelCall()

	ctx, release := releasable(call)
	if got := ctx.Value(payloadKey{}); got != "value" {
		t.Errorf("Value = %v, want the call's value", got)
	}
	if got, ok := ctx.Deadline(); !ok || !got.Equal(deadline) {
		t.Errorf("Deadline = %v, %v; want the call's %v", got, ok, deadline)
	}
	if ctx.Err() != nil {
		t.Errorf("Err = %v before the call ended", ctx.Err())
	}
	child, cancelChild := context.WithCancel(ctx)
	defer cancelChild()
	stopped := make(chan struct{})
	context.AfterFunc(ctx, func() { close(stopped) })

	release()
	if ctx.Value(payloadKey{}) != nil {
		t.Error("a released context still has the call's values")
	}
	if !errors.Is(ctx.Err(), context.Canceled) {
		t.Errorf("released Err = %v, want context.Canceled", ctx.Err())
	}
	select {
	case <-ctx.Done():
	default:
		t.Error("a released context is not done")
	}
	if child.Err() != nil {
		t.Errorf("a context made before the release was cancelled by it (%v); only the call's end cancels it", child.Err())
	}

	cancelCall()
	select {
	case <-child.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a context made from the call's before the release did not end with the call")
	}
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("context.AfterFunc registered before the release did not run when the call ended")
	}
}
