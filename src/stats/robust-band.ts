/**
 * A robust band around a history of values: median ± k · 1.4826 · MAD (the Hampel identifier;
 * Hampel, JASA 1974; Leys et al., J. Exp. Soc. Psychol. 2013 recommend k = 3). The median and the
 * median absolute deviation ignore the outliers they are meant to find, unlike a mean ± k·sd band
 * that one spike widens. 1.4826 makes the MAD estimate the standard deviation of normal data.
 * The default k is 5, not 3: the MAD of a 10-run history is a rough estimate, and k = 3 flagged
 * ~6% of pure-noise runs, k = 5 ~1.3% (test/change-points.test.ts).
 */

/** Options of `robustBand`. */
export interface RobustBandOptions {
  /** Width in robust standard deviations. @default 5 */
  readonly k?: number;
  /**
   * Smallest half-width as a fraction of the median, so a history of identical values does not
   * flag a rounding difference. @default 0.01 (1%)
   */
  readonly minRelativeHalfWidth?: number;
}

/** The band: values outside [low, high] leave it. */
export interface RobustBand {
  readonly median: number;
  /** Median absolute deviation from the median (unscaled). */
  readonly mad: number;
  readonly low: number;
  readonly high: number;
}

function medianOf(sorted: readonly number[]): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** The band of `values` (at least one). */
export function robustBand(values: readonly number[], opts: RobustBandOptions = {}): RobustBand {
  if (values.length === 0) throw new Error('robustBand needs at least one value');
  const k = opts.k ?? 5;
  const minRel = opts.minRelativeHalfWidth ?? 0.01;
  const median = medianOf([...values].sort((a, b) => a - b));
  const mad = medianOf(values.map((v) => Math.abs(v - median)).sort((a, b) => a - b));
  const half = Math.max(k * 1.4826 * mad, minRel * Math.abs(median));
  return { median, mad, low: median - half, high: median + half };
}
