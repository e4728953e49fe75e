/**
 * k6's memory from the profile's request count, and the note when k6 runs near its limits.
 * k6 v1.3.0 keeps every Trend sample (metrics/sink.go: `TrendSink.values []float64`), ~10
 * trend values per HTTP request (seven `http_req_*` timings from lib/netext/httpext/tracer.go,
 * the `expected_response:true` and per-endpoint submetrics, `iteration_duration`), so a pod's
 * memory grows with the requests it sends: with the former fixed 1 GiB limit a soak at 2k req/s
 * was OOM-killed before it wrote its summary.
 */
import { App, Chart } from 'cdk8s';
import { K6Run, K6RunProps } from '../constructs/k6-run';
import { LoadProfile, LoadProfileSchema } from '../src/load/profile';
import { K6_BYTES_PER_REQUEST, K6_BASE_MEMORY_BYTES, K6_BYTES_PER_VU, expectedRequests, k6MemoryNeedBytes, vusPerPod } from '../src/load/k6-memory';
import { loadHeadroomNotes } from '../src/cluster/load-headroom';
import { memoryBytes } from '../src/config/quantities';
import { parseExperimentConfig } from '../src/config/spec';
import { readRunResults } from '../src/cluster/results-reader';
import { FakeCluster, FakeClock, runRequest, runnerLog } from './fixtures/cluster/fake-cluster';

type Obj = Record<string, any>;
const GiB = 1024 ** 3;
/** An open-model soak: 2000 req/s for two hours (14.4 M requests). */
const soak: LoadProfile = LoadProfileSchema.parse({ name: 'soak-2k', model: 'open', startTarget: 2000, stages: [{ durationSeconds: 7200, target: 2000 }], maxVUs: 400 });
const profileOf = (p: LoadProfile) => ({ ...p, requestMix: [{ name: 'get', method: 'GET' as const, path: '/', weight: 1, expectStatus: 200 }] });

function k6(props: Partial<K6RunProps>): { run: K6Run; objs: Obj[] } {
  const chart = new Chart(new App(), 'c', { namespace: 'ns' });
  const run = new K6Run(chart, 'load', { identity: { experiment: 'runtime', variant: 'go', run: 'runtime-go-1a2b3c4d' }, profile: profileOf(soak), baseUrl: 'http://app.ns.svc:8080', sutSelector: { app: 'x' }, ...props });
  return { run, objs: chart.toJson() };
}
const k6Limits = (objs: Obj[]): Obj => {
  const job = objs.find((o) => o.kind === 'Job');
  return job ? job.spec.template.spec.containers[0].resources.limits : objs.find((o) => o.kind === 'TestRun')!.spec.runner.resources.limits;
};

describe('the requests a profile sends', () => {
  it('integrates an open model\'s arrival rate over its ramps', () => {
    const ramp = LoadProfileSchema.parse({ name: 'r', model: 'open', stages: [{ durationSeconds: 100, target: 100 }, { durationSeconds: 100, target: 100 }] });
    expect(expectedRequests(ramp, { parallelism: 1, cpuCores: 1 })).toBe(5000 + 10000);
    expect(expectedRequests(soak, { parallelism: 1, cpuCores: 1 })).toBe(14_400_000);
  });

  it('bounds a closed model by think time, and every profile by what the pods\' CPU can send', () => {
    const closed = LoadProfileSchema.parse({ name: 'c', stages: [{ durationSeconds: 1, target: 10 }, { durationSeconds: 100, target: 10 }], startTarget: 10, thinkTime: { minMs: 499, maxMs: 499 } });
    expect(expectedRequests(closed, { parallelism: 1, cpuCores: 1 })).toBe(10 * 101 * 2);
    const noThink = LoadProfileSchema.parse({ name: 'c', startTarget: 50, stages: [{ durationSeconds: 100, target: 50 }] });
    expect(expectedRequests(noThink, { parallelism: 2, cpuCores: 0.5 })).toBe(2 * 0.5 * 5000 * 100);
  });
});

describe('k6 pod memory', () => {
  it('grows past 1 GiB for a long fast run, enough for its samples', () => {
    const limit = memoryBytes(k6Limits(k6({}).objs).memory);
    const need = K6_BASE_MEMORY_BYTES + 400 * K6_BYTES_PER_VU + 14_400_000 * K6_BYTES_PER_REQUEST;
    expect(limit).toBeGreaterThanOrEqual(need);
    expect(limit).toBeGreaterThan(2 * GiB);
    expect(limit).toBeLessThan(need + 64 * 1024 ** 2);
  });

  it('is shared out over a TestRun\'s runners', () => {
    const limit = memoryBytes(k6Limits(k6({ mode: 'testrun', parallelism: 4 }).objs).memory);
    expect(limit).toBeGreaterThanOrEqual(k6MemoryNeedBytes(soak, { parallelism: 4, cpuCores: 1 }));
    expect(limit).toBeLessThan(memoryBytes(k6Limits(k6({}).objs).memory) / 2);
  });

  it('stays at the documented 1Gi for a short run', () => {
    const spec = parseExperimentConfig({ experiment: 'runtime', variant: 'go', target: 'k3s', load: 'baseline', timeScale: 0.5 });
    expect(k6Limits(k6({ profile: spec.profile }).objs).memory).toBe('1Gi');
  });

  it('refuses a memory limit below what the profile needs, naming the key, the value and the need', () => {
    expect(() => k6({ resources: { limits: { memory: '1Gi' } } })).toThrow(/K6Run "load": resources\.limits\.memory: "1Gi" is not allowed; expected at least \d+Mi: k6 keeps every trend sample and a runtime per VU, and profile "soak-2k" sends up to 14400000 requests with up to 400 VUs per pod over 1 pod\(s\)/);
  });

  it('holds a runtime per VU: a short open run at a high rate needs more than its samples', () => {
    // 2000 req/s for 60 s with a 2 s p99 threshold: Little's law pre-allocates 1.1 × 2000 × 2 = 4400
    // VUs, ~12.9 GiB of runtimes on one pod; the samples (120 000 requests) are only ~18 MiB.
    const burst = LoadProfileSchema.parse({ name: 'burst', model: 'open', startTarget: 2000, stages: [{ durationSeconds: 60, target: 2000 }], thresholds: { p99Ms: 2000 } });
    expect(vusPerPod(burst, 1)).toBe(4400);
    expect(vusPerPod(burst, 4)).toBe(1100);
    expect(k6MemoryNeedBytes(burst, { parallelism: 1, cpuCores: 1 })).toBe(K6_BASE_MEMORY_BYTES + 4400 * K6_BYTES_PER_VU + 120_000 * K6_BYTES_PER_REQUEST);
    const one = memoryBytes(k6Limits(k6({ profile: profileOf(burst) }).objs).memory);
    const four = memoryBytes(k6Limits(k6({ profile: profileOf(burst), mode: 'testrun', parallelism: 4 }).objs).memory);
    expect(one).toBeGreaterThanOrEqual(4400 * K6_BYTES_PER_VU);
    expect(four).toBeLessThan(one / 3);
    // A closed model holds its peak target (50 VUs, steady pattern), shared over the pods.
    const closed = LoadProfileSchema.parse({ name: 'c', startTarget: 50, stages: [{ durationSeconds: 10, target: 50 }] });
    expect(vusPerPod(closed, 2)).toBe(25);
  });

  it('tells the results reader each pod\'s limits', () => {
    const { run } = k6({ mode: 'testrun', parallelism: 2, resources: { limits: { cpu: '2' } } });
    expect(run.runnerRef).toMatchObject({ kind: 'TestRun', parallelism: 2, limits: { cpuCores: 2, memoryBytes: memoryBytes(k6Limits(k6({ mode: 'testrun', parallelism: 2, resources: { limits: { cpu: '2' } } }).objs).memory) } });
  });
});

describe('k6 near its limits', () => {
  const limits = { cpuCores: 1, memoryBytes: GiB };
  it('notes a runner whose mean CPU reached 80% of its limit (usage summed over the pods)', () => {
    const notes = loadHeadroomNotes({ cpuCoresAvg: 1.7, memoryPeakBytes: 0.4 * GiB }, 2, limits);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^load generator near its CPU limit: k6 used 0\.85 of 1 core\(s\) per pod on average/);
  });
  it('notes a runner whose memory peaked near its limit', () => {
    expect(loadHeadroomNotes({ cpuCoresAvg: 0.2, memoryPeakBytes: 0.9 * GiB }, 1, limits)).toEqual([expect.stringMatching(/^load generator near its memory limit: k6 peaked at 0\.90 GiB of 1\.00 GiB per pod/)]);
  });
  it('says nothing with headroom, or when usage or limits are unknown', () => {
    expect(loadHeadroomNotes({ cpuCoresAvg: 0.5, memoryPeakBytes: 0.3 * GiB }, 1, limits)).toEqual([]);
    expect(loadHeadroomNotes(undefined, 1, limits)).toEqual([]);
    expect(loadHeadroomNotes({ cpuCoresAvg: 5, memoryPeakBytes: 5 * GiB }, 1, undefined)).toEqual([]);
  });
});

describe('the results reader notes a k6 that ran at its CPU limit', () => {
  const at = (t: string, cpuCores: number) => ({ pod: 'k6-pod', timestamp: t, windowSeconds: 15, cpuCores, memoryBytes: 200e6 });
  const script = (cpu: number) => ({
    statuses: [{ state: 'running' as const, startTime: '2026-11-25T12:00:00.000Z' }, { state: 'running' as const, startTime: '2026-11-25T12:00:00.000Z' }, { state: 'succeeded' as const, startTime: '2026-11-25T12:00:00.000Z', completionTime: '2026-11-25T12:03:12.000Z' }],
    runners: [{ name: 'k6-runtime-go-1a2b3c4d-x7k2p', nodeName: 'lab-2', phase: 'Succeeded', exitCode: 0, log: runnerLog('k6-summary-pass.json') }],
    sutMetrics: [[{ pod: 'api-1', timestamp: '2026-11-25T12:00:15Z', windowSeconds: 15, cpuCores: 0.3, memoryBytes: 20e6 }]],
    loadMetrics: [at('2026-11-25T12:00:15Z', cpu)],
  });
  const limits = { cpuCores: 1, memoryBytes: GiB };

  it('when the runner\'s mean CPU reached 80% of its limit', async () => {
    const base = runRequest();
    const { runResult } = await readRunResults(new FakeCluster(script(0.95)), { ...base, runner: { ...base.runner, limits } }, new FakeClock());
    expect(runResult.notes).toContainEqual(expect.stringMatching(/^load generator near its CPU limit: k6 used 0\.95 of 1 core\(s\)/));
  });

  it('not with headroom', async () => {
    const base = runRequest();
    const { runResult } = await readRunResults(new FakeCluster(script(0.3)), { ...base, runner: { ...base.runner, limits } }, new FakeClock());
    expect(runResult.notes.join('\n')).not.toMatch(/load generator near/);
  });
});
