#!/usr/bin/env bash
# `npm run test:cluster`: every in-cluster stack under the real Pulumi engine, the real Kubernetes
# provider and perflab's policy pack, against a real kube-apiserver whose nodes are simulated by
# kwok. Builds (or reuses) the toolchain (scripts/cluster-tools.sh), starts a throwaway cluster,
# runs the jest suite in test/cluster/, and deletes the cluster on every exit path.
# Load-tool logs in this cluster are recorded fixtures: the suite proves the plumbing, never
# performance. Extra arguments go to jest (e.g. -t runtime-go).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
source scripts/cluster-tools/versions.env

tools_path="$(bash scripts/cluster-tools.sh | tail -n 1)"
export PATH="$tools_path$repo/test/cluster/bin:$PATH"
for tool in pulumi pulumi-resource-kubernetes kube-apiserver kwok kwokctl etcd; do
  command -v "$tool" >/dev/null || { echo "cluster-test: $tool is not on PATH after scripts/cluster-tools.sh" >&2; exit 1; }
done
# The engine must not find a Node language host: policy packs then run through
# test/cluster/bin/pulumi-analyzer-policy-nodejs (see docs/cluster-suite.md).
if command -v pulumi-language-nodejs >/dev/null; then
  echo "cluster-test: pulumi-language-nodejs on PATH ($(command -v pulumi-language-nodejs)) would stop the policy pack from loading; remove it from PATH" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/perflab-cluster.XXXXXX")"
name="perflab-$$"
export KWOK_WORKDIR="$work/kwok" KWOK_KUBE_VERSION="$KUBERNETES_VERSION"
cleanup() {
  local rc=$?
  kwokctl delete cluster --name "$name" >/dev/null 2>&1 || true
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

echo "cluster-test: starting kube-apiserver $KUBERNETES_VERSION on etcd $(etcd --version 2>/dev/null | head -n 1 | awk '{print $NF}') with kwok $KWOK_VERSION nodes" >&2
kwokctl create cluster --name "$name" --runtime binary \
  --kube-apiserver-binary "$(command -v kube-apiserver)" \
  --kube-controller-manager-binary "$(command -v kube-controller-manager)" \
  --kube-scheduler-binary "$(command -v kube-scheduler)" \
  --kwok-controller-binary "$(command -v kwok)" \
  --etcd-binary "$(command -v etcd)" \
  --enable-crds ClusterLogs \
  --config "$repo/test/cluster/kwok-stages.yaml" \
  --kubeconfig "$work/kubeconfig" \
  --kube-feature-gates WatchList=false \
  --wait 120s --quiet-pull >"$work/kwokctl.log" 2>&1 || { cat "$work/kwokctl.log" >&2; exit 1; }
# WatchList=false: Debian's etcd 3.4.23 cannot serve watch progress requests, so the API server
# refuses streaming watch lists; kwok's client-go then never sees pod updates unless the server
# turns the feature off (it falls back to LIST + WATCH).
kwokctl scale node --name "$name" --replicas 2 >>"$work/kwokctl.log" 2>&1 || { cat "$work/kwokctl.log" >&2; exit 1; }
echo "cluster-test: cluster $name ready with 2 kwok nodes (logs: $KWOK_WORKDIR/clusters/$name/logs)" >&2

export KUBECONFIG="$work/kubeconfig" PERFLAB_CLUSTER_SUITE_WORK="$work"
node_modules/.bin/jest -c jest.cluster.config.js "$@"
