/**
 * Interleaved (A, B, A, B … or A B, B A, …) runs compared pair by pair. Each round's two runs
 * were made back to back, so the drift of a shared machine — background load that comes and
 * goes over minutes — hits both sides of a pair alike and cancels in their ratio. The change is
 * the geometric mean of the per-pair ratios current/baseline, with a Student-t interval and
 * p-value on the log ratios: the noise is the run-to-run variation of the pairs, nothing else.
 */
import { RunResult } from '../results/run-result';
import { MetricComparison, SideSummary } from './compare';
import { MetricDefinition, figuresOf } from './metrics';
import { median } from 'simple-statistics';
import { tCritical, tTwoSidedP } from './student-t';

/** Fewest pairs a paired comparison makes (two give one degree of freedom: too wide to use). */
export const MIN_PAIRS = 3;

/**
 * The runs as pairs (baseline, current) when they were interleaved: ordered by start time,
 * every consecutive two runs hold one of each side. Undefined when they were not.
 */
export function interleavedPairs(base: readonly RunResult[], cur: readonly RunResult[]): [RunResult, RunResult][] | undefined {
  if (base.length !== cur.length || base.length < 2) return undefined;
  const all = [...base.map((r) => ({ r, side: 0 })), ...cur.map((r) => ({ r, side: 1 }))].sort((a, b) => a.r.startedAt.localeCompare(b.r.startedAt));
  const pairs: [RunResult, RunResult][] = [];
  for (let i = 0; i < all.length; i += 2) {
    const [x, y] = [all[i], all[i + 1]];
    if (x.side === y.side) return undefined;
    pairs.push(x.side === 0 ? [x.r, y.r] : [y.r, x.r]);
  }
  return pairs;
}

function side(values: number[]): SideSummary {
  const m = median(values);
  return { estimate: m, low: Math.min(...values), high: Math.max(...values), runs: values.length, values };
}

/** Compares one figure over interleaved pairs; undefined when a pair lacks the figure or has a non-positive value. */
export function comparePaired(metric: MetricDefinition, pairs: readonly [RunResult, RunResult][], confidence = 0.95): MetricComparison | undefined {
  const b = pairs.map(([x]) => figuresOf([x], metric)[0]);
  const c = pairs.map(([, y]) => figuresOf([y], metric)[0]);
  if (b.some((v) => v === undefined) || c.some((v) => v === undefined)) return undefined;
  const n = pairs.length;
  const baseline = side(b);
  const current = side(c);
  const delta = current.estimate - baseline.estimate;
  if (b.some((v) => !(v > 0)) || c.some((v) => !(v > 0))) {
    // Ratios undefined (an error rate of 0, say): no paired estimate of noise.
    return { metric, baseline, current, delta, change: baseline.estimate ? current.estimate / baseline.estimate - 1 : undefined, method: 'none' };
  }
  const logs = b.map((v, i) => Math.log(c[i] / v));
  const mean = logs.reduce((s, x) => s + x, 0) / n;
  const sd = n > 1 ? Math.sqrt(logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const se = sd / Math.sqrt(n);
  const df = n - 1;
  const enough = n >= MIN_PAIRS;
  const p = !enough ? undefined : se > 0 ? tTwoSidedP(mean / se, df) : mean === 0 ? 1 : 0;
  const half = enough ? tCritical(confidence, df) * se : undefined;
  return {
    metric,
    baseline,
    current,
    delta,
    change: Math.exp(mean) - 1,
    changeCi: half === undefined ? undefined : [Math.exp(mean - half) - 1, Math.exp(mean + half) - 1],
    pValue: p,
    test: `paired t on log ratios (${n} interleaved pairs)`,
    method: 'paired',
    significant: p === undefined ? undefined : p < 1 - confidence,
  };
}
