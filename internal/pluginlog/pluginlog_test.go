package pluginlog

import (
	"context"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tfsdklog"
)

// unsetEnv unsets name for the test and restores it afterwards.
func unsetEnv(t *testing.T, name string) {
	t.Helper()
	t.Setenv(name, "") // registers the restore
	if err := os.Unsetenv(name); err != nil {
		t.Fatal(err)
	}
}

// loggingLikeTheSDK builds the loggers the way terraform-plugin-go and the
// framework do when they serve a provider (levels from TF_LOG_SDK,
// TF_LOG_SDK_PROTO, TF_LOG_SDK_FRAMEWORK and TF_LOG_PROVIDER; the protocol
// and framework logs subsystems of the SDK's) and names those that would
// write what the SDK and the provider log: the protocol server's and the
// framework's TRACE lines, the provider's DEBUG lines. These are the checks
// the loggers make before they format a line.
func loggingLikeTheSDK() []string {
	ctx := tfsdklog.NewRootSDKLogger(context.Background(), tfsdklog.WithLevelFromEnv("TF_LOG_SDK"))
	ctx = tfsdklog.NewRootProviderLogger(ctx, tfsdklog.WithLevelFromEnv("TF_LOG_PROVIDER"))
	ctx = tfsdklog.NewSubsystem(ctx, "proto", tfsdklog.WithLevelFromEnv("TF_LOG_SDK_PROTO"))
	ctx = tfsdklog.NewSubsystem(ctx, "framework", tfsdklog.WithLevelFromEnv("TF_LOG_SDK_FRAMEWORK"))
	var writing []string
	for _, subsystem := range []string{"proto", "framework"} {
		if tfsdklog.SubsystemIsTrace(ctx, subsystem) {
			writing = append(writing, subsystem)
		}
	}
	if tfsdklog.IsTrace(ctx) {
		writing = append(writing, "sdk")
	}
	if tflog.IsDebug(ctx) {
		writing = append(writing, "provider")
	}
	return writing
}

func TestQuiet_TurnsOffWhatTerraformWouldDrop(t *testing.T) {
	for _, name := range []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"} {
		unsetEnv(t, name)
	}
	if got := loggingLikeTheSDK(); len(got) != 4 {
		t.Fatalf("before: only %v would log; the SDK's defaults changed, and this test no longer shows what it turns off", got)
	}

	if Kept() {
		t.Fatal("Kept() with neither TF_LOG nor TF_LOG_PROVIDER set")
	}
	if err := Quiet(); err != nil {
		t.Fatal(err)
	}
	if got := loggingLikeTheSDK(); len(got) != 0 {
		t.Errorf("after: %v would still log", got)
	}
}

func TestKept_FollowsTerraformsRule(t *testing.T) {
	for _, tc := range []struct {
		tfLog, tfLogProvider string
		kept                 bool
	}{
		{"", "", false},
		{"TRACE", "", true},
		{"json", "", true},
		{"yes", "", true}, // Terraform reads a value it does not know as TRACE
		{"", "DEBUG", true},
		{"off", "", false},
		{"OFF", "DEBUG", true},  // TF_LOG_PROVIDER decides when it is set
		{"TRACE", "Off", false}, // even when it says OFF
	} {
		t.Run(tc.tfLog+"/"+tc.tfLogProvider, func(t *testing.T) {
			t.Setenv("TF_LOG", tc.tfLog)
			t.Setenv("TF_LOG_PROVIDER", tc.tfLogProvider)
			if got := Kept(); got != tc.kept {
				t.Errorf("Kept() = %v with TF_LOG=%q and TF_LOG_PROVIDER=%q; want %v", got, tc.tfLog, tc.tfLogProvider, tc.kept)
			}
		})
	}
}

func TestQuiet_LeavesAVariableAlreadySet(t *testing.T) {
	for _, name := range []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"} {
		unsetEnv(t, name)
	}
	t.Setenv("TF_LOG_SDK", "DEBUG")

	if err := Quiet(); err != nil {
		t.Fatal(err)
	}
	if got := os.Getenv("TF_LOG_SDK"); got != "DEBUG" {
		t.Errorf("TF_LOG_SDK = %q; want DEBUG, as set", got)
	}
	if got := os.Getenv("TF_LOG_PROVIDER"); got != "OFF" {
		t.Errorf("TF_LOG_PROVIDER = %q; want OFF", got)
	}
}
