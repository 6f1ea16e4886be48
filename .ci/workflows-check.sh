#!/usr/bin/env bash
# Checks what actionlint cannot: the release workflow installs the GoReleaser
# version the GNUmakefile pins (the one `make release-check` and
# `make release-snapshot` use), so a release is built as it was tested.
#   .ci/workflows-check.sh GORELEASER_VERSION
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:?usage: $0 GORELEASER_VERSION}
got=$(sed -nE 's/^ *version: *([^ #]+).*/\1/p' .github/workflows/release.yml | tr -d "'\"")
if [ "$got" != "$want" ]; then
  echo "FAIL: .github/workflows/release.yml installs GoReleaser '${got:-<none>}', the GNUmakefile pins $want; make them equal." >&2
  exit 1
fi
echo "release workflow uses GoReleaser $want, as the GNUmakefile pins."
