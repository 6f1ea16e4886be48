package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/hoko/terraform-provider-hoko/internal/hoko"
)

// tfLogger passes the client's request logs to tflog. It masks the API key in
// every message and field, so that even an error text that happened to quote
// it (a proxy echoing the request, say) cannot leak it into TF_LOG output.
type tfLogger struct {
	apiKey string
}

var _ hoko.Logger = tfLogger{}

// newTFLogger returns a Logger that masks apiKey.
func newTFLogger(apiKey string) tfLogger { return tfLogger{apiKey: apiKey} }

// Debug logs at DEBUG level.
func (l tfLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(l.mask(ctx), msg, fields)
}

// Info logs at INFO level.
func (l tfLogger) Info(ctx context.Context, msg string, fields map[string]any) {
	tflog.Info(l.mask(ctx), msg, fields)
}

func (l tfLogger) mask(ctx context.Context) context.Context {
	ctx = tflog.MaskMessageStrings(ctx, l.apiKey)
	return tflog.MaskAllFieldValuesStrings(ctx, l.apiKey)
}
