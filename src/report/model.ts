/**
 * The report's content, computed once and rendered twice (Markdown and HTML): the groups of
 * repeated runs, the reference (baseline) they are compared with, the gate's outcome for each
 * candidate, thresholds, the overall verdict, the capacity projection, analysis and advice.
 */
import { GateVerdict, evaluateGate } from '../gate/evaluate';
import { DEFAULT_RULES } from '../gate/rules';
import { LatencyHistogram, decodeHistogram, mergeHistograms } from '../results/histogram';
import { RunResult } from '../results/run-result';
import { ResultGroup, groupName, groupResults } from '../stats/groups';
import { summarizeGroup } from '../stats/summary';
import { PALETTE } from './svg';
import { projectCapacity } from './capacity';
import { analyze } from './analysis';
import { CandidateView, CapacityOptions, GroupView, ReportModel, ReportOptions, figure } from './views';

export type { CandidateView, CapacityOptions, GroupView, ReportModel, ReportOptions } from './views';
export { figure } from './views';

/** Report inputs are unusable (mixed experiments or profiles, nothing to report). */
export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportError';
  }
}

function mergedHistogram(results: readonly RunResult[]): LatencyHistogram | undefined {
  if (results.some((r) => !r.latency.histogram)) return undefined;
  return mergeHistograms(results.map((r) => decodeHistogram(r.latency.histogram!.data)));
}

function viewOf(group: ResultGroup, color: string, opts: ReportOptions, name = groupName(group)): GroupView {
  const errorsByKind: Record<string, number> = {};
  for (const r of group.results) for (const [k, v] of Object.entries(r.errors.byKind)) errorsByKind[k] = (errorsByKind[k] ?? 0) + v;
  const thresholdsMissed = group.results.flatMap((r) => r.thresholds.filter((t) => !t.passed).map((t) => `${r.id}: ${t.metric} ${t.condition} (observed ${+t.observed.toFixed(4)})`));
  return {
    name,
    group,
    color,
    figures: summarizeGroup(group.results, { confidence: opts.confidence, seed: opts.seed }),
    histogram: mergedHistogram(group.results),
    thresholdsMissed,
    errorsByKind,
  };
}

function capacityOf(view: GroupView, opts: CapacityOptions | undefined): ReportModel['capacity'] {
  const rps = figure(view, 'rps')?.estimate;
  if (!rps || !view.histogram || view.histogram.totalCount === 0) return undefined;
  const podsMeasured = opts?.podsMeasured ?? 1;
  return {
    groupName: view.name,
    podsMeasured,
    projection: projectCapacity({
      perPodRps: rps / podsMeasured,
      meanLatencyMs: view.histogram.mean / 1000,
      p95LatencyMs: figure(view, 'p95')?.estimate,
      targetRps: opts?.targetRps ?? rps,
      growthPerMonth: opts?.growthPerMonth ?? 0.2,
      months: opts?.months ?? 12,
      utilization: opts?.utilization,
    }),
  };
}

/**
 * Builds the report of `results` (all of one experiment and profile). With `baseline`, every
 * configuration in `results` is compared with it; without, the first configuration is the
 * reference when there are several.
 */
export function buildReportModel(results: readonly RunResult[], baseline?: { group: ResultGroup; source: string }, opts: ReportOptions = {}): ReportModel {
  if (results.length === 0) throw new ReportError('no results to report on');
  const groups = groupResults(results);
  const all = baseline ? [baseline.group, ...groups] : groups;
  const experiments = new Set(all.map((g) => g.key.experiment));
  if (experiments.size > 1) throw new ReportError(`results are from different experiments (${[...experiments].join(', ')}); report on one experiment at a time`);
  const profiles = new Set(all.map((g) => g.key.profile));
  if (profiles.size > 1) throw new ReportError(`results ran different load profiles (${[...profiles].join(', ')}); their figures are not comparable`);
  const refGroup = baseline?.group ?? (groups.length > 1 ? groups[0] : undefined);
  const candidateGroups = groups.filter((g) => g !== refGroup);
  // Baseline and candidate of the same variant (the usual gate case) get told apart by role.
  const clash = refGroup !== undefined && candidateGroups.some((g) => groupName(g) === groupName(refGroup));
  const reference = refGroup ? viewOf(refGroup, PALETTE[0], opts, clash ? `${groupName(refGroup)} (baseline)` : groupName(refGroup)) : undefined;
  const rules = opts.rules ?? DEFAULT_RULES;
  const candidates: CandidateView[] = candidateGroups.map((g, i) => {
    const name = clash && groupName(g) === groupName(refGroup!) ? `${groupName(g)} (current)` : groupName(g);
    const view = viewOf(g, PALETTE[1 + (i % (PALETTE.length - 1))], opts, name);
    const gate = reference ? evaluateGate(reference.group.results, g.results, rules, { confidence: opts.confidence, seed: opts.seed }) : undefined;
    return { view, gate };
  });
  const failures: string[] = [];
  const warnings: string[] = [];
  const note = (v: 'FAIL' | 'PASS WITH WARNING', reason: string): void => {
    (v === 'FAIL' ? failures : warnings).push(reason);
  };
  for (const c of candidates) {
    for (const r of c.gate?.rows ?? []) {
      if (r.verdict === 'FAIL' || r.verdict === 'WARN') {
        note(r.verdict === 'FAIL' ? 'FAIL' : 'PASS WITH WARNING', `${c.view.name}: ${r.metric.label} ${r.verdict === 'FAIL' ? 'regressed' : 'worse'} beyond ${r.rule.kind === 'relative' ? `${+(r.rule.tolerance * 100).toFixed(2)}%` : r.rule.tolerance} and noise`);
      }
    }
    if (c.view.thresholdsMissed.length) {
      note('FAIL', `${c.view.name}: ${c.view.thresholdsMissed.length} profile threshold${c.view.thresholdsMissed.length === 1 ? '' : 's'} missed`);
    }
    const errors = figure(c.view, 'errorRate');
    if (errors && errors.estimate > 0 && !c.view.thresholdsMissed.length) {
      note('PASS WITH WARNING', `${c.view.name}: ${(errors.estimate * 100).toFixed(2)}% of requests failed (within thresholds)`);
    }
    const p95 = figure(c.view, 'p95');
    if (p95?.cv !== undefined && p95.cv > 0.1) {
      note('PASS WITH WARNING', `${c.view.name}: p95 varies ${(p95.cv * 100).toFixed(0)}% between runs (noisy measurement)`);
    }
  }
  const verdict: GateVerdict = failures.length ? 'FAIL' : warnings.length ? 'PASS WITH WARNING' : 'PASS';
  const reasons = [...failures, ...warnings];
  if (reasons.length === 0) reasons.push(reference ? 'no regression beyond tolerance and noise; every threshold met' : 'every threshold met');
  const base = {
    title: opts.title ?? `${candidates[0].view.group.key.experiment}: ${candidates.map((c) => c.view.name).join(', ')}${reference ? ` vs ${reference.name}` : ''}`,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    verdict,
    verdictReasons: reasons,
    reference,
    referenceSource: baseline?.source,
    candidates,
    sample: candidates[0].view.group.results[0],
    confidence: opts.confidence ?? 0.95,
    capacity: capacityOf(candidates[0].view, opts.capacity),
  };
  const { analysis, recommendations } = analyze(base);
  return { ...base, analysis, recommendations };
}
