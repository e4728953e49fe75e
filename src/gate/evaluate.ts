/**
 * The regression gate's decision. For each figure: the comparison (src/stats/compare.ts) and
 * its rule. A rule is broken when the current runs are worse than the baseline by more than
 * the rule's tolerance AND the difference lies beyond the measured noise (or there is no noise
 * estimate for that figure, so the tolerance alone decides). A broken `fail` rule fails the
 * gate; a broken `warn` rule makes it PASS WITH WARNING.
 */
import { CompareOptions, MetricComparison, compareGroups } from '../stats/compare';
import { METRICS, MetricDefinition } from '../stats/metrics';
import { RunResult } from '../results/run-result';
import { GateRule, GateRules } from './rules';

/** Verdict of one figure. */
export type MetricVerdict = 'FAIL' | 'WARN' | 'ok' | 'better' | 'within noise' | 'n/a' | 'info';

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
}

/** The gate's outcome. */
export interface GateOutcome {
  readonly verdict: GateVerdict;
  readonly rows: GateRow[];
  readonly baselineRuns: number;
  readonly currentRuns: number;
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

function rowVerdict(c: MetricComparison | undefined, rule: GateRule, worse: number | undefined): MetricVerdict {
  if (!c || worse === undefined) return 'n/a';
  if (rule.action === 'off') return 'info';
  const beyondNoise = c.significant !== false;
  if (worse > rule.tolerance) {
    if (!beyondNoise) return 'within noise';
    return rule.action === 'fail' ? 'FAIL' : 'WARN';
  }
  if (worse < -rule.tolerance && c.significant === true) return 'better';
  return 'ok';
}

/** Compares current with baseline and applies the rules. */
export function evaluateGate(baseline: readonly RunResult[], current: readonly RunResult[], rules: GateRules, opts: CompareOptions = {}): GateOutcome {
  const comparisons = compareGroups(baseline, current, opts);
  const rows = METRICS.map((metric): GateRow => {
    const rule = rules[metric.id];
    const comparison = comparisons.find((c) => c.metric.id === metric.id);
    const worse = comparison ? worseBy(comparison, rule) : undefined;
    return { metric, rule, comparison, worseBy: worse, verdict: rowVerdict(comparison, rule, worse) };
  });
  const verdict: GateVerdict = rows.some((r) => r.verdict === 'FAIL') ? 'FAIL' : rows.some((r) => r.verdict === 'WARN') ? 'PASS WITH WARNING' : 'PASS';
  return { verdict, rows, baselineRuns: baseline.length, currentRuns: current.length };
}
