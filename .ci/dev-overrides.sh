# Sourced by the scripts that run Terraform against the provider built in
# bin/ (demo, examples check, docs schema): one place for the CLI config that
# points Terraform at that binary, so no registry is touched and no
# `terraform init` is needed.

# use_built_provider ROOT WORKDIR: writes WORKDIR/terraformrc with a
# dev_overrides block for ROOT/bin and exports what Terraform needs to use it.
use_built_provider() {
  local root=$1 work=$2
  [ -x "$root/bin/terraform-provider-hoko" ] || { echo "bin/terraform-provider-hoko is missing: run make build first." >&2; return 1; }
  cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/hoko/hoko" = "$root/bin"
  }
  direct {}
}
RC
  export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
}

# write_required_providers FILE: a terraform block that names hoko/hoko, for
# modules that lack one (without it Terraform would look for hashicorp/hoko).
write_required_providers() {
  printf 'terraform {\n  required_providers {\n    hoko = { source = "hoko/hoko" }\n  }\n}\n' >"$1"
}
