/** The gate's terminal output: a one-line verdict, then a table of every figure. */
import { formatTable } from '../cli/table';
import { formatChange, formatChangeCi, formatP, formatRange } from '../stats/format';
import { GateOutcome, GateRow } from './evaluate';
import { describeRule } from './rules';
import { environmentDifferences } from './environment-diff';
import { EXIT_INCONCLUSIVE } from './evaluate';
import { RunResult } from '../results/run-result';

function headline(r: GateRow): string {
  const c = r.comparison!;
  const ci = c.changeCi ? `, CI ${formatChangeCi(c)}` : '';
  return `${r.metric.label} ${formatChange(c)} (${c.metric.format(c.baseline.estimate)} → ${c.metric.format(c.current.estimate)}${ci}, p=${formatP(c.pValue)})`;
}

/** The one-line verdict, e.g. `FAIL: latency p95 +12.3% (…) worse than baseline beyond 5% and noise`. */
export function verdictLine(o: GateOutcome, baselineId: string, currentId: string): string {
  const runs = `${currentId} (${o.currentRuns} run${o.currentRuns === 1 ? '' : 's'}) vs baseline ${baselineId} (${o.baselineRuns} run${o.baselineRuns === 1 ? '' : 's'})`;
  const failed = o.rows.filter((r) => r.verdict === 'FAIL');
  const warned = o.rows.filter((r) => r.verdict === 'WARN');
  if (o.verdict === 'INCONCLUSIVE') {
    return `INCONCLUSIVE: ${o.inconclusiveReason ?? 'too few repeats for a verdict'}; ${runs}`;
  }
  if (o.verdict === 'FAIL') {
    return `FAIL: ${failed.map(headline).join('; ')} — worse beyond tolerance and noise; ${runs}`;
  }
  if (o.verdict === 'PASS WITH WARNING') {
    return `PASS WITH WARNING: ${warned.map(headline).join('; ')} — worse beyond the warning tolerance; ${runs}`;
  }
  const gated = o.rows.filter((r) => r.rule.action === 'fail' && r.comparison);
  const shown = gated.map((r) => `${r.metric.label} ${formatChange(r.comparison!)}`).join(', ');
  return `PASS: no regression beyond tolerance and noise${shown ? ` (${shown})` : ''}; ${runs}`;
}

/** Every figure with baseline, current, change, CI, noise band, p-value, rule and verdict. */
export function gateTable(o: GateOutcome): string {
  const rows = o.rows.map((r) => {
    const c = r.comparison;
    if (!c) return [r.metric.label, '-', '-', '-', '-', '-', '-', '-', describeRule(r.rule), r.verdict];
    return [
      r.metric.label,
      c.metric.format(c.baseline.estimate),
      c.metric.format(c.current.estimate),
      formatChange(c),
      formatChangeCi(c),
      formatRange(c.metric, c.noiseBand),
      formatP(c.pValue),
      c.method,
      describeRule(r.rule),
      r.verdict,
    ];
  });
  return formatTable(['metric', 'baseline', 'current', 'change', 'change CI', 'noise band', 'p', 'noise', 'rule', 'verdict'], rows);
}

/** Notes under the table: how noise was measured and rules that could not be checked. */
export function gateNotes(o: GateOutcome, confidence: number): string[] {
  const notes: string[] = [];
  const methods = new Set(o.rows.map((r) => r.comparison?.method).filter(Boolean));
  const pct = `${Math.round(confidence * 100)}%`;
  const failAt = o.rows.find((r) => r.rule.action === 'fail')?.confidence;
  const family = failAt !== undefined && failAt !== confidence ? `; fail rules share ${(1 - confidence).toFixed(2)} (each tested at ${(1 - failAt).toFixed(4)})` : '';
  if (methods.has('paired')) {
    notes.push(`paired: ${o.baselineRuns} interleaved pairs; change = geometric mean of the pairs' ratios, ${pct} Student-t interval on the log ratios; beyond noise = p < ${(1 - confidence).toFixed(2)}${family}`);
  }
  if (methods.has('repeats')) {
    notes.push(
      `repeats: medians of the runs; noise band = ${pct} bootstrap CI of the baseline median; beyond noise = current median outside the band, the change CI excludes 0, and Mann–Whitney p < ${(1 - confidence).toFixed(2)}${family}. The two sides were not interleaved: drift of the machine between them counts as change (perflab ab interleaves)`,
    );
  }
  if (methods.has('none')) notes.push('none: no run-to-run noise estimate for this figure (a side with one run, or a figure that is 0 in some run, so no ratio): the tolerance alone is shown, no verdict — repeat both sides (perflab ab)');
  for (const r of o.rows) if (r.verdict === 'n/a' && r.rule.action === 'fail') notes.push(`rule ${r.metric.id} (${describeRule(r.rule)}) could not be checked: one side does not report ${r.metric.label}`);
  return notes;
}

/** What the full gate output names: each side's id, where it came from, and its runs. */
export interface GateSides {
  readonly baselineId: string;
  readonly currentId: string;
  readonly baselineSource: string;
  readonly currentSource: string;
  readonly baseline: readonly RunResult[];
  readonly current: readonly RunResult[];
}

/** The gate's whole terminal output: verdict line, sources, table, notes, environment warnings. */
export function gateOutput(o: GateOutcome, sides: GateSides, confidence: number): string {
  return [
    verdictLine(o, sides.baselineId, sides.currentId),
    '',
    `baseline: ${sides.baselineSource}`,
    `current:  ${sides.currentSource}`,
    '',
    gateTable(o),
    '',
    ...gateNotes(o, confidence).map((n) => `- ${n}`),
    ...environmentDifferences(sides.baseline, sides.current).map((d) => `- WARNING environment: ${d}`),
  ].join('\n');
}

/** The exit code of a verdict: 0 pass (warnings included), 1 fail, 3 inconclusive. */
export function gateExitCode(o: GateOutcome): number {
  return o.verdict === 'FAIL' ? 1 : o.verdict === 'INCONCLUSIVE' ? EXIT_INCONCLUSIVE : 0;
}
