#!/usr/bin/env bash
# Fails when docs/ differs from what `make generate` just wrote, naming each
# stale page: the registry shows docs/ as committed, so a schema, template or
# example change without regenerated docs would publish outdated pages.
# Called by `make docs-check` right after `make generate`.
set -euo pipefail
cd "$(dirname "$0")/.."

# --porcelain also lists new pages that were never committed (a new data
# source, say), which `git diff` alone would miss.
stale=$(git status --porcelain --untracked-files=all -- docs)
if [ -n "$stale" ]; then
  echo "FAIL: docs/ is stale. These generated pages differ from what is committed:" >&2
  echo "$stale" >&2
  echo >&2
  git --no-pager diff --stat -- docs >&2 || true
  git --no-pager diff -- docs | head -n 80 >&2 || true
  echo >&2
  echo "Run \`make generate\` and commit docs/ together with the schema, template or example change." >&2
  exit 1
fi
echo "docs/ is up to date with the schema, templates/ and examples/."
