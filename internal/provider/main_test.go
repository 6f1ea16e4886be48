package provider

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// testProviderNamespace is the namespace of the provider's registry address,
// registry.terraform.io/hoko/hoko, under which the acceptance tests serve it.
const testProviderNamespace = "hoko"

// TestMain prepares the environment the acceptance tests need under every
// CLI they run with (Terraform or OpenTofu, chosen by TF_ACC_TERRAFORM_PATH),
// so that nothing else has to be set by hand.
func TestMain(m *testing.M) {
	cleanup := prepareCLIEnvironment()
	code := m.Run()
	cleanup()
	os.Exit(code)
}

// prepareCLIEnvironment sets what terraform-plugin-testing and the CLI need
// and returns a function that removes what it created.
func prepareCLIEnvironment() (cleanup func()) {
	// terraform-plugin-testing serves the provider under the namespace "-"
	// (and "hashicorp") unless told otherwise, and OpenTofu refuses "-" at
	// init. The provider's real namespace works under every CLI and gives
	// every test the same address.
	if os.Getenv(resource.EnvTfAccProviderNamespace) == "" {
		_ = os.Setenv(resource.EnvTfAccProviderNamespace, testProviderNamespace)
	}
	cleanup = func() {}
	// A TF_CLI_CONFIG_FILE naming a missing file means "no CLI settings",
	// but OpenTofu then prints a warning on stdout, before its version, and
	// terraform-plugin-testing fails to read the version of every command.
	// An empty file means the same without the warning.
	if path := os.Getenv("TF_CLI_CONFIG_FILE"); path != "" {
		if _, err := os.Stat(path); os.IsNotExist(err) {
			dir, err := os.MkdirTemp("", "hoko-cli-config-")
			if err == nil && os.WriteFile(filepath.Join(dir, "empty.tfrc"), nil, 0o600) == nil {
				_ = os.Setenv("TF_CLI_CONFIG_FILE", filepath.Join(dir, "empty.tfrc"))
				cleanup = func() { _ = os.RemoveAll(dir) }
			}
		}
	}
	return cleanup
}

// cliUnderTest is the CLI the acceptance tests run.
type cliUnderTest struct {
	path     string
	openTofu bool
}

// testCLI finds the CLI the acceptance tests run, once: terraform-plugin-testing
// takes TF_ACC_TERRAFORM_PATH, or else the terraform on PATH.
var testCLI = sync.OnceValue(func() cliUnderTest {
	var cli cliUnderTest
	cli.path = os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli.path == "" {
		cli.path, _ = exec.LookPath("terraform")
	}
	if cli.path == "" {
		return cli
	}
	// By its own words rather than its file name: an OpenTofu installed as
	// "terraform" still lacks what OpenTofu lacks.
	cmd := exec.Command(cli.path, "version")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, _ := cmd.Output()
	cli.openTofu = strings.Contains(string(out), "OpenTofu v")
	return cli
})

// testCLIName is the name of the CLI the acceptance tests run, the command
// name of its processes.
func testCLIName() string {
	if path := testCLI().path; path != "" {
		return filepath.Base(path)
	}
	return "terraform"
}

// cliFeature is a CLI feature some acceptance tests need. As a
// TerraformVersionCheck it skips a test, saying why, under a CLI that lacks
// the feature.
type cliFeature struct {
	name string
	// sinceTerraform skips below the first Terraform release with the feature.
	sinceTerraform tfversion.TerraformVersionCheck
	// inOpenTofu says whether OpenTofu has the feature; when it has, the
	// version check applies to OpenTofu's version too.
	inOpenTofu bool
}

// The features that some tests need and not every CLI has. Actions, which
// OpenTofu lacks too, would be declared the same way.
var (
	needsResourceIdentity = cliFeature{
		name:           "resource identity",
		sinceTerraform: tfversion.SkipBelow(tfversion.Version1_12_0),
		inOpenTofu:     true,
	}
	needsTerraformQuery = cliFeature{
		name:           "list resources (`terraform query`)",
		sinceTerraform: tfversion.SkipBelow(tfversion.Version1_14_0),
	}
)

var _ tfversion.TerraformVersionCheck = cliFeature{}

// CheckTerraformVersion skips the test when the CLI lacks the feature.
func (f cliFeature) CheckTerraformVersion(ctx context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if testCLI().openTofu && !f.inOpenTofu {
		resp.Skip = fmt.Sprintf("OpenTofu %s has no %s; this test runs under Terraform", req.TerraformVersion, f.name)
		return
	}
	var below tfversion.CheckTerraformVersionResponse
	f.sinceTerraform.CheckTerraformVersion(ctx, req, &below)
	if below.Skip != "" {
		resp.Skip = fmt.Sprintf("%s needs a newer CLI: %s", f.name, below.Skip)
	}
	resp.Error = below.Error
}
