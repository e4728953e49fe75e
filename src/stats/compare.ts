/**
 * Compares two groups of repeated runs (baseline and current) figure by figure: medians with
 * bootstrap confidence intervals, the relative change with its CI, a Mann–Whitney U p-value,
 * the baseline's noise band and whether the difference lies beyond it.
 *
 * How noise is measured depends on what there is:
 * - `repeats` (baseline has ≥ 2 runs): the noise band is the bootstrap CI of the baseline median
 *   (or, when the current side is a single run, the baseline's min..max, because one run varies
 *   like one run and not like a median). A difference is significant when the current median
 *   lies outside that band, the bootstrap CI of the relative change excludes 0, and — when the
 *   sample sizes allow a p-value below 1 − confidence at all — the Mann–Whitney p is below it
 *   (3 vs 3 runs can never reach p < 0.05, so then the first two conditions decide).
 * - `histogram` (latency percentiles, single baseline run): the order-statistic CI of each side's
 *   percentile from its HDR histogram; significant when the two intervals do not overlap.
 * - `binomial` (error rate, single baseline run): a two-proportion z-test on the counts.
 * - `none` (throughput, memory, cpu from one baseline run): there is no noise estimate;
 *   `significant` is undefined and the gate decides on its tolerance alone.
 */
import { median } from 'simple-statistics';
import { decodeHistogram, LatencyHistogram, mergeHistograms } from '../results/histogram';
import { RunResult } from '../results/run-result';
import { BootstrapOptions, Interval, bootstrapMedian, bootstrapRelativeChange } from './bootstrap';
import { intervalDifferenceP, percentileInterval } from './histogram-noise';
import { mannWhitneyU, minimumTwoSidedP } from './mann-whitney';
import { METRICS, MetricDefinition, figuresOf } from './metrics';
import { twoProportionTest } from './proportions';

/** How the noise of a comparison was measured. */
export type NoiseMethod = 'repeats' | 'histogram' | 'binomial' | 'none';

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
}

const outside = (v: number, band: readonly [number, number]): boolean => v < band[0] || v > band[1];

function side(values: number[], opts: BootstrapOptions): SideSummary {
  return { ...bootstrapMedian(values, opts), runs: values.length, values };
}

function sideHistogram(results: readonly RunResult[]): LatencyHistogram | undefined {
  const encoded = results.map((r) => r.latency.histogram?.data);
  if (encoded.some((d) => d === undefined)) return undefined;
  return mergeHistograms(encoded.map((d) => decodeHistogram(d as string)));
}

function compareRepeats(metric: MetricDefinition, b: number[], c: number[], opts: CompareOptions): MetricComparison {
  const confidence = opts.confidence ?? 0.95;
  const baseline = side(b, opts);
  const current = side(c, opts);
  const noiseBand: [number, number] = c.length >= 2 ? [baseline.low, baseline.high] : [Math.min(...b), Math.max(...b)];
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

function compareHistograms(
  metric: MetricDefinition,
  bh: LatencyHistogram,
  ch: LatencyHistogram,
  b: number[],
  c: number[],
  confidence: number,
): MetricComparison {
  const pct = metric.percentile as number;
  const bi = percentileInterval(bh, pct, confidence);
  const ci = percentileInterval(ch, pct, confidence);
  const { p } = intervalDifferenceP(bi, ci, confidence);
  const change = bi.estimate > 0 ? ci.estimate / bi.estimate - 1 : undefined;
  return {
    metric,
    baseline: { ...bi, runs: b.length, values: b },
    current: { ...ci, runs: c.length, values: c },
    delta: ci.estimate - bi.estimate,
    change,
    changeCi: bi.low > 0 && bi.high > 0 ? [ci.low / bi.high - 1, ci.high / bi.low - 1] : undefined,
    noiseBand: [bi.low, bi.high],
    pValue: p,
    test: 'HDR order-statistic CI',
    method: 'histogram',
    significant: ci.low > bi.high || ci.high < bi.low,
  };
}

function compareErrorRates(metric: MetricDefinition, base: readonly RunResult[], cur: readonly RunResult[], b: number[], c: number[], confidence: number): MetricComparison {
  const count = (rs: readonly RunResult[]): [number, number] => [
    rs.reduce((s, r) => s + r.errors.total, 0),
    rs.reduce((s, r) => s + (r.throughput.totalRequests ?? r.throughput.totalTransactions ?? r.throughput.totalMessages ?? 0), 0),
  ];
  const [k1, n1] = count(base);
  const [k2, n2] = count(cur);
  const t = twoProportionTest(k1, n1, k2, n2, confidence);
  return {
    metric,
    baseline: { ...t.baseline, runs: b.length, values: b },
    current: { ...t.current, runs: c.length, values: c },
    delta: t.current.estimate - t.baseline.estimate,
    change: t.baseline.estimate > 0 ? t.current.estimate / t.baseline.estimate - 1 : undefined,
    noiseBand: [t.baseline.low, t.baseline.high],
    pValue: t.p,
    test: 'two-proportion z',
    method: 'binomial',
    significant: t.p < 1 - confidence,
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
  const b = figuresOf(base, metric);
  const c = figuresOf(cur, metric);
  if (b.length === 0 || c.length === 0) return undefined;
  const confidence = opts.confidence ?? 0.95;
  if (b.length >= 2) return compareRepeats(metric, b, c, opts);
  if (metric.percentile !== undefined) {
    const bh = sideHistogram(base);
    const ch = sideHistogram(cur);
    if (bh && ch && bh.totalCount > 0 && ch.totalCount > 0) return compareHistograms(metric, bh, ch, b, c, confidence);
  }
  if (metric.id === 'errorRate') return compareErrorRates(metric, base, cur, b, c, confidence);
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
