// Package pluginlog keeps a provider from writing logs that Terraform
// throws away.
//
// Terraform (and OpenTofu, which reads the same variables) keeps what a
// provider writes to its log only when TF_LOG or TF_LOG_PROVIDER is set in
// its environment (to anything but OFF), which the provider process
// inherits. Otherwise it reads every line from the plugin's standard error
// and drops it. The plugin SDK does not know that: terraform-plugin-log,
// left to its defaults, logs everything at TRACE, about ninety lines of
// JSON per resource per command from terraform-plugin-go and the framework
// alone, each formatted and written to a pipe for nothing: a fifth to two
// fifths of the provider's CPU time in applies, plans and destroys of 100
// and 300 collections (DESIGN.md, "No log that Terraform drops").
package pluginlog

import (
	"os"
	"strings"
)

// quieted are the variables terraform-plugin-log reads for the levels of
// the SDK's root logger, of its subsystems (terraform-plugin-go's protocol
// log and the framework's) and of the provider's own logger (tflog). The
// subsystems would write nothing under a root logger that is off, but they
// decide whether to build a line from their own level, so each is set too.
var quieted = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"}

// Kept reports whether Terraform keeps what the provider logs. Terraform
// (internal/logging) takes the provider's level from TF_LOG_PROVIDER, or
// TF_LOG when that is empty, and keeps nothing when the level is empty or
// OFF; any other value, even one it does not know, means TRACE.
func Kept() bool {
	level := os.Getenv("TF_LOG_PROVIDER")
	if level == "" {
		level = os.Getenv("TF_LOG")
	}
	return level != "" && !strings.EqualFold(level, "off")
}

// Quiet turns the SDK's and the provider's loggers off by setting the
// variables terraform-plugin-log reads to OFF, leaving any already set
// alone. Call it before the provider is served, only when the log is not
// Kept, and not in debug mode, where the provider's standard error is the
// developer's terminal rather than Terraform's pipe.
func Quiet() error {
	for _, name := range quieted {
		if _, set := os.LookupEnv(name); set {
			continue
		}
		if err := os.Setenv(name, "OFF"); err != nil {
			return err
		}
	}
	return nil
}
