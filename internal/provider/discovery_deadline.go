package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// discoveryTimeout bounds one data source read or one `terraform query` of a
// list resource, retries and rate-limit waits included. Listings are
// bounded already (a server that repeats pages is detected, ten million
// objects at most), but a server that answers slowly and without end must
// not hold a plan forever; twenty minutes is what a resource's timeouts
// block allows an operation by default.
const discoveryTimeout = 20 * time.Minute

// boundDiscovery returns ctx bounded by timeout. An error caused by that
// deadline is reported by addDiscoveryTimeout, since a plain API error would
// blame the network.
func boundDiscovery(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeoutCause(ctx, timeout, errDiscoveryDeadline{timeout})
}

// errDiscoveryDeadline is the cause of a discovery that ran out of time.
type errDiscoveryDeadline struct{ timeout time.Duration }

func (e errDiscoveryDeadline) Error() string {
	return fmt.Sprintf("the read did not finish within %s", e.timeout)
}

// addDiscoveryTimeout appends the diagnostic for a discovery that ran out of
// time, and reports whether it did; what completes "Could not ...", e.g.
// "list the workspace's tags".
func addDiscoveryTimeout(ctx context.Context, diags *diag.Diagnostics, what string) bool {
	var deadline errDiscoveryDeadline
	if !errors.As(context.Cause(ctx), &deadline) {
		return false
	}
	diags.AddError("Hoko Read Timed Out",
		fmt.Sprintf("Could not %s within %s: the Hoko API answered too slowly, or kept sending pages, for that long. "+
			"Check the endpoint (a cache or proxy between may be misbehaving) and run Terraform again.",
			what, deadline.timeout))
	return true
}
