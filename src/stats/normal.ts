/** Standard normal helpers on top of simple-statistics (erf and probit approximations). */
import { errorFunction, probit } from 'simple-statistics';

/** Two-sided p-value of a standard normal statistic `z`. */
export function twoSidedNormalP(z: number): number {
  if (!Number.isFinite(z)) return Number.isNaN(z) ? 1 : 0;
  // P(|Z| >= |z|) = 1 - erf(|z| / √2)
  return Math.min(1, Math.max(0, 1 - errorFunction(Math.abs(z) / Math.SQRT2)));
}

/** The z value of a two-sided interval at `confidence` (0.95 → ≈1.96). */
export function zForConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must be between 0 and 1 (exclusive), got ${confidence}`);
  return probit(1 - (1 - confidence) / 2);
}
