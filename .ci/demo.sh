#!/usr/bin/env bash
# Runs the demo: starts the mock Hoko server, points Terraform at the provider
# built in bin/ through a dev_overrides CLI config (no registry is touched, no
# `terraform init`), applies examples/demo, shows the result and a second,
# empty plan, does the same for examples/campaign, then stops the mock. Called by `make demo` after the builds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/.demo"
rm -rf "$work" && mkdir -p "$work"
cp "$root/examples/demo/main.tf" "$work/"

# shellcheck source=dev-overrides.sh
source "$root/.ci/dev-overrides.sh"
use_built_provider "$root" "$work"

"$root/bin/hokomock" -env-file "$work/mock.env" >"$work/mock.log" 2>&1 &
mock_pid=$!
trap 'kill "$mock_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$work/mock.env" ] && break; sleep 0.1; done
[ -s "$work/mock.env" ] || { echo "the mock server did not start:" >&2; cat "$work/mock.log" >&2; exit 1; }
set -a; source "$work/mock.env"; set +a
echo "Mock Hoko server at $HOKO_ENDPOINT"

cd "$work"
terraform apply -auto-approve -no-color
echo
echo "== What the mock server now holds =="
for kind in collections tags partners; do
  echo "$kind: $(curl -fsS "$HOKO_ENDPOINT/_mock/$kind")"
done
echo
echo "== A second plan is empty =="
terraform plan -detailed-exitcode -no-color >"$work/plan.log" 2>&1 && echo "No changes." || { cat "$work/plan.log"; exit 1; }

echo
echo "== examples/campaign: a collection, a partner, a tag and links from a map with for_each =="
mkdir -p "$work/campaign"
cp "$root/examples/campaign/main.tf" "$work/campaign/"
cd "$work/campaign"
terraform apply -auto-approve -no-color
echo "links: $(curl -fsS "$HOKO_ENDPOINT/_mock/links")"
terraform plan -detailed-exitcode -no-color >"$work/campaign-plan.log" 2>&1 && echo "A second plan: no changes." || { cat "$work/campaign-plan.log"; exit 1; }
