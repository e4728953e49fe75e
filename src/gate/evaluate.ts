/**
 * The regression gate's decision. For each figure: the comparison (src/stats/compare.ts) and
 * its rule. A verdict needs enough repeats to see run-to-run noise: interleaved pairs
 * (MIN_PAIRS or more), or groups large enough that Mann–Whitney U can reach the gate's
 * significance level; with fewer, the gate is INCONCLUSIVE. Otherwise a rule is broken when the
 * current runs are worse by more than the rule's tolerance AND the difference is beyond the
 * noise; "better" takes the same two conditions the other way. The `fail` rules are one family
 * held to 1 − confidence together (Bonferroni: each at (1 − confidence) / their number), so
 * more fail rules do not mean more false alarms. A broken `fail` rule fails the gate; a broken
 * `warn` rule makes it PASS WITH WARNING.
 */
import { CompareOptions, MetricComparison, compareMetric } from '../stats/compare';
import { minimumTwoSidedP } from '../stats/mann-whitney';
import { METRICS, MetricDefinition } from '../stats/metrics';
import { MIN_PAIRS, interleavedPairs } from '../stats/paired';
import { RunResult } from '../results/run-result';
import { GateRule, GateRules } from './rules';

/** Exit code of `perflab gate` (and `perflab ab`) when the verdict is INCONCLUSIVE. */
export const EXIT_INCONCLUSIVE = 3;

/** Verdict of one figure. */
export type MetricVerdict = 'FAIL' | 'WARN' | 'ok' | 'better' | 'within noise' | 'inconclusive' | 'n/a' | 'info';

/** The gate's overall verdict. */
export type GateVerdict = 'PASS' | 'PASS WITH WARNING' | 'FAIL' | 'INCONCLUSIVE';

/** One row of the gate. */
export interface GateRow {
  readonly metric: MetricDefinition;
  readonly rule: GateRule;
  readonly comparison?: MetricComparison;
  /** How much worse, in the rule's terms (fraction or unit); negative is better. */
  readonly worseBy?: number;
  readonly verdict: MetricVerdict;
  /** Confidence level this figure was tested at (fail rules share 1 − confidence). */
  readonly confidence?: number;
}

/** The gate's outcome. */
export interface GateOutcome {
  readonly verdict: GateVerdict;
  readonly rows: GateRow[];
  readonly baselineRuns: number;
  readonly currentRuns: number;
  /** Whether the runs were interleaved and compared pair by pair. */
  readonly paired: boolean;
  /** Why the verdict is INCONCLUSIVE (too few repeats, ...). */
  readonly inconclusiveReason?: string;
}

/** How much worse `c` is under `rule` (oriented so positive is worse). */
export function worseBy(c: MetricComparison, rule: GateRule): number | undefined {
  const sign = c.metric.better === 'lower' ? 1 : -1;
  if (rule.kind === 'absolute') return sign * c.delta;
  if (c.change !== undefined) return sign * c.change;
  // Baseline of 0: any worsening is unbounded in relative terms.
  return sign * c.delta > 0 ? Infinity : sign * c.delta < 0 ? -Infinity : 0;
}

function rowVerdict(c: MetricComparison | undefined, rule: GateRule, worse: number | undefined, decisive: boolean): MetricVerdict {
  if (!c || worse === undefined) return 'n/a';
  if (rule.action === 'off') return 'info';
  const beyondTolerance = worse > rule.tolerance || -worse > rule.tolerance;
  if (!beyondTolerance) return 'ok';
  if (!decisive || c.significant === undefined) return 'inconclusive';
  if (!c.significant) return 'within noise';
  if (worse < 0) return 'better';
  return rule.action === 'fail' ? 'FAIL' : 'WARN';
}

/** Why `base` vs `cur` cannot carry a verdict at significance `alpha`, or undefined when it can. */
export function tooFewRuns(base: readonly RunResult[], cur: readonly RunResult[], alpha: number, paired = true): string | undefined {
  const pairs = paired ? interleavedPairs(base, cur) : undefined;
  if (pairs) return pairs.length >= MIN_PAIRS ? undefined : `${pairs.length} interleaved pairs; a verdict needs at least ${MIN_PAIRS}`;
  if (base.length < 2 || cur.length < 2) return `${cur.length} vs ${base.length} run${base.length === 1 ? '' : 's'}: one run shows no run-to-run noise; repeat both sides (perflab ab interleaves them)`;
  if (minimumTwoSidedP(base.length, cur.length) >= alpha) {
    return `${cur.length} vs ${base.length} runs cannot reach p < ${+alpha.toFixed(4)}; add repeats (or interleave with perflab ab, ${MIN_PAIRS}+ pairs)`;
  }
  return undefined;
}

/** Compares current with baseline and applies the rules. */
export function evaluateGate(baseline: readonly RunResult[], current: readonly RunResult[], rules: GateRules, opts: CompareOptions = {}): GateOutcome {
  const confidence = opts.confidence ?? 0.95;
  const failRules = METRICS.filter((m) => rules[m.id].action === 'fail').length;
  const failConfidence = 1 - (1 - confidence) / Math.max(1, failRules);
  const reason = tooFewRuns(baseline, current, 1 - failConfidence, opts.paired !== false);
  const rows = METRICS.map((metric): GateRow => {
    const rule = rules[metric.id];
    const level = rule.action === 'fail' ? failConfidence : confidence;
    const comparison = compareMetric(metric, baseline, current, { ...opts, confidence: level });
    const worse = comparison ? worseBy(comparison, rule) : undefined;
    return { metric, rule, comparison, worseBy: worse, verdict: rowVerdict(comparison, rule, worse, reason === undefined), confidence: level };
  });
  const paired = opts.paired !== false && interleavedPairs(baseline, current) !== undefined;
  const verdict: GateVerdict = reason ? 'INCONCLUSIVE' : rows.some((r) => r.verdict === 'FAIL') ? 'FAIL' : rows.some((r) => r.verdict === 'WARN') ? 'PASS WITH WARNING' : 'PASS';
  return { verdict, rows, baselineRuns: baseline.length, currentRuns: current.length, paired, inconclusiveReason: reason };
}
