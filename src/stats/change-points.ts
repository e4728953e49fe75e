/**
 * Change points of a series of runs by E-divisive means: Matteson & James, "A Nonparametric
 * Approach for Multiple Change Point Analysis of Multivariate Data", JASA 109(505), 2014 — the
 * method Hunter/Otava apply to performance histories (Fleming et al., "Hunter: Using Change Point
 * Detection to Hunt for Performance Regressions", ICPE 2023; Daly et al., ICPE 2020).
 *
 * Each segment is split where the energy distance between its left and right parts, weighted by
 * their sizes, is largest; the split is kept only when a permutation test says so (observations
 * shuffled within every segment, R times; p = (1 + #{permuted ≥ observed}) / (R + 1)). Splitting
 * repeats (hierarchical bisection) until the best split is not significant. A split divides a
 * segment into [start, τ) and [τ, end): we fix the paper's κ at the segment's end (O(n²) per
 * statistic instead of O(n³)). So a step, or a staircase of steps, is found; a transient bump that
 * returns to the old level inside one segment (10, then 13, then 10 again) is not.
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
 * The best split of xs[idx[start..end)] and its statistic q̂ = (m·n/(m+n))·Ê, where
 * Ê = 2/(mn)·Σ|x−y|^α − (m choose 2)⁻¹·Σ|x−x'|^α − (n choose 2)⁻¹·Σ|y−y'|^α (M&J 2014, eq. 5–6).
 * O(len²) with running sums.
 */
function bestSplit(xs: readonly number[], idx: readonly number[], start: number, end: number, minSeg: number, alpha: number): Split | undefined {
  const len = end - start;
  if (len < 2 * minSeg) return undefined;
  const d = (a: number, b: number): number => {
    const v = Math.abs(xs[idx[a]] - xs[idx[b]]);
    return alpha === 1 ? v : v ** alpha;
  };
  // Sums at tau = start + 1: left {start}, right the rest.
  let within = 0; // Σ over pairs inside the right part
  for (let j = start + 1; j < end; j++) for (let l = j + 1; l < end; l++) within += d(j, l);
  let between = 0;
  for (let j = start + 1; j < end; j++) between += d(start, j);
  let withinLeft = 0;
  let best: Split | undefined;
  for (let tau = start + 1; tau < end; tau++) {
    const m = tau - start;
    const n = end - tau;
    if (m >= minSeg && n >= minSeg) {
      const e = (2 * between) / (m * n) - (m > 1 ? (2 * withinLeft) / (m * (m - 1)) : 0) - (n > 1 ? (2 * within) / (n * (n - 1)) : 0);
      const q = ((m * n) / (m + n)) * e;
      if (!best || q > best.q) best = { tau, q };
    }
    if (tau === end - 1) break;
    // Move point `tau` from the right part to the left part.
    let toLeft = 0;
    for (let i = start; i < tau; i++) toLeft += d(i, tau);
    let toRight = 0;
    for (let j = tau + 1; j < end; j++) toRight += d(tau, j);
    withinLeft += toLeft;
    within -= toRight;
    between += toRight - toLeft;
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
