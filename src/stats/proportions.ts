/**
 * Two-proportion z-test (pooled), for error rates measured in one run per side: the noise of a
 * rate of k failures in n requests is binomial.
 */
import { Interval } from './bootstrap';
import { twoSidedNormalP, zForConfidence } from './normal';

/** Outcome of a two-proportion test: rates, difference CI (unpooled Wald) and two-sided p. */
export interface ProportionTest {
  readonly baseline: Interval;
  readonly current: Interval;
  readonly difference: Interval;
  readonly p: number;
}

function wald(k: number, n: number, z: number): Interval {
  const p = n === 0 ? 0 : k / n;
  const half = n === 0 ? 0 : z * Math.sqrt((p * (1 - p)) / n);
  return { estimate: p, low: Math.max(0, p - half), high: Math.min(1, p + half) };
}

/** Compares k1/n1 (baseline) with k2/n2 (current). */
export function twoProportionTest(k1: number, n1: number, k2: number, n2: number, confidence = 0.95): ProportionTest {
  const z = zForConfidence(confidence);
  const p1 = n1 === 0 ? 0 : k1 / n1;
  const p2 = n2 === 0 ? 0 : k2 / n2;
  const pooled = n1 + n2 === 0 ? 0 : (k1 + k2) / (n1 + n2);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (n1 === 0 || n2 === 0 ? 0 : 1 / n1 + 1 / n2));
  const p = sePooled === 0 ? (p1 === p2 ? 1 : 0) : twoSidedNormalP((p2 - p1) / sePooled);
  const seDiff = Math.sqrt((n1 ? (p1 * (1 - p1)) / n1 : 0) + (n2 ? (p2 * (1 - p2)) / n2 : 0));
  const d = p2 - p1;
  return { baseline: wald(k1, n1, z), current: wald(k2, n2, z), difference: { estimate: d, low: d - z * seDiff, high: d + z * seDiff }, p };
}
