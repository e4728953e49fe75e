/**
 * The Pulumi program (index.ts) under `pulumi.runtime.setMocks` for every mesh stack: the mesh's
 * Helm releases (chart, pinned version, repository, namespace, values), the enrolled namespace,
 * the mTLS objects, the services, one k6 run and one results resource per step (each measuring
 * the app containers, the proxies, the node proxies and the control plane), and the headline
 * outputs. Nothing reaches a cluster: the dynamic resources are answered by the mock.
 */
import { readStackConfig, stackFilePath } from '../src/cluster/stack-file';
import { RUN_RESULTS_TYPE } from '../src/cluster/results-provider';
import { CILIUM_HELM_REPO, CILIUM_VERSION, ISTIO_HELM_REPO, ISTIO_VERSION, LINKERD_CHART_VERSION, LINKERD_HELM_REPO } from '../src/versions';
import { MESH_VARIANTS, meshProfiles } from '../experiments/mesh/meshes';
import { FAKE_FIGURES, ProgramRun, Registered, runProgram } from './helpers/pulumi-program';

const RELEASE = 'kubernetes:helm.sh/v3:Release';
const of = (r: ProgramRun, type: string): Registered[] => r.resources.filter((x) => x.type === type);
const releases = (r: ProgramRun) => of(r, RELEASE).map((x) => ({ name: x.inputs.name, chart: x.inputs.chart, version: x.inputs.version, repo: x.inputs.repositoryOpts?.repo, namespace: x.inputs.namespace }));

process.setMaxListeners(100);

const EXPECTED_RELEASES: Record<string, Array<[string, string, string, string, string]>> = {
  baseline: [],
  istio: [
    ['istio-base', 'base', ISTIO_VERSION, ISTIO_HELM_REPO, 'istio-system'],
    ['istio-cni', 'cni', ISTIO_VERSION, ISTIO_HELM_REPO, 'istio-system'],
    ['istiod', 'istiod', ISTIO_VERSION, ISTIO_HELM_REPO, 'istio-system'],
  ],
  'istio-ambient': [
    ['istio-base', 'base', ISTIO_VERSION, ISTIO_HELM_REPO, 'istio-system'],
    ['istiod', 'istiod', ISTIO_VERSION, ISTIO_HELM_REPO, 'istio-system'],
    ['istio-cni', 'cni', ISTIO_VERSION, ISTIO_HELM_REPO, 'istio-system'],
    ['ztunnel', 'ztunnel', ISTIO_VERSION, ISTIO_HELM_REPO, 'istio-system'],
  ],
  linkerd: [
    ['linkerd-crds', 'linkerd-crds', LINKERD_CHART_VERSION, LINKERD_HELM_REPO, 'linkerd'],
    ['linkerd-control-plane', 'linkerd-control-plane', LINKERD_CHART_VERSION, LINKERD_HELM_REPO, 'linkerd'],
  ],
  cilium: [['cilium', 'cilium', CILIUM_VERSION, CILIUM_HELM_REPO, 'kube-system']],
};

describe.each(MESH_VARIANTS)('pulumi up --stack mesh-%s (under mocks)', (variant) => {
  const stack = `mesh-${variant}`;
  const config = readStackConfig(stackFilePath(stack));
  const profile = meshProfiles[variant];
  let run: ProgramRun;

  beforeAll(async () => {
    run = await runProgram(config, stack);
  });

  it('installs the mesh from its pinned Helm charts, in order', () => {
    expect(releases(run)).toEqual(EXPECTED_RELEASES[variant].map(([name, chart, version, repo, namespace]) => ({ name, chart, version, repo, namespace })));
    for (const r of of(run, RELEASE)) expect(r.inputs.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('creates the namespace enrolled the way the mesh expects', () => {
    const ns = of(run, 'kubernetes:core/v1:Namespace');
    expect(ns).toHaveLength(1);
    expect(ns[0].inputs.metadata.name).toBe(`perflab-mesh-${variant}`);
    expect(ns[0].inputs.metadata.labels).toMatchObject({ ...profile.namespaceLabels, 'perflab.dev/experiment': 'mesh', 'perflab.dev/variant': variant });
    if (Object.keys(profile.namespaceAnnotations).length) expect(ns[0].inputs.metadata.annotations).toEqual(profile.namespaceAnnotations);
    else expect(ns[0].inputs.metadata.annotations).toBeUndefined();
  });

  it('deploys the same ten services in every variant, and one k6 Job per step', () => {
    const ds = of(run, 'kubernetes:apps/v1:Deployment');
    expect(ds.map((d) => d.inputs.metadata.name).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `svc-${i + 1}`).sort());
    expect(ds.every((d) => d.inputs.metadata.namespace === `perflab-mesh-${variant}`)).toBe(true);
    expect(of(run, 'kubernetes:core/v1:Service')).toHaveLength(10);
    expect(of(run, 'kubernetes:batch/v1:Job')).toHaveLength(4);
    expect(of(run, 'kubernetes:core/v1:ConfigMap')).toHaveLength(4);
  });

  it('applies its mTLS objects', () => {
    const kinds = run.resources.filter((r) => /security\.istio\.io|policy\.linkerd\.io|cilium\.io/.test(r.type)).map((r) => r.type.split(':')[2]);
    const expected: Record<string, string[]> = {
      baseline: [],
      istio: ['PeerAuthentication', 'PeerAuthentication'],
      'istio-ambient': ['PeerAuthentication', 'PeerAuthentication'],
      linkerd: ['Server', 'NetworkAuthentication', 'AuthorizationPolicy'],
      cilium: ['CiliumNetworkPolicy'],
    };
    expect(kinds.sort()).toEqual(expected[variant].sort());
  });

  it('reads every step with its own results resource, measuring app, proxies, node proxies and control plane', () => {
    const results = of(run, RUN_RESULTS_TYPE);
    expect(results.map((r) => r.inputs.profile.startTarget)).toEqual([50, 100, 200, 400]);
    const runId = results[0].inputs.runId.replace(/-s1$/, '');
    for (const [i, r] of results.entries()) {
      expect(r.inputs).toMatchObject({ experiment: 'mesh', variant, target: 'k3s', label: `${stack}.chain-10`, runId: `${runId}-s${i + 1}`, meshMode: profile.meshMode });
      expect(r.inputs.runner).toMatchObject({ kind: 'Job', name: `k6-${runId}-s${i + 1}`, parallelism: 1 });
      expect(r.inputs.sut).toMatchObject({ component: 'server', selector: { 'app.kubernetes.io/name': 'runtime-api', 'app.kubernetes.io/component': 'server' } });
      expect(r.inputs.sut.excludeContainers).toEqual(profile.proxyContainers.length ? profile.proxyContainers : undefined);
    }
    const components = results[0].inputs.components.map((c: { component: string }) => c.component);
    expect(components).toEqual([
      ...(profile.proxyContainers.length ? ['proxy'] : []),
      ...profile.nodeProxies.map((p) => p.component),
      ...profile.controlPlane.map((p) => p.component),
    ]);
    expect(run.providerLoaded).toBe(false);
  });

  it('exports the highest-rate step as the headline outputs', () => {
    const { rps, ...rest } = FAKE_FIGURES;
    expect(run.outputs).toMatchObject({ ...rest, throughput: rps, namespace: `perflab-mesh-${variant}` });
    expect(run.outputs.runResult).toMatchObject({ kind: 'perflab.dev/RunResult' });
  });
});

describe('mesh-specific Helm values', () => {
  it('runs Istio ambient with the ambient profile and the k3s platform', async () => {
    const run = await runProgram(readStackConfig(stackFilePath('mesh-istio-ambient')), 'mesh-istio-ambient');
    const values = Object.fromEntries(of(run, RELEASE).map((r) => [r.inputs.name, r.inputs.values]));
    expect(values.istiod).toMatchObject({ profile: 'ambient', global: { platform: 'k3s' } });
    expect(values['istio-cni']).toMatchObject({ profile: 'ambient', global: { platform: 'k3s' } });
  });

  it('turns WireGuard and SPIRE mutual authentication on for Cilium, with k3s\'s pod CIDR and CNI paths', async () => {
    const run = await runProgram(readStackConfig(stackFilePath('mesh-cilium')), 'mesh-cilium');
    const v = of(run, RELEASE)[0].inputs.values;
    expect(v.encryption).toEqual({ enabled: true, type: 'wireguard' });
    expect(v.authentication.mutual.spire).toMatchObject({ enabled: true, install: { enabled: true } });
    expect(v.ipam.operator.clusterPoolIPv4PodCIDRList).toEqual(['10.42.0.0/16']);
    expect(v.cni.confPath).toBe('/var/lib/rancher/k3s/agent/etc/cni/net.d');
  });

  it('gives Linkerd the identity certificates made by its LinkerdIdentity resource', async () => {
    const run = await runProgram(readStackConfig(stackFilePath('mesh-linkerd')), 'mesh-linkerd');
    expect(run.resources.filter((r) => r.type.endsWith('perflab:LinkerdIdentity'))).toHaveLength(1);
    const cp = of(run, RELEASE).find((r) => r.inputs.name === 'linkerd-control-plane')!;
    expect(cp.inputs.values.proxy.resources.cpu).toEqual({ request: '20m', limit: '1' });
  });

  it('uses the stack\'s own certificates when all three are set, and none is made', async () => {
    const pems = { 'perflab-linkerd:trustAnchorPem': 'ANCHOR', 'perflab-linkerd:issuerCertPem': 'ISSUER', 'perflab-linkerd:issuerKeyPem': 'KEY' };
    const run = await runProgram({ ...readStackConfig(stackFilePath('mesh-linkerd')), ...pems }, 'mesh-linkerd');
    expect(run.resources.filter((r) => r.type.endsWith('perflab:LinkerdIdentity'))).toHaveLength(0);
    const cp = of(run, RELEASE).find((r) => r.inputs.name === 'linkerd-control-plane')!;
    // The values carry secrets, so Pulumi keeps the whole values object secret (encrypted in the state).
    const SECRET_SIG = '4dabf18193072939515e22adb298388d';
    expect(cp.inputs.values[SECRET_SIG]).toBeDefined();
    const values = cp.inputs.values.value;
    expect(values.identityTrustAnchorsPEM).toBe('ANCHOR');
    expect(values.identity.issuer.tls).toEqual({ crtPEM: 'ISSUER', keyPEM: 'KEY' });
  });

  it('refuses a partial set of certificates', async () => {
    const err = (await runProgram({ ...readStackConfig(stackFilePath('mesh-linkerd')), 'perflab-linkerd:trustAnchorPem': 'ANCHOR' }, 'mesh-linkerd').catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('perflab-linkerd:issuerCertPem, perflab-linkerd:issuerKeyPem not set');
  });
});
