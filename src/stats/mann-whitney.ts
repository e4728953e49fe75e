/**
 * The Mann–Whitney U test (Wilcoxon rank-sum), two-sided. Exact null distribution when there
 * are no ties and the samples are small enough; otherwise the normal approximation with tie
 * correction and continuity correction. The rank sum comes from simple-statistics.
 */
import { wilcoxonRankSum } from 'simple-statistics';
import { twoSidedNormalP } from './normal';

/** Outcome of a Mann–Whitney U test. */
export interface MannWhitneyResult {
  /** U of the first sample: the number of (a, b) pairs with a > b, ties counting ½. */
  readonly u: number;
  /** Two-sided p-value. */
  readonly p: number;
  readonly method: 'exact' | 'normal';
  /** The standardized statistic (normal method only). */
  readonly z?: number;
}

/** Largest m·n for which the exact distribution is computed. */
const EXACT_LIMIT = 2500;

/** P(U = u) for every u in 0..m·n under the null hypothesis (no ties). */
export function exactUDistribution(m: number, n: number): Float64Array {
  // p(m, n, u) = m/(m+n) · p(m−1, n, u−n) + n/(m+n) · p(m, n−1, u); rows over n for each m.
  let prev: Float64Array[] = [];
  for (let i = 0; i <= m; i++) {
    const row: Float64Array[] = [];
    for (let j = 0; j <= n; j++) {
      const d = new Float64Array(i * j + 1);
      if (i === 0 || j === 0) d[0] = 1;
      else {
        const a = prev[j];
        const b = row[j - 1];
        const wa = i / (i + j);
        const wb = j / (i + j);
        for (let u = 0; u <= i * j; u++) {
          d[u] = (u - j >= 0 && u - j < a.length ? wa * a[u - j] : 0) + (u < b.length ? wb * b[u] : 0);
        }
      }
      row.push(d);
    }
    prev = row;
  }
  return prev[n];
}

/** Smallest two-sided p-value the exact test can give for sample sizes m and n: 2 / C(m+n, m). */
export function minimumTwoSidedP(m: number, n: number): number {
  if (m === 0 || n === 0) return 1;
  let c = 1;
  for (let k = 1; k <= Math.min(m, n); k++) c = (c * (m + n - Math.min(m, n) + k)) / k;
  return Math.min(1, 2 / c);
}

function tieTerm(values: readonly number[]): { sum: number; tied: boolean } {
  const sorted = [...values].sort((x, y) => x - y);
  let sum = 0;
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) run++;
    else {
      if (run > 1) sum += run * run * run - run;
      run = 1;
    }
  }
  return { sum, tied: sum > 0 };
}

/** Two-sided Mann–Whitney U test of samples `a` and `b` (each at least one value). */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  if (a.length === 0 || b.length === 0) throw new Error('Mann–Whitney U test needs at least one value on each side');
  const m = a.length;
  const n = b.length;
  const u = wilcoxonRankSum([...a], [...b]) - (m * (m + 1)) / 2;
  const ties = tieTerm([...a, ...b]);
  if (!ties.tied && m * n <= EXACT_LIMIT) {
    const dist = exactUDistribution(m, n);
    let lower = 0;
    let upper = 0;
    for (let k = 0; k < dist.length; k++) {
      if (k <= u) lower += dist[k];
      if (k >= u) upper += dist[k];
    }
    return { u, p: Math.min(1, 2 * Math.min(lower, upper)), method: 'exact' };
  }
  const total = m + n;
  const mu = (m * n) / 2;
  const variance = ((m * n) / 12) * (total + 1 - ties.sum / (total * (total - 1)));
  if (variance <= 0) return { u, p: 1, method: 'normal', z: 0 };
  const diff = u - mu;
  const corrected = Math.sign(diff) * Math.max(0, Math.abs(diff) - 0.5);
  const z = corrected / Math.sqrt(variance);
  return { u, p: twoSidedNormalP(z), method: 'normal', z };
}
