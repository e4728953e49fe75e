import { MergeError, detectMergeMode, mergeRunResults } from '../src/results/merge';
import { decodeHistogram, newLatencyHistogram } from '../src/results/histogram';
import { RunResultSchema } from '../src/results/run-result';
import { fakeRun } from './fixtures/results/factory';

const T0 = '2025-03-01T10:00:00.000Z';
const at = (offsetSeconds: number): string => new Date(Date.parse(T0) + offsetSeconds * 1000).toISOString();

describe('mergeRunResults', () => {
  const runners = [1, 2, 3, 4].map((i) =>
    fakeRun({
      seed: 40 + i,
      samples: 4000 + i * 500,
      baseMs: 4 + i,
      tailMs: i,
      startedAt: at(i * 0.2),
      durationSeconds: 10,
      errors: i,
      endpoints: ['home', 'search'],
      memoryPeakBytes: 100 * 2 ** 20,
      cpuCoresAvg: 0.25,
      profile: { thresholds: { p95Ms: 9, minRps: 1500 } },
      cost: { totalCost: 0.5 },
    }),
  );

  it('adds the HDR histograms of concurrent runners and recomputes percentiles from them', () => {
    const merged = mergeRunResults(runners);
    expect(merged.notes[0]).toMatch(/^merged 4 results \(mode: concurrent\)/);
    const all = newLatencyHistogram();
    for (const r of runners) all.add(decodeHistogram(r.latency.histogram!.data));
    expect(merged.latency.count).toBe(4000 * 4 + 500 * 10);
    expect(merged.latency.p95).toBe(Math.round(all.getValueAtPercentile(95)) / 1000);
    expect(merged.latency.p99).toBe(Math.round(all.getValueAtPercentile(99)) / 1000);
    // Merged p95 lies between the fastest and slowest runner's p95, and is not their mean.
    const p95s = runners.map((r) => r.latency.p95);
    expect(merged.latency.p95).toBeGreaterThan(Math.min(...p95s));
    expect(merged.latency.p95).toBeLessThan(Math.max(...p95s));
    expect(decodeHistogram(merged.latency.histogram!.data).totalCount).toBe(merged.latency.count);
    expect(() => RunResultSchema.parse(merged)).not.toThrow();
  });

  it('sums counts, bytes, errors by kind and concurrent rates over the union window', () => {
    const merged = mergeRunResults(runners);
    expect(merged.throughput.totalRequests).toBe(runners.reduce((s, r) => s + r.throughput.totalRequests!, 0));
    expect(merged.throughput.totalBytes).toBe(runners.reduce((s, r) => s + r.throughput.totalBytes!, 0));
    expect(merged.throughput.requestsPerSecond).toBeCloseTo(runners.reduce((s, r) => s + r.throughput.requestsPerSecond!, 0), 1);
    expect(merged.errors.byKind).toEqual({ http_5xx: 10 });
    expect(merged.errors.total).toBe(10);
    expect(merged.errors.rate).toBeCloseTo(10 / merged.throughput.totalRequests!, 12);
    expect(merged.startedAt).toBe(at(0.2));
    expect(merged.finishedAt).toBe(at(10.8));
    expect(merged.durationSeconds).toBeCloseTo(10.6, 6);
    expect(merged.endpoints.map((e) => [e.name, e.requests])).toEqual([
      ['home', runners.reduce((s, r) => s + r.endpoints[0].requests, 0)],
      ['search', runners.reduce((s, r) => s + r.endpoints[1].requests, 0)],
    ]);
    expect(merged.endpoints[0].latency.count).toBe(merged.endpoints[0].requests);
    // Concurrent components are summed.
    expect(merged.resources).toEqual([expect.objectContaining({ component: 'server', cpuCoresAvg: 1, memoryPeakBytes: 400 * 2 ** 20 })]);
    expect(merged.cost?.totalCost).toBeCloseTo(2, 9);
    expect(merged.cost?.costPerMillion).toBeCloseTo((2 / merged.throughput.totalRequests!) * 1e6, 6);
  });

  it('re-evaluates thresholds on the merged figures', () => {
    // Each runner alone is below minRps 1500; together they exceed it.
    for (const r of runners) expect(r.throughput.requestsPerSecond!).toBeLessThan(1500);
    const merged = mergeRunResults(runners);
    const rps = merged.thresholds.find((t) => t.metric === 'throughput.rps')!;
    expect(rps.passed).toBe(true);
    const p95 = merged.thresholds.find((t) => t.metric === 'latency.p95')!;
    expect(p95.observed).toBe(merged.latency.p95);
    expect(p95.passed).toBe(merged.latency.p95 < 9);
    expect(merged.thresholdsPassed).toBe(merged.thresholds.every((t) => t.passed));
  });

  it('weights rates by duration for sequential runs and keeps the highest peak memory', () => {
    const a = fakeRun({ seed: 1, samples: 1000, durationSeconds: 10, startedAt: at(0), memoryPeakBytes: 100, cpuCoresAvg: 1 });
    const b = fakeRun({ seed: 2, samples: 3000, durationSeconds: 30, startedAt: at(60), memoryPeakBytes: 300, cpuCoresAvg: 0.5 });
    expect(detectMergeMode([a, b])).toBe('sequential');
    const m = mergeRunResults([a, b]);
    expect(m.notes[0]).toMatch(/mode: sequential/);
    expect(m.durationSeconds).toBe(40);
    expect(m.throughput.requestsPerSecond).toBeCloseTo(4000 / 40, 6);
    expect(m.resources[0].memoryPeakBytes).toBe(300);
    expect(m.resources[0].cpuCoresAvg).toBeCloseTo((1 * 10 + 0.5 * 30) / 40, 3);
    expect(m.resources[0].cpuCoreSeconds).toBeCloseTo(10 + 15, 3);
  });

  it('refuses results of different experiments, variants or profiles', () => {
    const a = fakeRun({ seed: 1 });
    expect(() => mergeRunResults([a, fakeRun({ seed: 2, experiment: 'mesh' })])).toThrow(/different experiments: runtime, mesh/);
    expect(() => mergeRunResults([a, fakeRun({ seed: 2, variant: 'rust' })])).toThrow(/different variants: go, rust/);
    expect(() => mergeRunResults([a, fakeRun({ seed: 2, profile: { name: 'stress' } })])).toThrow(MergeError);
    expect(() => mergeRunResults([])).toThrow(/nothing to merge/);
  });

  it('refuses results without histograms', () => {
    const a = fakeRun({ seed: 1, startedAt: at(0) });
    const b = fakeRun({ seed: 2, startedAt: at(0) });
    const stripped = { ...b, latency: { ...b.latency, histogram: undefined } };
    expect(() => mergeRunResults([a, stripped])).toThrow(/has \d+ latency samples but no HDR histogram/);
  });

  it('refuses to guess the mode of partly overlapping runs', () => {
    const rs = [fakeRun({ seed: 1, startedAt: at(0) }), fakeRun({ seed: 2, startedAt: at(5) }), fakeRun({ seed: 3, startedAt: at(12) })];
    expect(() => mergeRunResults(rs)).toThrow(/partly overlap/);
    expect(mergeRunResults(rs, { mode: 'sequential' }).latency.count).toBe(15000);
  });
});
