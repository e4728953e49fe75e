/**
 * The results reader's per-container split, which the mesh experiment adds through the
 * ClusterClient seam: PodMetrics per container (podMetricsOf), the SUT measured without its
 * proxy sidecars, the sidecars, node proxies and control plane as their own components (in
 * their own namespaces), and the mesh mode in the environment. Also Linkerd's identity
 * certificates made with the real openssl.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ClusterClient, NodeInfo, PodInfo, PodLog, PodMetricsSample, RunnerStatus, Selector } from '../src/cluster/cluster-client';
import { selectContainers } from '../src/cluster/await-runner';
import { podContainerMetricsOf } from '../src/cluster/kube-mappers';
import { readRunResults } from '../src/cluster/results-reader';
import { RunResultsRequest } from '../src/cluster/run-request';
import { readStackConfig, stackFilePath } from '../src/cluster/stack-file';
import { stackSpec } from '../src/cluster/stack-spec';
import { measuredComponents } from '../experiments/mesh/component';
import { createLinkerdCertificates } from '../experiments/mesh/linkerd-certs';
import { meshProfiles } from '../experiments/mesh/meshes';
import { meshSteps } from '../experiments/mesh/steps';
import { SERVICES_SELECTOR } from '../experiments/mesh/workload-chart';
import { FakeClock, k3sNode, runnerLog } from './fixtures/cluster/fake-cluster';

const at = (s: number): string => new Date(Date.parse('2026-11-25T12:00:00Z') + s * 1000).toISOString();
const pod = (name: string, t: number, containers: Array<[string, number, number]>): PodMetricsSample => ({
  pod: name,
  timestamp: at(t),
  windowSeconds: 15,
  cpuCores: containers.reduce((a, c) => a + c[1], 0),
  memoryBytes: containers.reduce((a, c) => a + c[2], 0),
  containers: containers.map(([n, cpuCores, memoryBytes]) => ({ name: n, cpuCores, memoryBytes })),
});

/** A cluster whose PodMetrics depend on the namespace and selector asked for, one round per poll. */
class MeshCluster implements ClusterClient {
  private polls = 0;
  private state: RunnerStatus = { state: 'running', startTime: at(0) };
  readonly asked: string[] = [];
  async jobStatus(): Promise<RunnerStatus | undefined> {
    this.polls++;
    if (this.polls > 3) this.state = { state: 'succeeded', startTime: at(0), completionTime: at(60) };
    return this.state;
  }
  async testRunStatus(): Promise<RunnerStatus | undefined> {
    return undefined;
  }
  async pods(_ns: string, selector: Selector): Promise<PodInfo[]> {
    if (selector['app.kubernetes.io/component'] === 'server') return [{ name: 'svc-1-abc', nodeName: 'lab-1', phase: 'Running' }];
    return [{ name: 'k6-x', nodeName: 'lab-2', phase: this.state.state === 'running' ? 'Running' : 'Succeeded' }];
  }
  async podLogs(): Promise<PodLog[]> {
    return [{ name: 'k6-x', nodeName: 'lab-2', phase: 'Succeeded', exitCode: 0, log: runnerLog('k6-summary-pass.json') }];
  }
  async podMetrics(namespace: string, selector: Selector): Promise<PodMetricsSample[] | undefined> {
    this.asked.push(`${namespace} ${JSON.stringify(selector)}`);
    const t = this.polls * 15;
    if (selector['app.kubernetes.io/component'] === 'server') {
      return [pod('svc-1-abc', t, [['api', 0.2, 20e6], ['istio-proxy', 0.1, 50e6]]), pod('svc-2-def', t, [['api', 0.1, 20e6], ['istio-proxy', 0.05, 50e6]])];
    }
    if (namespace === 'istio-system' && selector.app === 'istiod') return [pod('istiod-1', t, [['discovery', 0.03, 90e6]])];
    if (namespace === 'istio-system') return [pod('istio-cni-node-1', t, [['install-cni', 0.01, 30e6]])];
    return [pod('k6-x', t, [['k6', 0.4, 100e6]])];
  }
  async nodes(): Promise<NodeInfo[]> {
    return [k3sNode()];
  }
}

describe('per-container PodMetrics', () => {
  it('keeps each container beside the pod totals', () => {
    const [s] = podContainerMetricsOf({ items: [{ metadata: { name: 'p' }, timestamp: at(0), window: '15s', containers: [{ name: 'api', usage: { cpu: '200m', memory: '20Mi' } }, { name: 'istio-proxy', usage: { cpu: '50m', memory: '40Mi' } }] }] });
    expect(s.cpuCores).toBeCloseTo(0.25);
    expect(s.containers).toEqual([
      { name: 'api', cpuCores: 0.2, memoryBytes: 20 * 1024 ** 2 },
      { name: 'istio-proxy', cpuCores: 0.05, memoryBytes: 40 * 1024 ** 2 },
    ]);
  });

  it('selects containers, and drops samples that cannot be split', () => {
    const both = pod('p', 0, [['api', 0.2, 10], ['linkerd-proxy', 0.1, 30]]);
    expect(selectContainers([both], undefined, ['linkerd-proxy']).samples[0]).toMatchObject({ cpuCores: 0.2, memoryBytes: 10 });
    expect(selectContainers([both], ['linkerd-proxy']).samples[0]).toMatchObject({ cpuCores: 0.1, memoryBytes: 30 });
    const { containers: _c, ...summed } = both;
    void _c;
    expect(selectContainers([summed], ['linkerd-proxy'])).toEqual({ samples: [], dropped: 1 });
    expect(selectContainers([summed])).toEqual({ samples: [summed], dropped: 0 });
  });
});

describe('a mesh step read from the cluster', () => {
  const s = stackSpec('mesh-istio', readStackConfig(stackFilePath('mesh-istio')));
  const step = meshSteps(s.spec.profile)[0];
  const mesh = meshProfiles.istio;
  const request: RunResultsRequest = {
    namespace: 'perflab-mesh-istio',
    runId: `${s.runId}-s1`,
    label: 'mesh-istio.chain-10',
    experiment: 'mesh',
    variant: 'istio',
    target: 'k3s',
    runner: { kind: 'Job', name: `k6-${s.runId}-s1`, selector: { 'app.kubernetes.io/name': 'k6' }, parallelism: 1 },
    sut: { selector: SERVICES_SELECTOR, component: 'server', excludeContainers: mesh.proxyContainers },
    profile: step.profile,
    timeoutSeconds: 600,
    pollSeconds: 10,
    k6Version: '1.3.0',
    components: measuredComponents(mesh),
    meshMode: mesh.meshMode,
  };

  it('reports app, proxy and control plane as separate components, and the mesh mode', async () => {
    const cluster = new MeshCluster();
    const { runResult, headline } = await readRunResults(cluster, request, new FakeClock());
    const byName = Object.fromEntries(runResult.resources.map((r) => [r.component, r]));
    expect(Object.keys(byName).sort()).toEqual(['control-plane:istio-cni', 'control-plane:istiod', 'k6', 'proxy', 'server']);
    expect(byName.server.cpuCoresAvg).toBeCloseTo(0.3);
    expect(byName.server.memoryAvgBytes).toBe(40e6);
    expect(byName.proxy.cpuCoresAvg).toBeCloseTo(0.15);
    expect(byName.proxy.memoryAvgBytes).toBe(100e6);
    expect(byName['control-plane:istiod'].memoryAvgBytes).toBe(90e6);
    expect(headline.cpuCoreSeconds).toBe(byName.server.cpuCoreSeconds);
    expect(runResult.environment.meshMode).toBe('istio-sidecar');
    expect(runResult.label).toBe('mesh-istio.chain-10');
    expect(cluster.asked).toContain('istio-system {"app":"istiod"}');
  });
});

describe("Linkerd's identity certificates (real openssl)", () => {
  it('are an ECDSA P-256 trust anchor and an issuer CA it signed', () => {
    const c = createLinkerdCertificates();
    expect(c.trustAnchorPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(c.issuerKeyPem).toMatch(/^-----BEGIN EC PRIVATE KEY-----/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-certs-'));
    try {
      fs.writeFileSync(path.join(dir, 'ca.crt'), c.trustAnchorPem);
      fs.writeFileSync(path.join(dir, 'issuer.crt'), c.issuerCertPem);
      expect(execFileSync('openssl', ['verify', '-CAfile', path.join(dir, 'ca.crt'), path.join(dir, 'issuer.crt')]).toString()).toContain('OK');
      const text = execFileSync('openssl', ['x509', '-in', path.join(dir, 'issuer.crt'), '-noout', '-text']).toString();
      expect(text).toContain('CN = identity.linkerd.cluster.local');
      expect(text).toContain('CA:TRUE, pathlen:0');
      expect(text).toContain('prime256v1');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('say what to do when openssl is missing', () => {
    expect(() => createLinkerdCertificates('/nonexistent/openssl')).toThrow(/is not installed \(apt-get install openssl\), or set the perflab-linkerd:\* certificates/);
  });
});
