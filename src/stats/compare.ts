/**
 * Compares two groups of repeated runs (baseline and current) figure by figure. Noise is
 * measured from run-to-run variation only — never from the requests inside one run, which are
 * not independent (one stall delays everything in flight; the machine's background load moves
 * a whole run):
 * - `paired` (runs interleaved A, B, A, B …; see paired.ts): geometric-mean ratio of the pairs
 *   with a Student-t interval and p-value on the log ratios. Drift between rounds cancels.
 * - `repeats` (≥ 2 runs a side, not interleaved): medians; the noise band is the bootstrap CI
 *   of the baseline median. A difference is significant when the current median lies outside
 *   that band, the bootstrap CI of the relative change excludes 0, and — when the sample sizes
 *   allow a p-value below 1 − confidence at all — the Mann–Whitney p is below it. Runs made at
 *   different times also differ by the machine's drift, which this cannot tell from a change.
 * - `none` (a side with one run): no noise estimate; `significant` is undefined and a verdict
 *   is inconclusive (src/gate/evaluate.ts).
 */
import { median } from 'simple-statistics';
import { RunResult } from '../results/run-result';
import { BootstrapOptions, Interval, bootstrapMedian, bootstrapRelativeChange } from './bootstrap';
import { mannWhitneyU, minimumTwoSidedP } from './mann-whitney';
import { METRICS, MetricDefinition, figuresOf } from './metrics';
import { comparePaired, interleavedPairs } from './paired';

/** How the noise of a comparison was measured. */
export type NoiseMethod = 'paired' | 'repeats' | 'none';

/** One side of a comparison: its estimate (median of runs) with a CI, and how many runs. */
export interface SideSummary extends Interval {
  readonly runs: number;
  /** The per-run figures the estimate comes from. */
  readonly values: readonly number[];
}

/** The comparison of one figure between baseline and current. */
export interface MetricComparison {
  readonly metric: MetricDefinition;
  readonly baseline: SideSummary;
  readonly current: SideSummary;
  /** current − baseline, in the figure's own unit. */
  readonly delta: number;
  /** (current − baseline) / baseline; undefined when the baseline is 0. */
  readonly change?: number;
  /** Confidence interval of `change`. */
  readonly changeCi?: readonly [number, number];
  /** Range the current estimate would fall in were nothing changed (baseline noise), own unit. */
  readonly noiseBand?: readonly [number, number];
  /** Two-sided p-value, and the test it comes from. */
  readonly pValue?: number;
  readonly test?: string;
  readonly method: NoiseMethod;
  /** Whether the difference is beyond the measured noise; undefined when there is no estimate of noise. */
  readonly significant?: boolean;
}

/** Options of a comparison. */
export interface CompareOptions extends BootstrapOptions {
  /** Figures to compare. @default all of METRICS */
  readonly metrics?: readonly MetricDefinition[];
  /** Compare interleaved runs pair by pair. @default true (when the runs were interleaved) */
  readonly paired?: boolean;
}

const outside = (v: number, band: readonly [number, number]): boolean => v < band[0] || v > band[1];

function side(values: number[], opts: BootstrapOptions): SideSummary {
  return { ...bootstrapMedian(values, opts), runs: values.length, values };
}

function compareRepeats(metric: MetricDefinition, b: number[], c: number[], opts: CompareOptions): MetricComparison {
  const confidence = opts.confidence ?? 0.95;
  const baseline = side(b, opts);
  const current = side(c, opts);
  const noiseBand: [number, number] = [baseline.low, baseline.high];
  const change = bootstrapRelativeChange(b, c, opts);
  const mw = mannWhitneyU(c, b);
  const delta = current.estimate - baseline.estimate;
  const changeExcludesZero = change ? change.low > 0 || change.high < 0 : delta !== 0;
  const testDecisive = minimumTwoSidedP(b.length, c.length) < 1 - confidence;
  return {
    metric,
    baseline,
    current,
    delta,
    change: change?.estimate,
    changeCi: change ? [change.low, change.high] : undefined,
    noiseBand,
    pValue: mw.p,
    test: `Mann–Whitney U (${mw.method})`,
    method: 'repeats',
    significant: outside(current.estimate, noiseBand) && changeExcludesZero && (!testDecisive || mw.p < 1 - confidence),
  };
}

function compareWithoutNoise(metric: MetricDefinition, b: number[], c: number[]): MetricComparison {
  const bm = median(b);
  const cm = median(c);
  return {
    metric,
    baseline: { estimate: bm, low: bm, high: bm, runs: b.length, values: b },
    current: { estimate: cm, low: Math.min(...c), high: Math.max(...c), runs: c.length, values: c },
    delta: cm - bm,
    change: bm !== 0 ? cm / bm - 1 : undefined,
    method: 'none',
  };
}

/** Compares one figure; undefined when either side does not report it. */
export function compareMetric(metric: MetricDefinition, base: readonly RunResult[], cur: readonly RunResult[], opts: CompareOptions = {}): MetricComparison | undefined {
  const pairs = opts.paired === false ? undefined : interleavedPairs(base, cur);
  if (pairs) {
    const c = comparePaired(metric, pairs, opts.confidence ?? 0.95);
    if (c) return c;
  }
  const b = figuresOf(base, metric);
  const c = figuresOf(cur, metric);
  if (b.length === 0 || c.length === 0) return undefined;
  if (b.length >= 2 && c.length >= 2) return compareRepeats(metric, b, c, opts);
  return compareWithoutNoise(metric, b, c);
}

/** Compares every figure both sides report, in METRICS order. */
export function compareGroups(base: readonly RunResult[], cur: readonly RunResult[], opts: CompareOptions = {}): MetricComparison[] {
  if (base.length === 0 || cur.length === 0) throw new Error('a comparison needs at least one result on each side');
  const out: MetricComparison[] = [];
  for (const m of opts.metrics ?? METRICS) {
    const c = compareMetric(m, base, cur, opts);
    if (c) out.push(c);
  }
  return out;
}
