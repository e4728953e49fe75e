#!/usr/bin/env bash
# Builds the runtime experiment's API images (experiments/runtime/apps/<variant>/Dockerfile) and
# imports them into k3s's containerd, so the Deployments find them with imagePullPolicy
# IfNotPresent and no registry.
#
#   scripts/build-images.sh                 # all variants: go rust dotnet node bun
#   scripts/build-images.sh go rust         # only these
#   scripts/build-images.sh --no-import go  # build only (e.g. to push to a registry yourself)
#   scripts/build-images.sh --with-k6       # also pull grafana/k6 and import it (air-gapped nodes)
#
# Environment: DOCKER (default docker; podman works), K3S (default "sudo k3s").
# Run from anywhere; paths are relative to the repo root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOCKER="${DOCKER:-docker}"
K3S="${K3S:-sudo k3s}"
ALL_VARIANTS=(go rust dotnet node bun)

# Versions come from the code, never from here: the image tag from experiments/runtime/variants.ts,
# the k6 image from src/versions.ts.
IMAGE_VERSION="$(sed -n "s/^const IMAGE_VERSION = '\([^']*\)';.*/\1/p" "$ROOT/experiments/runtime/variants.ts")"
K6_VERSION="$(sed -n "s/^export const K6_VERSION = '\([^']*\)';.*/\1/p" "$ROOT/src/versions.ts")"
if [[ -z "$IMAGE_VERSION" || -z "$K6_VERSION" ]]; then
  echo "build-images: cannot read IMAGE_VERSION from experiments/runtime/variants.ts or K6_VERSION from src/versions.ts" >&2
  exit 2
fi

import=1
with_k6=0
variants=()
for arg in "$@"; do
  case "$arg" in
    --no-import) import=0 ;;
    --with-k6) with_k6=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "build-images: unknown option $arg (allowed: --no-import, --with-k6)" >&2; exit 2 ;;
    *)
      if [[ ! -f "$ROOT/experiments/runtime/apps/$arg/Dockerfile" ]]; then
        echo "build-images: unknown variant \"$arg\" (allowed: ${ALL_VARIANTS[*]})" >&2
        exit 2
      fi
      variants+=("$arg") ;;
  esac
done
[[ ${#variants[@]} -eq 0 ]] && variants=("${ALL_VARIANTS[@]}")

import_image() {
  echo "==> importing $1 into k3s containerd"
  "$DOCKER" save "$1" | $K3S ctr images import -
}

for v in "${variants[@]}"; do
  image="perflab/runtime-$v:$IMAGE_VERSION"
  echo "==> building $image from experiments/runtime/apps/$v"
  "$DOCKER" build -t "$image" "$ROOT/experiments/runtime/apps/$v"
  [[ $import -eq 1 ]] && import_image "$image"
done

if [[ $with_k6 -eq 1 ]]; then
  "$DOCKER" pull "grafana/k6:$K6_VERSION"
  [[ $import -eq 1 ]] && import_image "grafana/k6:$K6_VERSION"
fi

if [[ $import -eq 1 ]]; then
  echo "==> images in k3s:"
  $K3S ctr images ls -q | grep -E "perflab/runtime-|grafana/k6" || true
fi
