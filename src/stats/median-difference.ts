/**
 * Bootstrap confidence interval of the difference of two groups' medians, median(current) −
 * median(baseline), both groups resampled independently with this folder's seeded PRNG — the
 * absolute counterpart of bootstrapRelativeChange (bootstrap.ts) (which gives the % change).
 * With one run per group the interval collapses onto the estimate (there is no spread to
 * resample); the table says so by showing n.
 */
import { median, quantileSorted, sampleWithReplacement } from 'simple-statistics';
import { BootstrapOptions, Interval } from './bootstrap';
import { DEFAULT_SEED, seededRandom } from './prng';

/** median(current) − median(baseline) with its percentile-bootstrap CI. */
export function bootstrapMedianDifference(baseline: readonly number[], current: readonly number[], opts: BootstrapOptions = {}): Interval {
  for (const [what, xs] of [['baseline', baseline], ['current', current]] as const) {
    if (xs.length === 0) throw new Error(`bootstrapMedianDifference: no ${what} values`);
    if (xs.some((v) => !Number.isFinite(v))) throw new Error(`bootstrapMedianDifference: ${what} values must be finite numbers`);
  }
  const estimate = median([...current]) - median([...baseline]);
  if (baseline.length === 1 && current.length === 1) return { estimate, low: estimate, high: estimate };
  const random = seededRandom(opts.seed ?? DEFAULT_SEED);
  const n = opts.iterations ?? 2000;
  const stats: number[] = new Array(n);
  const b = [...baseline];
  const c = [...current];
  for (let i = 0; i < n; i++) stats[i] = median(sampleWithReplacement(c, c.length, random)) - median(sampleWithReplacement(b, b.length, random));
  stats.sort((x, y) => x - y);
  const tail = (1 - (opts.confidence ?? 0.95)) / 2;
  return { estimate, low: quantileSorted(stats, tail), high: quantileSorted(stats, 1 - tail) };
}
