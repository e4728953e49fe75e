#!/usr/bin/env bash
# Refreshes schemas/crds/ (the CRD JSON schemas perflab validates custom resources with and
# installs as CRDs in the cluster suite) from a folder of the same layout,
# `<group>/<kind>_<version>.json` — e.g. a checkout of the datreeio/CRDs-catalog repository.
# Copies exactly the files schemas/crds.list names, plus the source's LICENSE.
# Usage: scripts/refresh-crd-schemas.sh <source-folder>
set -euo pipefail
src="${1:?usage: scripts/refresh-crd-schemas.sh <folder with <group>/<kind>_<version>.json files>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
list="$root/schemas/crds.list"
dest="$root/schemas/crds"
missing=0
while read -r f _; do
  case "$f" in ''|'#'*) continue ;; esac
  [ -f "$src/$f" ] || { echo "missing in $src: $f" >&2; missing=1; }
done < "$list"
[ "$missing" -eq 0 ] || { echo "nothing copied: add the missing files or remove them from schemas/crds.list" >&2; exit 1; }
tmp="$(mktemp -d "$root/schemas/.crds.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
while read -r f _; do
  case "$f" in ''|'#'*) continue ;; esac
  mkdir -p "$tmp/$(dirname "$f")"
  cp "$src/$f" "$tmp/$f"
done < "$list"
[ -f "$src/LICENSE" ] && cp "$src/LICENSE" "$tmp/LICENSE"
rm -rf "$dest"
mv "$tmp" "$dest"
chmod -R u+w,go+r "$dest"
echo "schemas/crds: $(grep -cv '^\(#\|$\)' "$list") schema(s) from $src" >&2
