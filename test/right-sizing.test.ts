/**
 * Right-sizing: p95 usage from samples, the requests synthesized manifests set per component, the
 * recommendation with headroom and its monthly saving and idle share — on the full-stack fixtures
 * (real local runs, test/fixtures/full-stack/results) with the requests of their composition.
 */
import * as fs from 'fs';
import * as path from 'path';
import { componentResources, withManifestRequests } from '../src/cost/component-requests';
import { PricingError } from '../src/cost/errors';
import { unitRates } from '../src/cost/pricing';
import { mostDemandingUsage, rightSizeResult, rightSizeUsage, roundCpuUp, roundMemoryUp } from '../src/cost/right-sizing';
import { cpuCores, memoryBytes } from '../src/config/quantities';
import { RunResult, RunResultSchema } from '../src/results/run-result';
import { coresPerInterval, nearestRankPercentile, usageP95 } from '../src/stats/usage-percentiles';
import { fullStackLayerResources } from '../experiments/full-stack/component-requests';
import { componentLayer } from '../experiments/full-stack/component-cost';
import { defaultFullStackSettings } from '../experiments/full-stack/experiment';
import { runtimeComponentResources } from '../experiments/runtime/component-requests';
import { runtimeConfigShape } from '../experiments/runtime/experiment';

const MI = 1024 ** 2;
const GIB = 1024 ** 3;
const FIXTURES = path.join(__dirname, 'fixtures/full-stack/results');
const fixture = (label: string): RunResult =>
  fs
    .readdirSync(FIXTURES)
    .map((f) => RunResultSchema.parse(JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8'))))
    .find((r) => r.label === label)!;
const rates = unitRates('opencost-default');
const monthly = (cpu: number, mem: number): number => (cpu * rates.cpuCoreHour + (mem / GIB) * rates.ramGiBHour) * 730;

describe('p95 of sampled usage', () => {
  it('ranks memory samples and per-interval CPU by nearest rank', () => {
    const mem = Array.from({ length: 20 }, (_, i) => (i + 1) * MI);
    expect(nearestRankPercentile(mem, 95)).toBe(19 * MI);
    expect(nearestRankPercentile([], 95)).toBeUndefined();
    expect(() => nearestRankPercentile(mem, 0)).toThrow(/percentile 0 is not allowed/);
    // 0.25 s intervals: 0.1, 0.2 and 0.5 core-seconds gained → 0.4, 0.8 and 2 cores
    const readings = [0, 0.1, 0.3, 0.8].map((cpuSeconds, i) => ({ atMs: i * 250, cpuSeconds }));
    const cores = coresPerInterval(readings);
    expect(cores).toHaveLength(3);
    [0.4, 0.8, 2].forEach((c, i) => expect(cores[i]).toBeCloseTo(c, 12));
    expect(usageP95(readings, mem)).toEqual({ cpuCoresP95: 2, memoryP95Bytes: 19 * MI });
    expect(usageP95(readings.slice(0, 1), [])).toEqual({});
  });
});

describe('requests from synthesized manifests', () => {
  it('gives the runtime API the request and limit its config defaults set', () => {
    const server = runtimeComponentResources('go').get('server')!;
    const cpu = cpuCores(runtimeConfigShape.cpu.parse(undefined));
    const mem = memoryBytes(runtimeConfigShape.memory.parse(undefined));
    expect(server).toEqual({ requested: { cpuCores: cpu, memoryBytes: mem }, limits: { cpuCores: cpu, memoryBytes: mem } });
  });

  it('keys a full-stack composition by layer, the app at its settings, k6 left out', () => {
    const byLayer = fullStackLayerResources({ database: 'postgres', messaging: 'nats', cache: 'redis' });
    expect([...byLayer.keys()].sort()).toEqual(['app', 'cache', 'database', 'messaging']);
    const s = defaultFullStackSettings();
    expect(byLayer.get('app')!.requested).toEqual({ cpuCores: cpuCores(s.cpu), memoryBytes: memoryBytes(s.memory) });
    for (const r of byLayer.values()) expect(r.requested.cpuCores).toBeGreaterThan(0);
    expect([...fullStackLayerResources({ database: 'none', messaging: 'none' }).keys()]).toEqual(['app']);
  });

  it('multiplies by replicas and instances, and drops a limit some container leaves unset', () => {
    const objs = [
      {
        kind: 'Deployment',
        metadata: { name: 'api', labels: { c: 'api' } },
        spec: {
          replicas: 2,
          template: { spec: { containers: [{ resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } } }, { resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '64Mi' } } }] } },
        },
      },
      { kind: 'Cluster', apiVersion: 'postgresql.cnpg.io/v1', metadata: { name: 'db', labels: { c: 'db' } }, spec: { instances: 3, resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '500m', memory: '1Gi' } } } },
      { kind: 'Service', metadata: { name: 'api', labels: { c: 'api' } }, spec: {} },
      { kind: 'Deployment', metadata: { name: 'other' }, spec: { template: { spec: { containers: [{ resources: { requests: { cpu: '9' } } }] } } } },
    ];
    const got = componentResources(objs, (o) => (o.metadata as { labels?: Record<string, string> }).labels?.c);
    expect(got.get('api')).toEqual({ requested: { cpuCores: 0.6, memoryBytes: 320 * MI }, limits: { memoryBytes: 640 * MI } });
    expect(got.get('db')).toEqual({ requested: { cpuCores: 1.5, memoryBytes: 3 * GIB }, limits: { cpuCores: 1.5, memoryBytes: 3 * GIB } });
    expect(got.size).toBe(2);
    expect(() => componentResources([{ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ resources: { requests: { cpu: 'lots' } } }] } }], () => 'p')).toThrow(
      /Pod p spec\.containers\[0\]\.cpu: "lots" is not a CPU quantity/,
    );
  });
});

describe('recommendations', () => {
  it('rounds up to Kubernetes-friendly steps', () => {
    expect(roundCpuUp(0.0521)).toBe(0.06);
    expect(roundCpuUp(0.05)).toBe(0.05);
    expect(roundCpuUp(1.1089)).toBe(1.15);
    expect(roundMemoryUp(39316684.8)).toBe(48 * MI);
    expect(roundMemoryUp(1.01 * GIB)).toBe(GIB + 64 * MI);
  });

  it('right-sizes a real full-stack run against its composition’s requests (no p95 recorded: avg CPU, peak memory)', () => {
    const run = fixture('local/cache');
    const resources = withManifestRequests(run.resources, fullStackLayerResources({ database: 'postgres', messaging: 'nats', cache: 'redis' }), componentLayer);
    const rows = rightSizeResult({ resources });
    expect(rows.map((r) => r.component)).toEqual(['server', 'postgres', 'nats', 'redis']);
    const server = rows[0];
    // server: 0.452 cores avg × 1.3 = 0.5876 → 590m; peak 33988608 B × 1.2 = 38.9 MiB → 48Mi
    expect(server.basis).toBe('avg-cpu/peak-memory');
    expect(server.source).toBe('procfs');
    expect(server.recommended).toEqual({ cpuCores: 0.59, memoryBytes: 48 * MI });
    expect(server.monthlySaving).toBeCloseTo(monthly(0.5, 256 * MI) - monthly(0.59, 48 * MI), 9);
    expect(server.cpuIdleShare).toBeCloseTo(1 - 0.452 / 0.5, 9);
    expect(server.memoryIdleShare).toBeCloseTo(1 - 30762780 / (256 * MI), 9);
    expect(server.idleShare).toBeCloseTo(1 - monthly(0.452, 30762780) / monthly(0.5, 256 * MI), 9);
    // postgres used more CPU than its request: the recommendation costs more and the CPU idle share is negative
    const pg = rows[1];
    expect(pg.recommended.cpuCores).toBe(roundCpuUp(0.767 * 1.3));
    expect(pg.cpuIdleShare).toBeLessThan(0);
    expect(pg.monthlySaving).toBeLessThan(0);
    // a run without requests recorded gives no recommendation
    expect(rightSizeResult(run)).toEqual([]);
  });

  it('uses the sampled p95 when recorded, floors tiny usage, and names a bad option', () => {
    const run = fixture('local/cache');
    const redis = { ...run.resources.find((r) => r.component === 'redis')!, requested: { cpuCores: 0.25, memoryBytes: 256 * MI }, cpuCoresP95: 0.004, memoryP95Bytes: 7.5 * MI };
    const r = rightSizeUsage(redis)!;
    expect(r.basis).toBe('p95');
    expect(r.observed).toEqual({ cpuCores: 0.004, memoryBytes: 7.5 * MI });
    expect(r.recommended).toEqual({ cpuCores: 0.01, memoryBytes: 32 * MI });
    const more = rightSizeUsage(redis, { cpuHeadroom: 1, minCpuCores: 0.1 })!;
    expect(more.recommended.cpuCores).toBe(0.1);
    expect(() => rightSizeUsage(redis, { memoryHeadroom: -0.2 })).toThrow(/rightSizing\.memoryHeadroom: -0\.2 is not allowed; it must be a number from 0 to 10/);
    expect(() => rightSizeUsage(redis, { pricing: 'nope' })).toThrow(PricingError);
  });

  it('takes the most demanding of several runs', () => {
    const a = { ...fixture('local/cache').resources[0], cpuCoresP95: 0.7, memoryP95Bytes: 40 * MI };
    const b = { ...fixture('local-indexed-queries').resources[0], cpuCoresP95: 0.9, memoryP95Bytes: 35 * MI };
    const m = mostDemandingUsage([a, b]);
    expect([m.cpuCoresP95, m.memoryP95Bytes]).toEqual([0.9, 40 * MI]);
    expect(m.cpuCoresAvg).toBeCloseTo((0.452 + 0.582) / 2, 9);
    expect(mostDemandingUsage([a, { ...b, cpuCoresP95: undefined }]).cpuCoresP95).toBeUndefined();
  });
});
