package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain_WritesNoLogTerraformDrops builds the provider, has the Terraform
// on PATH start it through a wrapper that keeps what it writes to standard
// error (its log), and validates a configuration, which calls the provider
// several times. With neither TF_LOG nor TF_LOG_PROVIDER set, Terraform
// would drop the log, and the provider writes none; with TF_LOG_PROVIDER
// set, it writes the SDK's protocol log as before.
func TestMain_WritesNoLogTerraformDrops(t *testing.T) {
	terraform, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("this test runs the Terraform CLI, and there is none on PATH")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "real-provider"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	wrapper := "#!/bin/sh\nexec \"$(dirname \"$0\")/real-provider\" \"$@\" 2>>\"$HOKO_TEST_PROVIDER_STDERR\"\n"
	writeFile(t, filepath.Join(bin, "terraform-provider-hoko"), wrapper, 0o755)
	rc := filepath.Join(dir, "terraformrc")
	writeFile(t, rc, `provider_installation {
  dev_overrides {
    "registry.terraform.io/hoko/hoko" = "`+bin+`"
  }
  direct {}
}
`, 0o644)
	config := filepath.Join(dir, "config")
	writeFile(t, filepath.Join(config, "main.tf"), `terraform {
  required_providers {
    hoko = { source = "hoko/hoko" }
  }
}

resource "hoko_collection" "spring" {
  name = "Spring"
}
`, 0o644)

	validate := func(t *testing.T, extraEnv ...string) string {
		t.Helper()
		stderr := filepath.Join(t.TempDir(), "provider-stderr")
		cmd := exec.Command(terraform, "validate", "-no-color")
		cmd.Dir = config
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "TF_LOG") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(cmd.Env, "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "HOKO_TEST_PROVIDER_STDERR="+stderr)
		cmd.Env = append(cmd.Env, extraEnv...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("terraform validate: %v\n%s", err, out)
		}
		written, err := os.ReadFile(stderr)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return string(written)
	}

	t.Run("no TF_LOG", func(t *testing.T) {
		if written := validate(t); written != "" {
			t.Errorf("the provider wrote %d bytes of log that Terraform drops:\n%.2000s", len(written), written)
		}
	})
	t.Run("TF_LOG_PROVIDER=TRACE", func(t *testing.T) {
		written := validate(t, "TF_LOG_PROVIDER=TRACE")
		if !strings.Contains(written, `"@message":"Received request"`) {
			t.Errorf("the provider's log lacks the SDK's protocol log (\"Received request\"):\n%.2000s", written)
		}
	})
}

// writeFile writes content to path, making its directory.
func writeFile(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
}
