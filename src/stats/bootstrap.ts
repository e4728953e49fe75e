/**
 * Percentile bootstrap confidence intervals, seeded so results are reproducible: the CI of a
 * group's median (the noise band of a set of repeats) and the CI of the relative change between
 * two groups' medians (both groups resampled independently).
 */
import { median, quantileSorted, sampleWithReplacement } from 'simple-statistics';
import { DEFAULT_SEED, seededRandom } from './prng';

/** Options shared by the bootstrap functions. */
export interface BootstrapOptions {
  /** Two-sided confidence level. @default 0.95 */
  readonly confidence?: number;
  /** Bootstrap resamples. @default 2000 */
  readonly iterations?: number;
  /** PRNG seed. @default 1 */
  readonly seed?: number;
}

/** A point estimate with its confidence interval. */
export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

const DEFAULT_ITERATIONS = 2000;

function bounds(samples: number[], confidence: number): [number, number] {
  samples.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return [quantileSorted(samples, tail), quantileSorted(samples, 1 - tail)];
}

function check(values: readonly number[], what: string): void {
  if (values.length === 0) throw new Error(`bootstrap of ${what}: no values`);
  if (values.some((v) => !Number.isFinite(v))) throw new Error(`bootstrap of ${what}: values must be finite numbers`);
}

/** Median of `values` with its percentile-bootstrap confidence interval. */
export function bootstrapMedian(values: readonly number[], opts: BootstrapOptions = {}): Interval {
  check(values, 'a median');
  const confidence = opts.confidence ?? 0.95;
  const estimate = median([...values]);
  if (values.length === 1) return { estimate, low: estimate, high: estimate };
  const random = seededRandom(opts.seed ?? DEFAULT_SEED);
  const n = opts.iterations ?? DEFAULT_ITERATIONS;
  const stats: number[] = new Array(n);
  const pool = [...values];
  for (let i = 0; i < n; i++) stats[i] = median(sampleWithReplacement(pool, pool.length, random));
  const [low, high] = bounds(stats, confidence);
  return { estimate, low, high };
}

/**
 * Relative change of medians, median(current) / median(baseline) − 1, with its bootstrap CI.
 * Undefined when the baseline median is 0 (a relative change has no meaning there).
 */
export function bootstrapRelativeChange(
  baseline: readonly number[],
  current: readonly number[],
  opts: BootstrapOptions = {},
): Interval | undefined {
  check(baseline, 'the baseline');
  check(current, 'the current values');
  const b0 = median([...baseline]);
  if (b0 === 0) return undefined;
  const estimate = median([...current]) / b0 - 1;
  const random = seededRandom(opts.seed ?? DEFAULT_SEED);
  const n = opts.iterations ?? DEFAULT_ITERATIONS;
  const stats: number[] = [];
  const bPool = [...baseline];
  const cPool = [...current];
  for (let i = 0; i < n; i++) {
    const b = median(sampleWithReplacement(bPool, bPool.length, random));
    if (b === 0) continue;
    stats.push(median(sampleWithReplacement(cPool, cPool.length, random)) / b - 1);
  }
  if (stats.length === 0) return undefined;
  const [low, high] = bounds(stats, opts.confidence ?? 0.95);
  return { estimate, low, high };
}
