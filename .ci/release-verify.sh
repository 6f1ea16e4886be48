#!/usr/bin/env bash
# Checks the release files in dist/ the way the Terraform Registry will:
# SHA256SUMS lists every zip and the manifest and nothing else, each zip
# matches its checksum and holds terraform-provider-hoko_v<version>, and,
# when a signature is there, it verifies against SHA256SUMS. Run it after
# `goreleaser release` and before publishing the draft: GoReleaser
# v2.15.0-v2.15.1 wrote the signature's own checksum into SHA256SUMS after
# signing, which the registry rejects as a bad signature.
set -euo pipefail
cd "$(dirname "$0")/../dist" 2>/dev/null || { echo "There is no dist/: run make release-snapshot (or goreleaser release) first." >&2; exit 1; }

shopt -s nullglob
all_sums=(./*_SHA256SUMS)
[ "${#all_sums[@]}" -eq 1 ] || { echo "FAIL: dist/ should hold exactly one *_SHA256SUMS file." >&2; exit 1; }
sums=${all_sums[0]}
zips=(./*.zip)
[ "${#zips[@]}" -gt 0 ] || { echo "FAIL: dist/ holds no zip." >&2; exit 1; }
version=$(basename "$sums" _SHA256SUMS); version=${version#terraform-provider-hoko_}
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

# Only zips and the manifest belong in SHA256SUMS.
while read -r _ file; do
  case "$file" in
    *.zip | *_manifest.json) ;;
    *) fail "$sums lists $file; only the zips and the manifest belong there." ;;
  esac
done <"$sums"
manifest_sum=$(sha256sum <../terraform-registry-manifest.json | cut -d' ' -f1)
grep -q "^$manifest_sum  terraform-provider-hoko_${version}_manifest.json\$" "$sums" ||
  fail "$sums does not list terraform-registry-manifest.json as the release's manifest."

# Every zip is listed, matches its checksum and holds the plugin binary.
for zip in "${zips[@]}"; do
  name=$(basename "$zip")
  grep -q "  $name\$" "$sums" || fail "$name is not listed in $sums."
  unzip -Z1 "$zip" | grep -q "^terraform-provider-hoko_v$version\(\.exe\)\?\$" ||
    fail "$name does not hold terraform-provider-hoko_v$version."
done
sha256sum --check --ignore-missing --quiet "$sums" || fail "a zip does not match $sums."

signature="not checked: no $sums.sig (an unsigned snapshot)"
if [ -f "$sums.sig" ]; then
  if gpg --batch --verify "$sums.sig" "$sums" 2>/dev/null; then
    signature="verified"
  else
    fail "$sums.sig does not verify against $sums."
  fi
fi

[ "$failed" -eq 0 ] || exit 1
echo "Release files for $version are consistent: ${#zips[@]} zips and the manifest in SHA256SUMS; signature $signature."
