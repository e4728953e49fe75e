/**
 * The mesh overhead arithmetic on known inputs: overhead against the baseline, the app/proxy
 * split with node-proxy apportioning, the cost share, the bootstrap CI of a difference of
 * medians, and meshOverheadTable on hand-made RunResults.
 */
import { unitRates } from '../src/cost/pricing';
import { RunResult, RunResultSchema } from '../src/results/run-result';
import { bootstrapMedianDifference } from '../src/stats/median-difference';
import { hourlyCost, meshCostShare, overhead, resourceSplit } from '../experiments/mesh/overhead';
import { meshOverheadTable } from '../experiments/mesh/overhead-table';
import { meshRunLabel, parseMeshRunLabel } from '../experiments/mesh/steps';

const MI = 1024 ** 2;
const comp = (component: string, cpuCoresAvg: number, memoryAvgBytes: number) => ({ component, cpuCoresAvg, memoryAvgBytes });

describe('overhead', () => {
  it('is mesh − baseline, and the same as a % of the baseline', () => {
    expect(overhead(4, 5)).toEqual({ absolute: 1, percent: 25 });
    expect(overhead(10, 8)).toEqual({ absolute: -2, percent: -20 });
  });
  it('has no % over a zero baseline, and refuses non-numbers', () => {
    expect(overhead(0, 3)).toEqual({ absolute: 3, percent: undefined });
    expect(() => overhead(Number.NaN, 1)).toThrow('must be finite numbers');
  });
});

describe('resourceSplit', () => {
  it('splits sidecar meshes into app and proxy per pod, with the control plane apart', () => {
    const s = resourceSplit(
      [comp('server', 1.0, 200 * MI), comp('proxy', 0.5, 400 * MI), comp('control-plane:istiod', 0.1, 80 * MI), comp('control-plane:istio-cni', 0.02, 20 * MI), comp('k6', 0.8, 100 * MI)],
      { workloadPods: 10 },
    );
    expect(s.app).toEqual({ cpuCores: 1.0, memoryBytes: 200 * MI });
    expect(s.perPod.app.cpuCores).toBeCloseTo(0.1);
    expect(s.perPod.proxy.cpuCores).toBeCloseTo(0.05);
    expect(s.perPod.proxy.memoryBytes).toBeCloseTo(40 * MI);
    expect(s.controlPlane.cpuCores).toBeCloseTo(0.12);
    expect(s.controlPlane.memoryBytes).toBe(100 * MI);
    expect(s.mesh.cpuCores).toBeCloseTo(0.62); // proxies + control plane; k6 is neither
    expect(s.shares).toEqual({});
  });

  it('charges a node proxy whole by default, and workloadPods / servedPods of it when told', () => {
    const resources = [comp('server', 1.0, 100 * MI), comp('node-proxy:ztunnel', 0.4, 60 * MI)];
    const whole = resourceSplit(resources, { workloadPods: 10 });
    expect(whole.shares).toEqual({ 'node-proxy:ztunnel': 1 });
    expect(whole.perPod.proxy.cpuCores).toBeCloseTo(0.04);
    expect(whole.perPod.proxy.memoryBytes).toBeCloseTo(6 * MI);
    const shared = resourceSplit(resources, { workloadPods: 10, servedPods: { 'node-proxy:ztunnel': 40 } });
    expect(shared.shares['node-proxy:ztunnel']).toBe(0.25);
    expect(shared.nodeProxyShare.cpuCores).toBeCloseTo(0.1);
    expect(shared.perPod.proxy.cpuCores).toBeCloseTo(0.01);
    expect(shared.perPod.proxy.memoryBytes).toBeCloseTo(1.5 * MI);
    // More workload pods than served (stale counts) never charge more than the whole DaemonSet.
    expect(resourceSplit(resources, { workloadPods: 10, servedPods: { 'node-proxy:ztunnel': 5 } }).shares['node-proxy:ztunnel']).toBe(1);
  });

  it('charges a waypoint whole and rejects impossible pod counts', () => {
    expect(resourceSplit([comp('server', 1, 0), comp('waypoint:ns', 0.2, 0)], { workloadPods: 4 }).perPod.proxy.cpuCores).toBeCloseTo(0.05);
    expect(() => resourceSplit([], { workloadPods: 0 })).toThrow('workloadPods 0 must be a whole number ≥ 1');
    expect(() => resourceSplit([comp('node-proxy:x', 1, 1)], { workloadPods: 2, servedPods: { 'node-proxy:x': 0 } })).toThrow('must be > 0');
  });
});

describe('the cost of the mesh', () => {
  const rates = { ...unitRates(), cpuCoreHour: 0.04, ramGiBHour: 0.005 };
  it('prices a steady usage per hour', () => {
    expect(hourlyCost({ cpuCores: 2, memoryBytes: 4 * 1024 ** 3 }, rates)).toBeCloseTo(2 * 0.04 + 4 * 0.005);
  });
  it('is the mesh\'s hourly cost as a % of the app containers\'', () => {
    const s = resourceSplit([comp('server', 1, 1024 ** 3), comp('proxy', 0.5, 0.5 * 1024 ** 3)], { workloadPods: 10 });
    const c = meshCostShare(s, rates);
    expect(c.workloadPerHour).toBeCloseTo(0.045);
    expect(c.meshPerHour).toBeCloseTo(0.0225);
    expect(c.percentOfWorkload).toBeCloseTo(50);
    expect(meshCostShare(resourceSplit([], { workloadPods: 1 }), rates).percentOfWorkload).toBeUndefined();
  });
});

describe('bootstrapMedianDifference', () => {
  it('is exact for single runs (no spread to resample)', () => {
    expect(bootstrapMedianDifference([10], [12.5])).toEqual({ estimate: 2.5, low: 2.5, high: 2.5 });
  });
  it('brackets the difference of medians, reproducibly', () => {
    const base = [10, 11, 10.5, 10.2, 10.8];
    const mesh = [12, 12.4, 11.9, 12.2, 12.6];
    const a = bootstrapMedianDifference(base, mesh, { seed: 7 });
    expect(a.estimate).toBeCloseTo(12.2 - 10.5);
    expect(a.low).toBeGreaterThan(0.5);
    expect(a.low).toBeLessThanOrEqual(a.estimate);
    expect(a.high).toBeGreaterThanOrEqual(a.estimate);
    expect(bootstrapMedianDifference(base, mesh, { seed: 7 })).toEqual(a);
    expect(() => bootstrapMedianDifference([], [1])).toThrow('no baseline values');
  });
});

describe('run labels', () => {
  it('round-trip stack, topology and service count', () => {
    const l = meshRunLabel({ stack: 'mesh-istio-ambient', topology: 'fanout', services: 50 });
    expect(l).toBe('mesh-istio-ambient.fanout-50');
    expect(parseMeshRunLabel(l)).toEqual({ stack: 'mesh-istio-ambient', topology: 'fanout', services: 50 });
    expect(parseMeshRunLabel('runtime-go')).toBeUndefined();
  });
});

function run(variant: string, services: number, rps: number, p: [number, number, number], resources: Array<ReturnType<typeof comp>>, i = 0): RunResult {
  const latency = { count: 1000, min: 1, mean: p[0], stddev: 0, p50: p[0], p90: p[1], p95: p[1], p99: p[2], p999: p[2], max: p[2] };
  return RunResultSchema.parse({
    kind: 'perflab.dev/RunResult',
    version: 1,
    id: `mesh-${variant}-${services}-${rps}-${i}`,
    experiment: 'mesh',
    variant,
    target: 'k3s',
    label: meshRunLabel({ stack: `mesh-${variant}`, topology: 'chain', services }),
    profile: { name: `mesh-steps-s1-${rps}rps`, model: 'open', startTarget: rps, stages: [{ durationSeconds: 120, target: rps }] },
    startedAt: `2026-11-25T12:0${i}:00Z`,
    finishedAt: `2026-11-25T12:0${i}:30Z`,
    durationSeconds: 120,
    loadGenerator: { name: 'k6', version: '1.3.0' },
    latency,
    throughput: { requestsPerSecond: rps, totalRequests: rps * 120 },
    errors: { total: 0, rate: 0, byKind: {} },
    endpoints: [],
    resources: resources.map((r) => ({ ...r, cpuCoreSeconds: r.cpuCoresAvg * 120, memoryPeakBytes: r.memoryAvgBytes, samples: 8, source: 'metrics.k8s.io' })),
    thresholds: [],
    thresholdsPassed: true,
    environment: { target: 'k3s', os: 'x', kernel: 'Linux', arch: 'amd64', cpuModel: 'x', cpuCores: 4, memoryBytes: 8e9, toolVersions: {} },
  });
}

describe('meshOverheadTable', () => {
  const results = [
    run('baseline', 10, 100, [2, 4, 8], [comp('server', 0.5, 100 * MI)]),
    run('istio', 10, 100, [3, 6, 12], [comp('server', 0.5, 100 * MI), comp('proxy', 0.5, 300 * MI), comp('control-plane:istiod', 0.1, 100 * MI)]),
    run('istio-ambient', 10, 100, [2.5, 5, 9], [comp('server', 0.5, 100 * MI), comp('node-proxy:ztunnel', 0.2, 40 * MI), comp('control-plane:istiod', 0.1, 100 * MI)]),
    run('linkerd', 50, 100, [3, 6, 12], [comp('server', 1, 100 * MI)]),
  ];
  const table = meshOverheadTable(results);
  const line = (mesh: string) => table.split('\n').find((l) => new RegExp(`^chain-10\\s+100\\s+${mesh}\\s`).test(l)) ?? '';

  it('compares each mesh with the baseline of its configuration and step', () => {
    expect(line('istio')).toContain('+1.00 ms (+50.0%)');
    expect(line('istio')).toContain('+4.00 ms (+50.0%)');
    expect(line('istio-ambient')).toContain('+0.50 ms (+25.0%)');
    expect(line('istio-ambient')).toContain('+1.00 ms (+12.5%)');
  });

  it('shows CPU and memory per pod split into app and proxy, the control plane, and the cost share', () => {
    expect(line('istio')).toContain('50m / 50m');
    expect(line('istio')).toContain('10.0Mi / 30.0Mi');
    expect(line('istio')).toContain('100m / 100.0Mi');
    expect(line('istio-ambient')).toContain('50m / 20m');
    // istio: mesh = 0.6 cores + 400 MiB vs app 0.5 cores + 100 MiB at the default pricing.
    const rates = unitRates();
    const expected = ((0.6 * rates.cpuCoreHour + (400 / 1024) * rates.ramGiBHour) / (0.5 * rates.cpuCoreHour + (100 / 1024) * rates.ramGiBHour)) * 100;
    expect(line('istio')).toContain(`${expected.toFixed(1)}%`);
  });

  it('names configurations without a baseline instead of inventing one', () => {
    expect(table).toContain('note: chain-50 at 100 req/s: no baseline run; its meshes (linkerd) have nothing to be compared with');
  });

  it('shows bootstrap intervals once there are repeats', () => {
    const repeats = [
      ...[2, 2.2, 1.9].map((p50, i) => run('baseline', 10, 100, [p50, 4, 8], [comp('server', 0.5, 100 * MI)], i)),
      ...[3, 3.1, 2.8].map((p50, i) => run('istio', 10, 100, [p50, 6, 12], [comp('server', 0.5, 100 * MI)], i + 3)),
    ];
    const t = meshOverheadTable(repeats);
    expect(t).toMatch(/chain-10\s+100\s+istio\s+3\/3\s+\+1\.00 ms \[\+[\d.]+, \+[\d.]+\] \(\+50\.0% \[/);
  });
});

describe('perflab compare on mesh results', () => {
  it('adds the mesh overhead table after the generic tables', async () => {
    const { main } = await import('../src/cli/main');
    const { writeRunResult } = await import('../src/results/store');
    const fs = await import('fs');
    const os = await import('os');
    const path = await import('path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-mesh-compare-'));
    writeRunResult(dir, run('baseline', 10, 100, [2, 4, 8], [comp('server', 0.5, 100 * MI)]));
    writeRunResult(dir, run('istio', 10, 100, [3, 6, 12], [comp('server', 0.5, 100 * MI), comp('proxy', 0.5, 300 * MI)], 1));
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(await main(['node', 'perflab', 'compare', dir])).toBe(0);
    } finally {
      spy.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const out = written.join('');
    expect(out).toContain('Mesh overhead against the baseline stack:');
    expect(out.indexOf('Mesh overhead')).toBeGreaterThan(out.indexOf('p95 ms'));
  });
});
