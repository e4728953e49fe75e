/**
 * Sampling noise of one run, from its HDR histogram: the distribution-free (order-statistic)
 * confidence interval of a percentile. With n recorded values, the rank of the q-quantile is
 * Binomial(n, q); its normal approximation gives ranks n·q ± z·√(n·q·(1−q)), and the histogram
 * gives the values at those ranks. This assumes independent samples, which latencies are not
 * quite (they are autocorrelated), so it understates run-to-run noise: it is the noise band
 * used only when a side has a single run.
 */
import { LatencyHistogram } from '../results/histogram';
import { Interval } from './bootstrap';
import { twoSidedNormalP, zForConfidence } from './normal';

/** A percentile (ms) of a µs histogram with its order-statistic confidence interval (ms). */
export function percentileInterval(h: LatencyHistogram, percentile: number, confidence = 0.95): Interval {
  const n = h.totalCount;
  if (n === 0) throw new Error('percentile interval of an empty histogram');
  const q = percentile / 100;
  const z = zForConfidence(confidence);
  const half = z * Math.sqrt(n * q * (1 - q));
  const lowRank = Math.max(0, n * q - half);
  const highRank = Math.min(n, n * q + half);
  const at = (rank: number): number => h.getValueAtPercentile(Math.min(100, Math.max(0, (100 * rank) / n))) / 1000;
  return { estimate: h.getValueAtPercentile(percentile) / 1000, low: at(lowRank), high: at(highRank) };
}

/**
 * Two-sided p-value for a difference between two estimates given their confidence intervals:
 * standard errors from the half-widths (CI / 2z), z = Δ / √(se₁² + se₂²).
 */
export function intervalDifferenceP(a: Interval, b: Interval, confidence = 0.95): { z: number; p: number } {
  const zc = zForConfidence(confidence);
  const se = (i: Interval): number => (i.high - i.low) / (2 * zc);
  const s = Math.sqrt(se(a) ** 2 + se(b) ** 2);
  const diff = b.estimate - a.estimate;
  if (s === 0) return diff === 0 ? { z: 0, p: 1 } : { z: Math.sign(diff) * Infinity, p: 0 };
  const z = diff / s;
  return { z, p: twoSidedNormalP(z) };
}
