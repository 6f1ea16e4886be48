#!/usr/bin/env bash
# Writes the providers schema JSON that tfplugindocs documents (its
# --providers-schema flag, so it neither builds the provider nor runs
# Terraform itself): `terraform providers schema -json` for the provider built
# in bin/ (dev_overrides, no `terraform init`, no registry), completed by
# internal/docschema with the resource identity and list resource schemas
# that Terraform 1.11 does not print.
# Usage: docs-schema.sh OUT_FILE. Called by `make docs-schema` after the build.
set -euo pipefail
out=${1:?usage: docs-schema.sh OUT_FILE}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=dev-overrides.sh
source "$root/.ci/dev-overrides.sh"
use_built_provider "$root" "$work"
write_required_providers "$work/main.tf"

(cd "$work" && terraform providers schema -json) >"$work/terraform-schema.json"
cd "$root"
go run ./internal/docschema -out "$out" <"$work/terraform-schema.json"
