#!/usr/bin/env bash
# Unpacks the extra CLIs of the compatibility matrix, Terraform 1.15.9 and
# OpenTofu 1.12.6, from ../shared/tools (the repository is cloned beside
# shared/) into bin/clis/, and checks each against shared/tools/SHA256SUMS:
# an unchecked binary would make every result of the matrix worthless.
# A binary already unpacked is checked again and kept. Prints the paths of the
# CLIs, one a line, for `make testacc-matrix CLIS=...`.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=${HOKO_CLI_TOOLS:-../shared/tools}
sums="$tools/SHA256SUMS"
[ -f "$sums" ] || { echo "FATAL: $sums is missing: the extra CLIs come from ../shared/tools beside this clone (see its README)." >&2; exit 1; }

# unpack DIR NAME ARCHIVE: bin/clis/DIR/NAME from ARCHIVE, checksum verified.
unpack() {
  local dir="bin/clis/$1" name=$2 archive="$tools/$3" want
  want=$(awk -v n="$name" '$2 == n || $2 == "*" n { print $1 }' "$sums")
  [ -n "$want" ] || { echo "FATAL: $sums has no checksum for $name." >&2; return 1; }
  mkdir -p "$dir"
  if [ ! -x "$dir/$name" ] || ! echo "$want  $dir/$name" | sha256sum --check --status; then
    [ -f "$archive" ] || { echo "FATAL: $archive is missing." >&2; return 1; }
    gunzip -c "$archive" >"$dir/$name.tmp"
    chmod +x "$dir/$name.tmp"
    if ! echo "$want  $dir/$name.tmp" | sha256sum --check --status; then
      rm -f "$dir/$name.tmp"
      echo "FATAL: $archive does not unpack to the $name whose checksum $sums lists; not using it." >&2
      return 1
    fi
    mv "$dir/$name.tmp" "$dir/$name"
  fi
  echo "$dir/$name"
}

unpack tf-1.15.9 terraform terraform-1.15.9-linux-amd64.gz
unpack tofu-1.12.6 tofu tofu-1.12.6-linux-amd64.gz
