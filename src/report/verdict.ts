/**
 * The report's overall verdict. Pass/fail exists only between a baseline and candidates of
 * the same configuration (the gate's rows, missed profile thresholds, errors, noisy runs); a
 * report without such a pair is a RANKING: it lists what it saw (missed thresholds, errors,
 * noise) as notes and passes or fails nothing.
 */
import { CandidateView, ReportVerdict, figure } from './views';

export type { ReportVerdict } from './views';

const figureOf = figure;

/** The verdict and its reasons, most serious first. */
export function reportVerdict(candidates: readonly CandidateView[]): { verdict: ReportVerdict; reasons: string[] } {
  const gated = candidates.some((c) => c.gate);
  const failures: string[] = [];
  const warnings: string[] = [];
  const inconclusive: string[] = [];
  const notes: string[] = [];
  for (const c of candidates) {
    const warn = (reason: string): number => (c.gate ? warnings : notes).push(reason);
    for (const r of c.gate?.rows ?? []) {
      if (r.verdict === 'FAIL' || r.verdict === 'WARN') {
        (r.verdict === 'FAIL' ? failures : warnings).push(`${c.view.name}: ${r.metric.label} ${r.verdict === 'FAIL' ? 'regressed' : 'worse'} beyond ${r.rule.kind === 'relative' ? `${+(r.rule.tolerance * 100).toFixed(2)}%` : r.rule.tolerance} and noise`);
      }
    }
    if (c.gate?.verdict === 'INCONCLUSIVE') inconclusive.push(`${c.view.name}: ${c.gate.inconclusiveReason ?? 'too few repeats for a verdict'}`);
    const missed = c.view.thresholdsMissed.length;
    if (missed) (c.gate ? failures : notes).push(`${c.view.name}: ${missed} profile threshold${missed === 1 ? '' : 's'} missed`);
    const errors = figureOf(c.view, 'errorRate');
    if (errors && errors.estimate > 0 && !missed) warn(`${c.view.name}: ${(errors.estimate * 100).toFixed(2)}% of requests failed (within thresholds)`);
    const p95 = figureOf(c.view, 'p95');
    if (p95?.cv !== undefined && p95.cv > 0.1) warn(`${c.view.name}: p95 varies ${(p95.cv * 100).toFixed(0)}% between runs (noisy measurement)`);
  }
  if (!gated) return { verdict: 'RANKING', reasons: ['no baseline of the same configuration: a side-by-side ranking, no pass/fail', ...notes] };
  const verdict: ReportVerdict = failures.length ? 'FAIL' : inconclusive.length ? 'INCONCLUSIVE' : warnings.length ? 'PASS WITH WARNING' : 'PASS';
  const reasons = [...failures, ...inconclusive, ...warnings, ...notes];
  if (reasons.length === 0) reasons.push('no regression beyond tolerance and noise; every threshold met');
  return { verdict, reasons };
}
