package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The client bounds each request (request_timeout, max_retries) and each
// rate-limit wait; a resource's timeouts block bounds a whole operation,
// retries, waits and lookups included, so that a user can say "give up on
// this create after 5 minutes" however the API behaves.

// defaultOperationTimeout bounds an operation whose timeouts block does not
// say otherwise. It is well above the worst a healthy retry budget needs
// (ten retries with capped backoff, two minutes of rate-limit waits), so it
// only ends operations that would otherwise seem to hang.
const defaultOperationTimeout = 20 * time.Minute

// resourceTimeouts is the timeouts block every resource model embeds. It is
// configuration only: Hoko knows nothing of it.
type resourceTimeouts struct {
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// operationTimeouts returns the timeouts block.
func (t resourceTimeouts) operationTimeouts() timeouts.Value { return t.Timeouts }

// timeoutDescription documents one attribute of the timeouts block.
func timeoutDescription(what string) string {
	return fmt.Sprintf("How long %s may take in all, as a positive duration such as `30s`, `10m` or `1h` (units `s`, `m`, `h`). "+
		"Defaults to `%s`.", what, shortDuration(defaultOperationTimeout))
}

// shortDuration writes 20m rather than 20m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// timeoutsBlock is the schema of the timeouts block of a resource of kind.
func timeoutsBlock(ctx context.Context, kind objectKind) schema.Block {
	block := timeouts.Block(ctx, timeouts.Opts{
		Create: true, Read: true, Update: true, Delete: true,
		CreateDescription: timeoutDescription("creating the " + kind.name),
		ReadDescription:   timeoutDescription("reading the " + kind.name + " (on every refresh and plan)"),
		UpdateDescription: timeoutDescription("updating the " + kind.name),
		DeleteDescription: timeoutDescription("deleting the " + kind.name),
	})
	nested, ok := block.(schema.SingleNestedBlock)
	if !ok {
		return block
	}
	for name, a := range nested.Attributes {
		if attr, ok := a.(schema.StringAttribute); ok {
			// The library's validator only checks the syntax, and its
			// message suggests "-1.5h": a timeout of zero or less passed
			// plan and then ended the operation before its first request.
			attr.Validators = []validator.String{positiveDurationValidator{}}
			nested.Attributes[name] = attr
		}
	}
	nested.Description = "Bounds for whole operations on this " + kind.name + ": every retry, rate-limit wait and " +
		"lookup the provider makes counts towards them. When one runs out the operation stops at once and fails " +
		"with a timeout diagnostic. Each single request is bounded by the provider's `request_timeout` instead."
	return nested
}

// nullTimeouts is an unset timeouts block, for resource objects built
// without a configuration (list results of terraform query).
func nullTimeouts() resourceTimeouts {
	return resourceTimeouts{Timeouts: timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{
		"create": types.StringType, "read": types.StringType, "update": types.StringType, "delete": types.StringType,
	})}}
}

// operationKey keys the running operation in a context, so diagnostics can
// name the timeout that ran out without every call site passing it along.
type operationKey struct{}

// operation is one bounded CRUD call: its name in the timeouts block and its
// limit.
type operation struct {
	name  string
	limit time.Duration
}

// boundOperation returns ctx bounded by the timeout named op ("create",
// "read", "update" or "delete") of the timeouts block t. The caller must
// call cancel. A timeout that cannot be read is reported in diags and the
// default applies.
func boundOperation(ctx context.Context, op string, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	get := map[string]func(context.Context, time.Duration) (time.Duration, diag.Diagnostics){
		"create": t.Create, "read": t.Read, "update": t.Update, "delete": t.Delete,
	}[op]
	limit, d := get(ctx, defaultOperationTimeout)
	diags.Append(d...)
	ctx = context.WithValue(ctx, operationKey{}, operation{name: op, limit: limit})
	return context.WithTimeout(ctx, limit)
}

// operationIn returns the operation ctx belongs to, for diagnostics.
func operationIn(ctx context.Context) (operation, bool) {
	op, ok := ctx.Value(operationKey{}).(operation)
	return op, ok
}

// timeoutAdvice is how to give an operation more time.
func (op operation) timeoutAdvice() string {
	return fmt.Sprintf("The %s timeout of this resource is %s. Run Terraform again, or give the operation more time "+
		"with a timeouts block:\n\ntimeouts {\n  %s = %q\n}", op.name, op.limit, op.name, (op.limit * 2).String())
}
