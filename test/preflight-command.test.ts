/**
 * `perflab preflight <stack>` end to end on real stack files, against a fake cluster (the seam
 * PreflightInventory) and fake chart repositories: which rows it prints, which are blockers, and
 * the exit code. The client-node side is covered by test/preflight-mappers.test.ts and by the
 * cluster suite (test/cluster/preflight.cluster.ts).
 */
import { stringify } from 'yaml';
import { PREFLIGHT_EXIT, PreflightCommandOptions, runPreflightCommand } from '../src/cli/commands/preflight';
import { FetchText } from '../src/cluster/chart-index';
import { Finding } from '../src/cluster/preflight-checks';
import { FakeCluster, fakeInventory, projectWithStack } from './helpers/fake-preflight-inventory';

/** Chart repositories that list the given `chart: versions`; any other URL is unreachable. */
function repos(listing: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>): FetchText {
  return async (url) => {
    const repo = Object.keys(listing).find((r) => url === `${r.replace(/\/+$/, '')}/index.yaml`);
    if (!repo) throw Object.assign(new Error('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    const entries = Object.fromEntries(Object.entries(listing[repo]).map(([chart, versions]) => [chart, versions.map((version) => ({ name: chart, version }))]));
    return { status: 200, text: stringify({ apiVersion: 'v1', entries }) };
  };
}
const OFFLINE: FetchText = async () => {
  throw Object.assign(new Error('fetch failed'), { cause: { code: 'ENOTFOUND' } });
};

async function preflight(stack: string, overrides: Record<string, string>, cluster: FakeCluster, opts: PreflightCommandOptions = {}) {
  return runPreflightCommand(stack, { project: projectWithStack(stack, overrides), inventory: () => fakeInventory(cluster), fetch: OFFLINE, ...opts });
}
const rows = (findings: readonly Finding[] | undefined, check: string) => (findings ?? []).filter((f) => f.check === check);
const PREINSTALLED = { 'perflab-cluster:operators': 'preinstalled' };
const CNPG_CRD = 'clusters.postgresql.cnpg.io';

describe('CRDs', () => {
  it('names a missing CRD of a preinstalled operator, with who provides it, and exits 1', async () => {
    const out = await preflight('db-cnpg', PREINSTALLED, {});
    expect(out.exitCode).toBe(PREFLIGHT_EXIT.blocker);
    expect(rows(out.findings, 'crd')).toEqual([
      expect.objectContaining({ subject: CNPG_CRD, state: 'blocker', found: 'missing', fix: expect.stringContaining('CloudNativePG operator (chart cloudnative-pg 0.26.0') }),
    ]);
    const text = out.stdout.join('\n');
    expect(text).toMatch(new RegExp(`crd\\s+${CNPG_CRD.replace(/\./g, '\\.')}\\s+BLOCKER\\s+missing`));
    expect(text).toContain('1 blocker(s): pulumi up would fail');
  });

  it('passes when the CRD is there, naming its Helm owner', async () => {
    const out = await preflight('db-cnpg', PREINSTALLED, {
      crds: [{ name: CNPG_CRD, annotations: { 'meta.helm.sh/release-name': 'cnpg', 'meta.helm.sh/release-namespace': 'cnpg-system' } }],
    });
    expect(out.exitCode).toBe(PREFLIGHT_EXIT.ok);
    expect(rows(out.findings, 'crd')).toEqual([expect.objectContaining({ subject: CNPG_CRD, state: 'ok', found: 'present (Helm release cnpg-system/cnpg)' })]);
  });

  it('blocks on a CRD that does not serve the version the manifests send', async () => {
    const out = await preflight('db-cnpg', PREINSTALLED, { crds: [{ name: CNPG_CRD, servedVersions: ['v1alpha1'], labels: { 'app.kubernetes.io/managed-by': 'kustomize' } }] });
    expect(out.exitCode).toBe(PREFLIGHT_EXIT.blocker);
    expect(rows(out.findings, 'crd')[0]).toMatchObject({ state: 'blocker', found: 'serves v1alpha1; the manifests send v1 (managed by kustomize)' });
  });

  it('with operators installed by the stack: an absent CRD is fine, one owned by another install is a warning', async () => {
    const absent = await preflight('db-cnpg', {}, {});
    expect(rows(absent.findings, 'crd')).toEqual([expect.objectContaining({ subject: CNPG_CRD, state: 'ok', found: expect.stringMatching(/^absent; the stack installs it/) })]);
    const foreign = await preflight('db-cnpg', {}, { crds: [{ name: CNPG_CRD, annotations: { 'meta.helm.sh/release-name': 'platform-cnpg', 'meta.helm.sh/release-namespace': 'platform' } }] });
    expect(rows(foreign.findings, 'crd')[0]).toMatchObject({ state: 'warning', found: expect.stringContaining('Helm release platform/platform-cnpg'), fix: expect.stringContaining('perflab-cluster:operators: preinstalled') });
    expect(foreign.exitCode).toBe(PREFLIGHT_EXIT.ok);
    const own = await preflight('db-cnpg', {}, { crds: [{ name: CNPG_CRD, annotations: { 'meta.helm.sh/release-name': 'cnpg' } }] });
    expect(rows(own.findings, 'crd')[0]).toMatchObject({ state: 'ok' });
  });

  it('requires the k6-operator TestRun CRD in testrun mode even when the stack installs its operators (none installs the k6-operator)', async () => {
    const out = await preflight('runtime-go', { 'perflab-cluster:k6Mode': 'testrun', 'perflab-cluster:parallelism': '2' }, {});
    expect(rows(out.findings, 'crd')).toEqual([expect.objectContaining({ subject: 'testruns.k6.io', state: 'blocker', found: 'missing' })]);
  });

  it('names a missing Service of a preinstalled cost tool', async () => {
    const out = await preflight('cost-opencost', PREINSTALLED, {});
    expect(rows(out.findings, 'service')).toEqual([expect.objectContaining({ state: 'blocker', subject: expect.stringMatching(/^service opencost\//) })]);
  });
});

describe('API server, metrics-server, nodes', () => {
  it('blocks an API server older than the manifests\' Kubernetes 1.28', async () => {
    const old = await preflight('runtime-go', {}, { version: { gitVersion: 'v1.27.9', major: 1, minor: 27 } });
    expect(rows(old.findings, 'api-server')[0]).toMatchObject({ state: 'blocker', fix: 'upgrade the cluster to 1.28 or newer' });
    expect(old.exitCode).toBe(PREFLIGHT_EXIT.blocker);
    const eks = await preflight('runtime-go', {}, { version: { gitVersion: 'v1.28.15-eks-1', major: 1, minor: 28 } });
    expect(rows(eks.findings, 'api-server')[0]).toMatchObject({ state: 'ok', found: 'v1.28.15-eks-1' });
  });

  it('warns (no blocker) when metrics-server is absent or unavailable', async () => {
    for (const metrics of [undefined, 'unavailable'] as const) {
      const out = await preflight('runtime-go', {}, { metrics });
      expect(rows(out.findings, 'metrics')[0]).toMatchObject({ state: 'warning', found: expect.stringContaining('no CPU or memory') });
      expect(out.exitCode).toBe(PREFLIGHT_EXIT.ok);
    }
    const ok = await preflight('runtime-go', {}, { metrics: 'available' });
    expect(rows(ok.findings, 'metrics')[0]).toMatchObject({ state: 'ok' });
  });

  it('required anti-affinity needs two schedulable nodes; a cordoned node does not count', async () => {
    const required = { 'perflab-cluster:placement': 'required-anti-affinity' };
    const one = await preflight('runtime-go', required, { nodes: [{ name: 'a' }, { name: 'b', schedulable: false }] });
    expect(rows(one.findings, 'nodes')[0]).toMatchObject({ state: 'blocker', found: expect.stringMatching(/^1 of 2 node\(s\) schedulable; perflab-cluster:placement required-anti-affinity/) });
    const two = await preflight('runtime-go', required, {});
    expect(rows(two.findings, 'nodes')[0]).toMatchObject({ state: 'ok' });
    const preferred = await preflight('runtime-go', {}, { nodes: [{ name: 'a' }] });
    expect(rows(preferred.findings, 'nodes')[0]).toMatchObject({ state: 'ok', subject: '1 schedulable node(s)' });
  });

  it('placement node-selector needs a schedulable node with the labels', async () => {
    const o = { 'perflab-cluster:placement': 'node-selector', 'perflab-cluster:nodeSelector': '{"perflab.dev/role":"load"}' };
    const none = await preflight('runtime-go', o, {});
    expect(rows(none.findings, 'nodes')[0]).toMatchObject({ state: 'blocker', fix: expect.stringContaining('label a node') });
    const labelled = await preflight('runtime-go', o, { nodes: [{ name: 'a', labels: { 'perflab.dev/role': 'load' } }] });
    expect(rows(labelled.findings, 'nodes')[0]).toMatchObject({ state: 'ok' });
  });
});

describe('charts and images', () => {
  const CNPG_REPO = 'https://cloudnative-pg.github.io/charts';

  it('finds the pinned chart version in its repository index, blocks when it is not listed, and is unverified when unreachable', async () => {
    const found = await preflight('db-cnpg', {}, {}, { fetch: repos({ [CNPG_REPO]: { 'cloudnative-pg': ['0.27.0', '0.26.0'] } }) });
    expect(rows(found.findings, 'chart')).toEqual([expect.objectContaining({ subject: 'cloudnative-pg 0.26.0', state: 'ok' })]);
    const gone = await preflight('db-cnpg', {}, {}, { fetch: repos({ [CNPG_REPO]: { 'cloudnative-pg': ['0.27.0'] } }) });
    expect(rows(gone.findings, 'chart')[0]).toMatchObject({ state: 'blocker', found: `not in ${CNPG_REPO} (it lists 0.27.0)` });
    expect(gone.exitCode).toBe(PREFLIGHT_EXIT.blocker);
    const offline = await preflight('db-cnpg', {}, {});
    expect(rows(offline.findings, 'chart')[0]).toMatchObject({ state: 'unverified', found: expect.stringContaining('ENOTFOUND') });
    expect(offline.exitCode).toBe(PREFLIGHT_EXIT.ok);
  });

  // linkerd-crds 2025.9.2 installs HTTPRoute, GRPCRoute, TLSRoute and TCPRoute CRDs unless installGatewayAPI is false
  // (linkerd/linkerd2 edge-25.9.2: charts/linkerd-crds/values.yaml `installGatewayAPI: true`); the stack sets it from
  // perflab-cluster:gatewayApiCrds (preinstalled by default on k3s: installGatewayAPI false).
  const TRAEFIK_OWNED = { annotations: { 'meta.helm.sh/release-name': 'traefik-crd', 'meta.helm.sh/release-namespace': 'kube-system' } };
  const ROUTES = ['httproutes', 'grpcroutes'].map((p) => ({ name: `${p}.gateway.networking.k8s.io`, ...TRAEFIK_OWNED }));

  it('with gatewayApiCrds linkerd: blocks linkerd-crds when Gateway API CRDs it would install have another owner', async () => {
    const linkerd = { 'perflab-cluster:gatewayApiCrds': 'linkerd' };
    const out = await preflight('mesh-linkerd', linkerd, { crds: ROUTES });
    expect(rows(out.findings, 'chart').map((f) => f.subject)).toEqual(['linkerd-crds 2025.9.2', 'linkerd-control-plane 2025.9.2']);
    expect(rows(out.findings, 'gateway-api')).toEqual([
      expect.objectContaining({
        state: 'blocker',
        found: expect.stringContaining('httproutes.gateway.networking.k8s.io (Helm release kube-system/traefik-crd)'),
        fix: 'use the installed ones: perflab-cluster:gatewayApiCrds: preinstalled (linkerd-crds then gets installGatewayAPI: false)',
      }),
    ]);
    // Gateway and GatewayClass CRDs are not linkerd-crds' to install: no clash.
    const gatewaysOnly = await preflight('mesh-linkerd', linkerd, { crds: [{ name: 'gateways.gateway.networking.k8s.io' }] });
    expect(rows(gatewaysOnly.findings, 'gateway-api')[0]).toMatchObject({ state: 'ok' });
  });

  it('with gatewayApiCrds preinstalled (the k3s default): Linkerd needs HTTPRoute and GRPCRoute on the cluster', async () => {
    const bare = await preflight('mesh-linkerd', {}, {});
    expect(rows(bare.findings, 'gateway-api')).toEqual([
      expect.objectContaining({ state: 'blocker', found: expect.stringMatching(/^Linkerd needs httproutes\.gateway\.networking\.k8s\.io, grpcroutes/), fix: expect.stringContaining('perflab-cluster:gatewayApiCrds: linkerd') }),
    ]);
    const k3s = await preflight('mesh-linkerd', {}, { crds: ROUTES });
    expect(rows(k3s.findings, 'gateway-api')[0]).toMatchObject({ state: 'ok', found: expect.stringContaining('(Helm release kube-system/traefik-crd)') });
    expect(k3s.exitCode).toBe(PREFLIGHT_EXIT.ok);
    const preinstalled = await preflight('mesh-linkerd', PREINSTALLED, {});
    expect(rows(preinstalled.findings, 'gateway-api')).toEqual([]);
  });

  it('lists a composition\'s charts (mesh, Collector, Traefik, NATS, CloudNativePG) and checks its Linkerd layer against Gateway API CRDs', async () => {
    const out = await preflight('fullstack-all', { 'perflab-cluster:gatewayApiCrds': 'linkerd' }, { crds: [{ name: 'httproutes.gateway.networking.k8s.io' }] });
    expect(rows(out.findings, 'chart').map((f) => f.subject.split(' ')[0])).toEqual(['linkerd-crds', 'linkerd-control-plane', 'opentelemetry-collector', 'traefik', 'nats', 'cloudnative-pg']);
    expect(rows(out.findings, 'gateway-api')[0]).toMatchObject({ state: 'blocker', found: expect.stringContaining('the linkerd-crds release would install them too') });
    const k3s = await preflight('fullstack-all', {}, { crds: ROUTES });
    expect(rows(k3s.findings, 'gateway-api')[0]).toMatchObject({ state: 'ok' });
  });

  it('lists the cost tool\'s charts in install order (Prometheus before OpenCost), none when it is preinstalled', async () => {
    const helm = await preflight('cost-opencost', {}, {});
    expect(rows(helm.findings, 'chart').map((f) => f.subject)).toEqual(['prometheus 27.19.0', 'opencost 2.5.29']);
    const kubecost = await preflight('cost-kubecost', {}, {});
    expect(rows(kubecost.findings, 'chart').map((f) => f.subject)).toEqual(['cost-analyzer 2.7.2']);
    const preinstalled = await preflight('cost-opencost', PREINSTALLED, { services: ['opencost/opencost'] });
    expect(rows(preinstalled.findings, 'chart')).toEqual([]);
  });

  it('an image is ok when a node already has it (registry prefix aside), unverified otherwise', async () => {
    const out = await preflight('runtime-go', {}, { nodes: [{ name: 'a', images: ['docker.io/grafana/k6:1.3.0', 'docker.io/grafana/k6@sha256:00'] }] });
    const images = rows(out.findings, 'image');
    expect(images.find((f) => f.subject === 'grafana/k6:1.3.0')).toMatchObject({ state: 'ok', found: 'on 1 node(s) already' });
    expect(images.filter((f) => f.subject !== 'grafana/k6:1.3.0').every((f) => f.state === 'unverified')).toBe(true);
    expect(images.length).toBeGreaterThan(1);
  });
});

describe('output and exit codes', () => {
  it('--json prints the findings and the exit code', async () => {
    const out = await preflight('db-cnpg', PREINSTALLED, {}, { json: true });
    const doc = JSON.parse(out.stdout.join('\n'));
    expect(doc).toMatchObject({ stack: 'db-cnpg', cluster: 'the fake cluster', exitCode: 1, blockers: 1 });
    expect(doc.findings).toContainEqual(expect.objectContaining({ check: 'crd', subject: CNPG_CRD, state: 'blocker' }));
  });

  it('exits 2 on an unknown stack or a bad timeout, and 3 when the cluster cannot be asked', async () => {
    const unknown = await runPreflightCommand('no-such-stack', { inventory: () => fakeInventory() });
    expect(unknown.exitCode).toBe(PREFLIGHT_EXIT.badInput);
    expect(unknown.stderr.join('\n')).toContain('no such stack file');
    const timeout = await preflight('runtime-go', {}, {}, { chartTimeoutSeconds: 0 });
    expect(timeout).toMatchObject({ exitCode: PREFLIGHT_EXIT.badInput, stderr: [expect.stringContaining('--chart-timeout: 0 is not allowed')] });
    const down = await preflight('runtime-go', {}, {}, {
      inventory: () => ({ ...fakeInventory(), serverVersion: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6443')) }),
    });
    expect(down).toMatchObject({ exitCode: PREFLIGHT_EXIT.clusterUnreachable, stderr: ['perflab preflight runtime-go: cannot ask the fake cluster: connect ECONNREFUSED 127.0.0.1:6443'] });
  });
});
