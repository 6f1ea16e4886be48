#!/usr/bin/env bash
# Runs the acceptance tests (TestAcc* in internal/provider, against the mock)
# once under each CLI given, Terraform or OpenTofu, and prints per CLI how many
# passed, were skipped (with the reason) and failed, and how long it took.
# Unit and protocol tests do not depend on the CLI and are left to `make test`.
#
#   .ci/testacc-matrix.sh CLI...     e.g. "$(command -v terraform)" bin/clis/tofu-1.12.6/tofu
#
# TESTACC_MATRIX_RUN narrows the tests (a go test -run pattern, default
# TestAcc), TESTACC_MATRIX_TIMEOUT bounds each CLI's run (default 10m).
#
# A CLI under bin/clis/ that is not there yet is unpacked by .ci/clis.sh.
# Fails when any test fails, or when a CLI that has every feature the tests
# gate on (Terraform 1.14 or later) skips a test for a reason other than
# missing live-API credentials: the gated tests must really run somewhere.
# Each run's `go test -json` output is kept in bin/testacc-matrix/.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1

[ $# -gt 0 ] || { echo "usage: $0 CLI... (paths of terraform or tofu binaries)" >&2; exit 2; }
TIMEOUT=${TESTACC_MATRIX_TIMEOUT:-10m}
RUN=${TESTACC_MATRIX_RUN:-TestAcc}
out=bin/testacc-matrix
mkdir -p "$out"

# results of a go test -json file: "ACTION TEST" per top-level TestAcc test.
results() {
  grep -oE '"Action":"(pass|skip|fail)","Package":"[^"]*","Test":"TestAcc[^"/]*"' "$1" |
    sed -E 's/.*"Action":"([a-z]+)".*"Test":"([^"]*)"/\1 \2/' | sort -k2 || true
}

# skip_reason FILE TEST: the message the test skipped with.
skip_reason() {
  grep -F "\"Test\":\"$2\",\"Output\":\"    " "$1" | grep -E '_test\.go:[0-9]+: ' |
    sed -E 's/.*"Output":"    [^ ]+_test\.go:[0-9]+: //; s/\\n"\}$//; s/\\"/"/g; s/\\u0026/\&/g; s/\\u003c/</g; s/\\u003e/>/g' | head -n 1
}

summary=()
status=0
for cli in "$@"; do
  if [ ! -x "$cli" ] && [[ $cli == bin/clis/* ]]; then
    bash .ci/clis.sh >/dev/null
  fi
  [ -x "$cli" ] || { echo "FATAL: $cli is not an executable CLI." >&2; exit 1; }
  abs=$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")
  # go test runs in the package's folder, so the CLI's path must be absolute.
  label=$("$abs" version 2>/dev/null | grep -oE '^(Terraform|OpenTofu) v[0-9][^ ]*' | head -n 1)
  [ -n "$label" ] || { echo "FATAL: $cli version does not say it is Terraform or OpenTofu." >&2; exit 1; }
  json="$out/$(echo "$label" | tr ' A-Z' '-a-z').json"
  echo "== acceptance tests under $label ($abs)"
  start=$SECONDS
  rc=0
  TF_ACC_TERRAFORM_PATH=$abs go test -count=1 -json -timeout "$TIMEOUT" -run "$RUN" ./internal/provider >"$json" || rc=$?
  took=$((SECONDS - start))
  res=$(results "$json")
  passed=$(grep -c '^pass ' <<<"$res" || true)
  skipped=$(grep -c '^skip ' <<<"$res" || true)
  failed=$(grep -c '^fail ' <<<"$res" || true)
  while read -r _ test; do
    reason=$(skip_reason "$json" "$test")
    echo "   skipped $test: $reason"
    # Terraform 1.14+ has every feature a test is gated on; only a test that
    # needs a real Hoko account may skip there.
    if [[ $label == Terraform* ]] && [[ ! $label =~ ^Terraform\ v1\.(1[0-3]|[0-9])\. ]] && [[ $reason != *HOKO_API_KEY* ]]; then
      echo "FAIL: $test skipped under $label, which has every feature the tests need." >&2
      status=1
    fi
  done < <(grep '^skip ' <<<"$res" || true)
  while read -r _ test; do
    echo "   FAILED $test"
  done < <(grep '^fail ' <<<"$res" || true)
  if [ "$rc" -ne 0 ]; then
    status=1
    # A build error or a panic leaves no per-test failure to show; print the tail.
    [ "$failed" -gt 0 ] || grep -oE '"Output":"[^"]*' "$json" | sed 's/"Output":"//; s/\\n$//; s/\\t/\t/g' | tail -n 30 >&2
    echo "   (full output: $json)"
  fi
  line=$(printf '%-20s %3d passed, %2d skipped, %2d failed  %4ds' "$label" "$passed" "$skipped" "$failed" "$took")
  echo "== $line"
  summary+=("$line")
done

echo "== acceptance tests per CLI:"
printf '   %s\n' "${summary[@]}"
exit "$status"
