/**
 * Change points of a series of runs by E-divisive means: Matteson & James, "A Nonparametric
 * Approach for Multiple Change Point Analysis of Multivariate Data", JASA 109(505), 2014 — the
 * method MongoDB's CI (Daly et al., ICPE 2020) and Hunter/Otava (Fleming et al., "Hunter: Using
 * Change Point Detection to Hunt for Performance Regressions", ICPE 2023) build on. Hunter tests
 * candidates with a Student t-test over sliding windows, for deterministic answers; this keeps the
 * paper's permutation test and makes it deterministic with a seed.
 *
 * Each segment is split where the energy distance between its left and right parts, weighted by
 * their sizes, is largest; the split is kept only when a permutation test says so (observations
 * shuffled within every segment, R times; p = (1 + #{permuted ≥ observed}) / (R + 1)). Splitting
 * repeats (hierarchical bisection) until the best split is not significant. As in the paper, the
 * right part [τ, κ) need not reach the segment's end, so a transient bump that returns to the old
 * level (10, then 13, then 10 again) is found as well as a step.
 */
import { RandomSource, seededRandom, DEFAULT_SEED } from './prng';

/** Options of `detectChangePoints`. */
export interface ChangePointOptions {
  /** Significance level of each split's permutation test. @default 0.01 */
  readonly significance?: number;
  /** Permutations per test. @default 199 */
  readonly permutations?: number;
  /** Fewest runs on either side of a change point. @default 3 */
  readonly minSegment?: number;
  /** Exponent α of the distance |x − y|^α, in (0, 2). @default 1 */
  readonly alpha?: number;
  /** Seed of the permutations. @default 1 */
  readonly seed?: number;
}

/** One change point: the series changes at `index` (the first run of the new segment). */
export interface ChangePoint {
  readonly index: number;
  /** Mean of the segment that ends at `index`, and of the one that starts there. */
  readonly meanBefore: number;
  readonly meanAfter: number;
  /** meanAfter / meanBefore − 1 (undefined when meanBefore is 0). */
  readonly relativeChange?: number;
  /** Permutation p-value of the split. */
  readonly pValue: number;
  /** The divergence statistic q̂ of the split. */
  readonly statistic: number;
}

/** Bad options: names the option, the value and what is allowed. */
export class ChangePointOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangePointOptionError';
  }
}

interface Split {
  readonly tau: number;
  readonly q: number;
}

/**
 * The best split of xs[idx[start..end)]: the τ (and κ) maximizing q̂(τ, κ) = (m·n/(m+n))·Ê of
 * M&J 2014 (eq. 5–6), with X = [start, τ) (m runs), Y = [τ, κ) (n runs) and
 * Ê = 2/(mn)·Σ|x−y|^α − (m choose 2)⁻¹·Σ|x−x'|^α − (n choose 2)⁻¹·Σ|y−y'|^α.
 * Running sums over prefix sums of the distance columns make it O(len²) in time and memory.
 */
function bestSplit(xs: readonly number[], idx: readonly number[], start: number, end: number, minSeg: number, alpha: number): Split | undefined {
  const len = end - start;
  if (len < 2 * minSeg) return undefined;
  const v = new Float64Array(len);
  for (let i = 0; i < len; i++) v[i] = xs[idx[start + i]];
  // Column k, row i ≤ k: P[k(k+1)/2 + i] = Σ_{i' < i} |v[i'] − v[k]|^α.
  const P = new Float64Array((len * (len + 1)) / 2);
  for (let k = 0; k < len; k++) {
    const off = (k * (k + 1)) / 2;
    let acc = 0;
    for (let i = 0; i < k; i++) {
      const d = Math.abs(v[i] - v[k]);
      acc += alpha === 1 ? d : d ** alpha;
      P[off + i + 1] = acc;
    }
  }
  /** Σ_{a ≤ i < b} |v[i] − v[k]|^α, for b ≤ k. */
  const col = (k: number, a: number, b: number): number => P[(k * (k + 1)) / 2 + b] - P[(k * (k + 1)) / 2 + a];
  let withinLeft = 0;
  let best: Split | undefined;
  for (let t = 1; t <= len - minSeg; t++) {
    withinLeft += col(t - 1, 0, t - 1);
    const m = t;
    if (m < minSeg) continue;
    let between = 0;
    let withinRight = 0;
    for (let k = t; k < len; k++) {
      between += col(k, 0, t);
      withinRight += col(k, t, k);
      const n = k + 1 - t;
      if (n < minSeg) continue;
      const e = (2 * between) / (m * n) - (2 * withinLeft) / (m * (m - 1)) - (2 * withinRight) / (n * (n - 1));
      const q = ((m * n) / (m + n)) * e;
      if (!best || q > best.q) best = { tau: start + t, q };
    }
  }
  return best;
}

function shuffleRange(idx: number[], start: number, end: number, random: RandomSource): void {
  for (let i = end - 1; i > start; i--) {
    const j = start + Math.floor(random() * (i - start + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
}

function checkOptions(o: ChangePointOptions): Required<ChangePointOptions> {
  const significance = o.significance ?? 0.01;
  const permutations = o.permutations ?? 199;
  const minSegment = o.minSegment ?? 3;
  const alpha = o.alpha ?? 1;
  if (!(significance > 0 && significance < 1)) throw new ChangePointOptionError(`significance ${significance}: expected a level between 0 and 1 (e.g. 0.01)`);
  if (!Number.isInteger(permutations) || permutations < 19) throw new ChangePointOptionError(`permutations ${permutations}: expected a whole number ≥ 19`);
  if (1 / (permutations + 1) > significance) {
    throw new ChangePointOptionError(`permutations ${permutations}: the smallest p-value, 1/${permutations + 1}, is above significance ${significance}; use at least ${Math.ceil(1 / significance)} permutations`);
  }
  if (!Number.isInteger(minSegment) || minSegment < 2) throw new ChangePointOptionError(`minSegment ${minSegment}: expected a whole number ≥ 2`);
  if (!(alpha > 0 && alpha < 2)) throw new ChangePointOptionError(`alpha ${alpha}: expected a number in (0, 2)`);
  return { significance, permutations, minSegment, alpha, seed: o.seed ?? DEFAULT_SEED };
}

const meanOf = (xs: readonly number[], a: number, b: number): number => {
  let s = 0;
  for (let i = a; i < b; i++) s += xs[i];
  return s / (b - a);
};

/**
 * The significant change points of `xs` (in order), by E-divisive means with a permutation test.
 * Pure noise gives none at the chosen significance except by that chance.
 */
export function detectChangePoints(xs: readonly number[], options: ChangePointOptions = {}): ChangePoint[] {
  const o = checkOptions(options);
  if (xs.some((x) => !Number.isFinite(x))) throw new ChangePointOptionError('the series holds a value that is not a finite number');
  const random = seededRandom(o.seed);
  const identity = xs.map((_, i) => i);
  let bounds = [0, xs.length]; // segment starts, then the end
  const found: { index: number; pValue: number; statistic: number }[] = [];
  for (;;) {
    let best: { seg: number; split: Split } | undefined;
    for (let s = 0; s + 1 < bounds.length; s++) {
      const split = bestSplit(xs, identity, bounds[s], bounds[s + 1], o.minSegment, o.alpha);
      if (split && (!best || split.q > best.split.q)) best = { seg: s, split };
    }
    if (!best) break;
    let atLeast = 0;
    const perm = [...identity];
    for (let r = 0; r < o.permutations; r++) {
      let maxQ = -Infinity;
      for (let s = 0; s + 1 < bounds.length; s++) {
        shuffleRange(perm, bounds[s], bounds[s + 1], random);
        const split = bestSplit(xs, perm, bounds[s], bounds[s + 1], o.minSegment, o.alpha);
        if (split && split.q > maxQ) maxQ = split.q;
      }
      if (maxQ >= best.split.q) atLeast++;
    }
    const pValue = (1 + atLeast) / (o.permutations + 1);
    if (pValue > o.significance) break;
    found.push({ index: best.split.tau, pValue, statistic: best.split.q });
    bounds = [...bounds, best.split.tau].sort((a, b) => a - b);
  }
  found.sort((a, b) => a.index - b.index);
  const cuts = [0, ...found.map((f) => f.index), xs.length];
  return found.map((f, i) => {
    const meanBefore = meanOf(xs, cuts[i], cuts[i + 1]);
    const meanAfter = meanOf(xs, cuts[i + 1], cuts[i + 2]);
    return { index: f.index, meanBefore, meanAfter, relativeChange: meanBefore === 0 ? undefined : meanAfter / meanBefore - 1, pValue: f.pValue, statistic: f.statistic };
  });
}
