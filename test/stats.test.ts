import { seededRandom } from '../src/stats/prng';
import { exactUDistribution, mannWhitneyU, minimumTwoSidedP } from '../src/stats/mann-whitney';
import { bootstrapMedian, bootstrapRelativeChange } from '../src/stats/bootstrap';
import { twoSidedNormalP, zForConfidence } from '../src/stats/normal';
import { compareGroups } from '../src/stats/compare';
import { groupResults, groupIdOf } from '../src/stats/groups';
import { summarizeGroup } from '../src/stats/summary';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { registerCompare } from '../src/cli/commands/compare';
import { writeRunResult } from '../src/results/store';
import { deltaTable, groupSummaryTable } from '../src/results/summary-table';
import { runCommands } from './fixtures/results/cli-harness';
import { fakeRepeats, fakeRun } from './fixtures/results/factory';

/** Brute-force two-sided permutation p-value of U over every split of the pooled values. */
function permutationP(a: number[], b: number[]): number {
  const pooled = [...a, ...b];
  const m = a.length;
  const uOf = (x: number[], y: number[]): number => {
    let u = 0;
    for (const xi of x) for (const yi of y) u += xi > yi ? 1 : xi === yi ? 0.5 : 0;
    return u;
  };
  const observed = uOf(a, b);
  const mean = (m * b.length) / 2;
  let extreme = 0;
  let total = 0;
  const pick = (start: number, chosen: number[]): void => {
    if (chosen.length === m) {
      const set = new Set(chosen);
      const x = chosen.map((i) => pooled[i]);
      const y = pooled.filter((_, i) => !set.has(i));
      total++;
      if (Math.abs(uOf(x, y) - mean) >= Math.abs(observed - mean) - 1e-9) extreme++;
      return;
    }
    for (let i = start; i < pooled.length; i++) pick(i + 1, [...chosen, i]);
  };
  pick(0, []);
  return extreme / total;
}

describe('seeded PRNG', () => {
  it('is reproducible and uniform', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 20000 }, () => a());
    expect(Array.from({ length: 20000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 2);
    expect(seededRandom(43)()).not.toEqual(seededRandom(42)());
  });
});

describe('normal helpers', () => {
  it('gives the usual critical values and p-values', () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.96, 2);
    expect(twoSidedNormalP(1.96)).toBeCloseTo(0.05, 3);
    expect(twoSidedNormalP(0)).toBeCloseTo(1, 6);
    expect(() => zForConfidence(1)).toThrow(/between 0 and 1/);
  });
});

describe('Mann–Whitney U', () => {
  it('has the exact null distribution of U', () => {
    const d = exactUDistribution(3, 3);
    expect(d.length).toBe(10);
    expect(d.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(d[0]).toBeCloseTo(1 / 20, 12);
    expect(d[9]).toBeCloseTo(1 / 20, 12);
    expect(d[4]).toBeCloseTo(d[5], 12);
  });

  it('matches a brute-force permutation test without ties (exact method)', () => {
    const r = seededRandom(7);
    for (let t = 0; t < 5; t++) {
      const a = Array.from({ length: 4 }, () => r());
      const b = Array.from({ length: 5 }, () => r() + 0.2);
      const res = mannWhitneyU(a, b);
      expect(res.method).toBe('exact');
      expect(res.p).toBeCloseTo(permutationP(a, b), 10);
    }
  });

  it('gives p = 0.1 for 3 runs fully separated from 3 runs, the smallest possible', () => {
    const res = mannWhitneyU([10, 11, 12], [1, 2, 3]);
    expect(res.u).toBe(9);
    expect(res.p).toBeCloseTo(0.1, 12);
    expect(minimumTwoSidedP(3, 3)).toBeCloseTo(0.1, 12);
    expect(minimumTwoSidedP(4, 4)).toBeCloseTo(2 / 70, 12);
  });

  it('approximates the permutation p-value with ties (normal method, tie correction)', () => {
    const a = [1, 1, 2, 2, 2, 3, 4, 4];
    const b = [2, 3, 3, 4, 4, 5, 5, 5, 6];
    const res = mannWhitneyU(a, b);
    expect(res.method).toBe('normal');
    const exact = permutationP(a, b);
    expect(exact).toBeLessThan(0.05);
    expect(Math.abs(res.p - exact)).toBeLessThan(0.02);
  });

  it('returns p = 1 when every value is tied', () => {
    expect(mannWhitneyU([0, 0, 0], [0, 0, 0]).p).toBe(1);
  });
});

describe('bootstrap', () => {
  it('gives a reproducible CI of the median with the expected width', () => {
    const r = seededRandom(3);
    // Normal(10, 1) by Box–Muller.
    const xs = Array.from({ length: 400 }, () => 10 + Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()));
    const a = bootstrapMedian(xs, { seed: 9 });
    expect(bootstrapMedian(xs, { seed: 9 })).toEqual(a);
    expect(a.low).toBeLessThan(a.estimate);
    expect(a.high).toBeGreaterThan(a.estimate);
    // Asymptotic width of the median's 95% CI: 2·1.96·1.2533·σ/√n ≈ 0.246 for σ = 1, n = 400.
    expect(a.high - a.low).toBeGreaterThan(0.15);
    expect(a.high - a.low).toBeLessThan(0.35);
  });

  it('returns a point interval for one value and throws on none', () => {
    expect(bootstrapMedian([4])).toEqual({ estimate: 4, low: 4, high: 4 });
    expect(() => bootstrapMedian([])).toThrow(/no values/);
  });

  it('puts the relative change CI above zero only for a real shift', () => {
    const base = [10.0, 10.2, 9.9];
    const worse = bootstrapRelativeChange(base, [11.0, 11.1, 11.3]);
    expect(worse?.estimate).toBeCloseTo(0.11, 9); // 11.1 / 10.0 − 1
    expect(worse!.low).toBeGreaterThan(0);
    const same = bootstrapRelativeChange(base, [10.1, 9.95, 10.15]);
    expect(same!.low).toBeLessThan(0);
    expect(same!.high).toBeGreaterThan(0);
    expect(bootstrapRelativeChange([0, 0], [1, 2])).toBeUndefined();
  });
});

describe('groups', () => {
  it('groups by experiment, variant, label and profile', () => {
    const rs = [
      fakeRun({ variant: 'go', seed: 1 }),
      fakeRun({ variant: 'rust', seed: 2 }),
      fakeRun({ variant: 'go', seed: 3 }),
      fakeRun({ variant: 'go', label: 'pr-12', seed: 4 }),
      fakeRun({ variant: 'go', seed: 5, profile: { name: 'stress' } }),
    ];
    const groups = groupResults(rs);
    expect(groups.map((g) => [g.id, g.results.length])).toEqual([
      ['runtime/go/smoke', 2],
      ['runtime/rust/smoke', 1],
      ['runtime/go[pr-12]/smoke', 1],
      ['runtime/go/stress', 1],
    ]);
    expect(groupIdOf({ experiment: 'e', variant: 'v', profile: 'p' })).toBe('e/v/p');
  });
});

describe('compareGroups', () => {
  it('finds no significant change between repeats of the same configuration (A/A)', () => {
    const base = fakeRepeats(3, { seed: 200 });
    const cur = fakeRepeats(3, { seed: 300 });
    const cmp = compareGroups(base, cur);
    const p95 = cmp.find((c) => c.metric.id === 'p95')!;
    expect(p95.method).toBe('repeats');
    expect(p95.significant).toBe(false);
    expect(Math.abs(p95.change!)).toBeLessThan(0.05);
    expect(p95.test).toMatch(/Mann–Whitney U \(exact\)/);
  });

  it('finds a 20% slower configuration significantly worse from 3 runs a side', () => {
    const base = fakeRepeats(3, { seed: 200, baseMs: 5, tailMs: 1 });
    const cur = fakeRepeats(3, { seed: 300, baseMs: 6, tailMs: 1.2 });
    const p95 = compareGroups(base, cur).find((c) => c.metric.id === 'p95')!;
    expect(p95.significant).toBe(true);
    expect(p95.change!).toBeGreaterThan(0.15);
    expect(p95.change!).toBeLessThan(0.25);
    expect(p95.changeCi![0]).toBeGreaterThan(0);
    expect(p95.pValue).toBeCloseTo(0.1, 6);
    expect(p95.current.estimate).toBeGreaterThan(p95.noiseBand![1]);
  });

  it('has no noise estimate when a side has one run: the requests inside a run are not independent', () => {
    const slower = compareGroups([fakeRun({ seed: 1, samples: 20000 })], [fakeRun({ seed: 2, samples: 20000, baseMs: 5.5, tailMs: 1.1 })]);
    for (const c of slower) {
      expect(c.method).toBe('none');
      expect(c.significant).toBeUndefined();
    }
    expect(slower.find((c) => c.metric.id === 'p95')!.change!).toBeCloseTo(0.1, 1);
    const oneVsThree = compareGroups(fakeRepeats(3, { seed: 7 }), [fakeRun({ seed: 2 })]);
    expect(oneVsThree.find((c) => c.metric.id === 'p95')!.method).toBe('none');
  });

  it('summarizes a group with medians, CIs and the spread between runs', () => {
    const s = summarizeGroup(fakeRepeats(5, { seed: 10, memoryPeakBytes: 50 * 1024 * 1024, cpuCoresAvg: 0.5 }));
    const p95 = s.find((f) => f.metric.id === 'p95')!;
    expect(p95.runs).toBe(5);
    expect(p95.low).toBeLessThanOrEqual(p95.estimate);
    expect(p95.cv!).toBeGreaterThan(0);
    expect(p95.cv!).toBeLessThan(0.1);
    expect(s.find((f) => f.metric.id === 'memory')!.estimate).toBe(50 * 1024 * 1024);
  });
});

describe('compare tables (perflab compare)', () => {
  const go = fakeRepeats(3, { seed: 400, memoryPeakBytes: 80e6, cpuCoresAvg: 0.6, cost: { totalCost: 0.02 } });
  const rust = fakeRepeats(3, { seed: 500, variant: 'rust', baseMs: 4, tailMs: 0.8, memoryPeakBytes: 20e6, cpuCoresAvg: 0.4 });

  it('shows each configuration’s medians with CIs and cost per 1M', () => {
    const t = groupSummaryTable(groupResults([...go, ...rust]));
    const lines = t.split('\n');
    expect(lines[0]).toMatch(/^variant\s+profile\s+runs\s+rps \[95% CI\]\s+p50\s+p95\s+p99\s+errors\s+peak memory\s+cpu\s+cost\/1M$/);
    expect(lines[2]).toMatch(/^go\s+smoke\s+3\s+500 \/s \[500–500\]\s+[\d.]+ ms \[[\d.]+–[\d.]+\]/);
    expect(lines[2]).toMatch(/4\.00 USD$/);
    expect(lines[3]).toMatch(/^rust .* -$/);
  });

  it('shows each configuration’s changes against the reference with CI and p-value', () => {
    const groups = groupResults([...go, ...rust]);
    const t = deltaTable(groups[0], groups);
    expect(t.split('\n')[0]).toMatch(/^variant\s+metric\s+go\s+value\s+change\s+change CI\s+p\s+beyond noise$/);
    expect(t).toMatch(/rust\s+latency p95\s+[\d.]+ ms\s+[\d.]+ ms\s+-\d+\.\d%\s+-[\d.]+%…-[\d.]+%\s+0\.100\s+yes/);
    expect(t).toMatch(/rust\s+throughput .*\s+no$/m);
  });

  it('prints the per-run table first, then the statistics, and rejects an unknown reference', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-compare-'));
    for (const r of [...go, ...rust]) writeRunResult(dir, r);
    const r = await runCommands([registerCompare], ['compare', dir, '--baseline', 'rust']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^variant\s+profile\s+rps\s+p50 ms\s+p95 ms\s+p99 ms/);
    expect(r.stdout).toContain('Medians over repeats (95% bootstrap CI):');
    expect(r.stdout).toMatch(/Against rust[^\n]*\n[^\n]*\n-+[^\n]*\ngo\s+latency p50/);
    const bad = await runCommands([registerCompare], ['compare', dir, '--baseline', 'java']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--baseline "java" is none of go, rust/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
