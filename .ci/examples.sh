#!/usr/bin/env bash
# Checks every example under examples/: `terraform fmt -check`, then
# `terraform validate` of each folder that holds .tf files, against the
# provider built in bin/ (dev_overrides, no `terraform init`, no registry).
# The docs quote these files, so a broken example would be a broken docs page.
# Called by `make examples-check` after the build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=dev-overrides.sh
source "$root/.ci/dev-overrides.sh"
use_built_provider "$root" "$work"

cd "$root"
echo "== terraform fmt -check examples"
if ! terraform fmt -check -recursive -diff examples; then
  echo "FAIL: the examples above are not formatted; run \`make fmt\` and commit the result." >&2
  exit 1
fi

failed=0 count=0
# validate LABEL FILE...: terraform validate the files as one module.
validate() {
  local label=$1
  shift
  count=$((count + 1))
  local module="$work/module-$count"
  mkdir -p "$module"
  cp "$@" "$module/"
  # Resource and data source examples leave out the terraform block, as
  # registry pages do; without one Terraform would look for hashicorp/hoko.
  if ! grep -q required_providers "$module"/*.tf; then
    write_required_providers "$module/zz_required_providers.tf"
  fi
  local out
  if out=$(cd "$module" && terraform validate -no-color 2>&1); then
    echo "ok   $label"
  else
    echo "FAIL $label" >&2
    echo "$out" >&2
    failed=$((failed + 1))
  fi
}

while IFS= read -r dir; do
  # Identity import examples are checked on their own below: they need
  # Terraform 1.12+ and import the same address as import-by-string-id.tf.
  files=()
  for f in "$dir"/*.tf; do
    [ "${f##*/}" = import-by-identity.tf ] || files+=("$f")
  done
  validate "$dir" "${files[@]}"
done < <(find examples -name '*.tf' -printf '%h\n' | sort -u)

# Identity import examples use import blocks with `identity`, which need
# Terraform 1.12+; each is validated with its folder's resource.tf. On an
# older Terraform only `terraform fmt` above checks them.
tf_version=$(terraform version -json | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p')
while IFS= read -r file; do
  if [ "$(printf '%s\n' 1.12.0 "$tf_version" | sort -V | head -n1)" != 1.12.0 ]; then
    echo "skip $file: import blocks with identity need Terraform 1.12+, this is $tf_version"
    continue
  fi
  validate "$file" "$(dirname "$file")/resource.tf" "$file"
done < <(find examples -name 'import-by-identity.tf' | sort)

# import.sh files are shown on the docs pages as shell commands.
while IFS= read -r script; do
  bash -n "$script" || { echo "FAIL $script: not valid shell" >&2; failed=$((failed + 1)); }
done < <(find examples -name 'import.sh' | sort)

if [ "$failed" -ne 0 ]; then
  echo "FAIL: $failed example check(s) failed; the docs quote these files." >&2
  exit 1
fi
echo "All $count example folders pass terraform validate."
