#!/usr/bin/env bash
# The cluster toolchain of `npm run test:cluster`, built from the Go module proxy with go.mod
# files of ours (scripts/cluster-tools/*/go.mod) — no other project's code lives in this repo:
#   pulumi                        Pulumi CLI and engine        (github.com/pulumi/pulumi/pkg/v3)
#   pulumi-resource-kubernetes    Kubernetes provider plugin   (github.com/pulumi/pulumi-kubernetes/provider/v4)
#   kube-apiserver, kube-controller-manager, kube-scheduler    (k8s.io/kubernetes)
#   kwok, kwokctl                 simulated nodes and the cluster runner (sigs.k8s.io/kwok)
#   etcd                          Debian's etcd-server
# Versions live in scripts/cluster-tools/versions.env. Binaries are cached outside the work tree
# in $PERFLAB_TOOLS_DIR/<component>-<versions>/ (default ~/.cache/perflab/cluster-tools), so a
# later run on the same machine only checks they exist. Go's caches go to $PERFLAB_GO_CACHE
# (default ~/.cache/perflab/go): ~15 GB after a cold build, kept for the next one.
#
# Usage: scripts/cluster-tools.sh [--print-path] [component ...]
#   With no component, builds all of them; prints progress to stderr; the last line on stdout
#   is a PATH prefix holding every binary (what test/cluster reads).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
defs="$here/cluster-tools"
# shellcheck source=cluster-tools/versions.env
source "$defs/versions.env"

cache_root="${PERFLAB_TOOLS_DIR:-$HOME/.cache/perflab/cluster-tools}"
go_cache="${PERFLAB_GO_CACHE:-$HOME/.cache/perflab/go}"
export GOCACHE="$go_cache/build" GOMODCACHE="$go_cache/mod" GOFLAGS="-buildvcs=false -trimpath"
export GOPROXY="${GOPROXY:-https://proxy.golang.org}" GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0
mkdir -p "$cache_root" "$GOCACHE" "$GOMODCACHE"

log() { printf '[cluster-tools %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# The cache folder of one component: its name and the versions it is built from.
dir_of() {
  case "$1" in
    pulumi) echo "$cache_root/pulumi-$PULUMI_CLI_VERSION" ;;
    provider) echo "$cache_root/pulumi-resource-kubernetes-$K8S_PROVIDER_VERSION-$K8S_PROVIDER_MODULE_VERSION" ;;
    kubernetes) echo "$cache_root/kubernetes-$KUBERNETES_VERSION" ;;
    kwok) echo "$cache_root/kwok-$KWOK_VERSION" ;;
    *) echo "unknown component $1 (allowed: pulumi, provider, kubernetes, kwok)" >&2; return 2 ;;
  esac
}

# A scratch module folder for a build: our go.mod (and go.sum when committed) copied in.
scratch_module() {
  local src="$defs/$1" work
  work="$(mktemp -d "${TMPDIR:-/tmp}/perflab-build-$1.XXXXXX")"
  cp "$src/go.mod" "$work/"
  [ -f "$src/go.sum" ] && cp "$src/go.sum" "$work/"
  echo "$work"
}

# Builds into a temporary folder, then renames it into place: a cache folder is whole or absent.
finish() {
  local out="$1" tmp="$2"
  rm -rf "$out"
  mv "$tmp" "$out"
  log "ready: $out"
}

# build_module <component> <description> <ldflags> <prepare-function|-> <package...>:
# `go build`s the packages of our go.mod for <component> into its cache folder. <prepare-function>
# runs first in the scratch module folder (e.g. to make files a module zip lacks).
build_module() {
  local component="$1" what="$2" ldflags="$3" prepare="$4"; shift 4
  local out tmp work
  out="$(dir_of "$component")"; tmp="$out.partial"; rm -rf "$tmp"; mkdir -p "$tmp"
  work="$(scratch_module "$component")"
  log "building $what"
  [ "$prepare" = "-" ] || (cd "$work" && "$prepare")
  (cd "$work" && go mod download && go build -o "$tmp/" -ldflags "-s -w $ldflags" "$@")
  rm -rf "$work"
  finish "$out" "$tmp"
}

# Measured cold on 2 cores while other work ran: kwok ~2 min, kubernetes ~8, pulumi ~7, provider ~28.
build_pulumi() {
  build_module pulumi "Pulumi CLI $PULUMI_CLI_VERSION" \
    "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_CLI_VERSION" - \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
}

# The provider module's zip lacks its go:embed'ed schema files. The module's own generator
# (cmd/pulumi-resource-kubernetes/generate.go, a `go:build ignore` program) makes them on a
# writable copy of the published module in the scratch folder, which then replaces it.
prepare_provider_module() {
  local src cmd
  src="$(go mod download -json "github.com/pulumi/pulumi-kubernetes/provider/v4@$K8S_PROVIDER_MODULE_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  [ -d "$src" ] || { log "could not download the provider module"; return 1; }
  cp -r "$src" provider-module; chmod -R u+w provider-module
  cmd="provider-module/cmd/pulumi-resource-kubernetes"
  mkdir generate; sed '/^\/\/ *[+go:]*build ignore/d' "$cmd/generate.go" > generate/main.go
  go build -o generate-embeds ./generate
  (cd "$cmd" && VERSION="$K8S_PROVIDER_VERSION" ../../../generate-embeds)
  go mod edit -replace "github.com/pulumi/pulumi-kubernetes/provider/v4=./provider-module"
}

build_provider() {
  build_module provider "pulumi-resource-kubernetes $K8S_PROVIDER_VERSION" \
    "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$K8S_PROVIDER_VERSION" prepare_provider_module \
    github.com/pulumi/pulumi-kubernetes/provider/v4/cmd/pulumi-resource-kubernetes
}

build_kubernetes() {
  local minor; minor="$(echo "$KUBERNETES_VERSION" | cut -d. -f2)"
  build_module kubernetes "kube-apiserver, kube-controller-manager, kube-scheduler $KUBERNETES_VERSION" \
    "-X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean -X k8s.io/client-go/pkg/version.gitVersion=$KUBERNETES_VERSION" - \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler
}

build_kwok() {
  build_module kwok "kwok, kwokctl $KWOK_VERSION" \
    "-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${KUBERNETES_VERSION#v}" - \
    sigs.k8s.io/kwok/cmd/kwok sigs.k8s.io/kwok/cmd/kwokctl
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_etcd() {
  command -v etcd >/dev/null && return 0
  log "installing etcd-server from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends etcd-server >/dev/null
}

components=("$@")
[ ${#components[@]} -gt 0 ] || components=(kwok kubernetes pulumi provider)
ensure_etcd
for c in "${components[@]}"; do
  d="$(dir_of "$c")"
  if [ -d "$d" ]; then log "cached: $d"; else "build_$c"; fi
done
path=""
for c in pulumi provider kubernetes kwok; do path="$path$(dir_of "$c"):"; done
echo "$path"
