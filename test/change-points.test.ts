/**
 * E-divisive means (Matteson & James, JASA 2014) with a permutation test, which Hunter / Otava
 * build on for performance histories (Fleming et al., ICPE 2023): a known step is found within
 * one run of where it is; pure noise gives no change point except at the significance level.
 */
import { ChangePointOptionError, detectChangePoints } from '../src/stats/change-points';
import { seededRandom } from '../src/stats/prng';
import { robustBand } from '../src/stats/robust-band';
import { costAnomalies } from '../src/history/cost-anomalies';

/** Standard normal draws (Box–Muller) from a seeded generator. */
function normals(n: number, seed: number): number[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()));
}

/** A p95-like series: `level` ms with 4% noise, `level · (1 + step)` from run `at` on. */
function stepSeries(n: number, at: number, step: number, seed: number, level = 10): number[] {
  return normals(n, seed).map((z, i) => (i < at ? level : level * (1 + step)) * (1 + 0.04 * z));
}

describe('detectChangePoints', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('finds a +25%% step at run 12 of 24 within one run (seed %i)', (seed) => {
    const cps = detectChangePoints(stepSeries(24, 12, 0.25, seed), { seed });
    expect(cps).toHaveLength(1);
    expect(Math.abs(cps[0].index - 12)).toBeLessThanOrEqual(1);
    expect(cps[0].relativeChange!).toBeGreaterThan(0.15);
    expect(cps[0].pValue).toBeLessThanOrEqual(0.01);
  });

  it('finds a step down near the start and one near the end (minimum segment 3)', () => {
    expect(detectChangePoints(stepSeries(20, 4, -0.3, 11)).map((c) => c.index)).toEqual([4]);
    expect(detectChangePoints(stepSeries(20, 16, 0.3, 12)).map((c) => c.index)).toEqual([16]);
  });

  it('finds two steps of a staircase in one series', () => {
    const xs = normals(36, 21).map((z, i) => (i < 12 ? 10 : i < 24 ? 13 : 16) * (1 + 0.03 * z));
    const found = detectChangePoints(xs).map((c) => c.index);
    expect(found).toHaveLength(2);
    expect(Math.abs(found[0] - 12)).toBeLessThanOrEqual(1);
    expect(Math.abs(found[1] - 24)).toBeLessThanOrEqual(1);
  });

  it.each([101, 102, 103, 104, 105, 106, 107, 108, 109, 110])('names no change point in 10 A/A runs of pure noise (seed %i)', (seed) => {
    expect(detectChangePoints(stepSeries(10, 10, 0, seed), { seed })).toEqual([]);
  });

  it('gives change points in pure noise at about the significance level, not more', () => {
    let withChange = 0;
    for (let seed = 1; seed <= 200; seed++) if (detectChangePoints(stepSeries(20, 20, 0, 5000 + seed), { seed }).length) withChange++;
    // Binomial(200, 0.01): P(X > 6) < 0.5%.
    expect(withChange).toBeLessThanOrEqual(6);
  });

  it('finds a transient bump that returns to the old level (the right part need not reach the end)', () => {
    const xs = normals(36, 22).map((z, i) => (i < 12 ? 10 : i < 24 ? 13 : 10) * (1 + 0.03 * z));
    const found = detectChangePoints(xs);
    expect(found).toHaveLength(2);
    expect(Math.abs(found[0].index - 12)).toBeLessThanOrEqual(1);
    expect(Math.abs(found[1].index - 24)).toBeLessThanOrEqual(1);
    expect(found[0].relativeChange!).toBeGreaterThan(0.2);
    expect(found[1].relativeChange!).toBeLessThan(-0.15);
  });

  it('does not call a step that is small against the noise significant in 10 runs', () => {
    expect(detectChangePoints(stepSeries(10, 5, 0.01, 7))).toEqual([]);
  });

  it('returns none for series too short to split and for a constant series', () => {
    expect(detectChangePoints([1, 2, 3, 4, 5])).toEqual([]);
    expect(detectChangePoints(Array(12).fill(3))).toEqual([]);
  });

  it('is reproducible for a seed', () => {
    const xs = stepSeries(30, 15, 0.1, 3);
    expect(detectChangePoints(xs, { seed: 9 })).toEqual(detectChangePoints(xs, { seed: 9 }));
  });

  it('rejects bad options naming them', () => {
    expect(() => detectChangePoints([1, 2], { significance: 1.5 })).toThrow(/significance 1.5: expected a level between 0 and 1/);
    expect(() => detectChangePoints([1, 2], { permutations: 50, significance: 0.01 })).toThrow(/smallest p-value, 1\/51, is above significance 0.01; use at least 100 permutations/);
    expect(() => detectChangePoints([1, 2], { minSegment: 1 })).toThrow(ChangePointOptionError);
    expect(() => detectChangePoints([1, NaN, 2])).toThrow(/not a finite number/);
  });
});

describe('cost band', () => {
  it('is median ± k · 1.4826 · MAD, at least ±1% of the median', () => {
    const b = robustBand([10, 11, 9, 10, 30], { k: 3 });
    expect(b.median).toBe(10);
    expect(b.mad).toBe(1);
    expect(b.low).toBeCloseTo(10 - 3 * 1.4826, 6);
    expect(b.high).toBeCloseTo(10 + 3 * 1.4826, 6);
    expect(robustBand([5, 5, 5])).toMatchObject({ low: 4.95, high: 5.05 });
  });

  it('flags the run whose cost per 1M leaves the band of the runs before it, a spike not widening the band for the next', () => {
    const costs = normals(20, 4).map((z) => 0.0002 * (1 + 0.02 * z));
    costs[10] = 0.0003;
    costs[11] = 0.00031;
    const flagged = costAnomalies(costs);
    expect(flagged.map((a) => [a.index, a.direction])).toEqual([
      [10, 'above'],
      [11, 'above'],
    ]);
    expect(flagged[0].historyRuns).toBe(10);
    expect(flagged[0].band.high).toBeLessThan(0.00024);
    expect(flagged[1].band.high).toBeLessThan(0.00024); // the spike at run 10 is in its window
  });

  it('raises false alarms on pure noise in under 2% of runs with the defaults (window 10, k = 5)', () => {
    let flags = 0;
    let runs = 0;
    for (let seed = 1; seed <= 300; seed++) {
      flags += costAnomalies(normals(40, seed).map((z) => 1 + 0.02 * z)).length;
      runs += 40 - 5;
    }
    expect(flags / runs).toBeLessThan(0.02);
    // k = 3 on a 10-run window is far noisier: the MAD of 10 runs is a rough estimate.
    let loose = 0;
    for (let seed = 1; seed <= 300; seed++) loose += costAnomalies(normals(40, seed).map((z) => 1 + 0.02 * z), { k: 3 }).length;
    expect(loose / runs).toBeGreaterThan(0.04);
  });

  it('flags nothing before 5 runs of history', () => {
    expect(costAnomalies([1, 1, 1, 1, 9])).toEqual([]);
    expect(costAnomalies([1, 1, 1, 1, 1, 9]).map((a) => a.index)).toEqual([5]);
  });
});
