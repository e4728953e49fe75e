/**
 * The report's content, computed once and rendered twice (Markdown and HTML): the groups of
 * repeated runs, the reference (baseline) they are compared with, the gate's outcome for each
 * candidate, thresholds, the overall verdict, the capacity projection, analysis and advice.
 */
import { evaluateGate } from '../gate/evaluate';
import { DEFAULT_RULES } from '../gate/rules';
import { LatencyHistogram, decodeHistogram, mergeHistograms } from '../results/histogram';
import { RunResult } from '../results/run-result';
import { ResultGroup, groupName, groupResults } from '../stats/groups';
import { groupWorkload, partitionByWorkload, sameConfiguration } from '../stats/pairing';
import { historiesOf } from '../history/series';
import { rankGroups } from '../stats/ranking';
import { reportVerdict } from './verdict';
import { summarizeGroup } from '../stats/summary';
import { PALETTE } from './svg';
import { projectCapacity } from './capacity';
import { analyze } from './analysis';
import { CandidateView, CapacityOptions, CapacityView, GroupView, ReportModel, ReportOptions, figure } from './views';

export type { CandidateView, CapacityOptions, CapacityView, GroupView, ReportModel, ReportOptions } from './views';
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

function capacityOf(view: GroupView, opts: CapacityOptions | undefined): CapacityView | undefined {
  const rps = figure(view, 'rps')?.estimate;
  if (!rps || !view.histogram || view.histogram.totalCount === 0) return undefined;
  const podsMeasured = opts?.podsMeasured ?? 1;
  return {
    groupName: view.name,
    color: view.color,
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
 * configuration of the same variant and workload is gated against it; the others — and every
 * configuration when there is no baseline — are ranked side by side with no verdict.
 */
export function buildReportModel(results: readonly RunResult[], baseline?: { group: ResultGroup; source: string }, opts: ReportOptions = {}): ReportModel {
  if (results.length === 0) throw new ReportError('no results to report on');
  const groups = groupResults(results);
  const all = baseline ? [baseline.group, ...groups] : groups;
  const experiments = new Set(all.map((g) => g.key.experiment));
  if (experiments.size > 1) throw new ReportError(`results are from different experiments (${[...experiments].join(', ')}); report on one experiment at a time`);
  const profiles = new Set(all.map((g) => g.key.profile));
  if (profiles.size > 1) throw new ReportError(`results ran different load profiles (${[...profiles].join(', ')}); their figures are not comparable`);
  const refGroup = baseline?.group;
  // Baseline and candidate of the same variant (the usual gate case) get told apart by role.
  const clash = refGroup !== undefined && groups.some((g) => groupName(g) === groupName(refGroup));
  const reference = refGroup ? viewOf(refGroup, PALETTE[0], opts, clash ? `${groupName(refGroup)} (baseline)` : groupName(refGroup)) : undefined;
  const rules = opts.rules ?? DEFAULT_RULES;
  const candidates: CandidateView[] = groups.map((g, i) => {
    const name = clash && groupName(g) === groupName(refGroup!) ? `${groupName(g)} (current)` : groupName(g);
    const view = viewOf(g, PALETTE[(reference ? 1 : 0) + (i % (PALETTE.length - 1))], opts, name);
    const gate = reference && sameConfiguration(reference.group, g) ? evaluateGate(reference.group.results, g.results, rules, { confidence: opts.confidence, seed: opts.seed }) : undefined;
    return { view, gate };
  });
  const { verdict, reasons } = reportVerdict(candidates);
  if (reference && !candidates.some((c) => c.gate)) reasons.push(`the baseline ${reference.name} is another configuration (variant or workload) than ${candidates.map((c) => c.view.name).join(', ')}`);
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
    rankings: partitionByWorkload(groups)
      .filter((p) => p.groups.length > 1)
      .map((p) => ({ workload: p.workload, ranked: rankGroups(p.groups, { confidence: opts.confidence, seed: opts.seed }) })),
    capacities: candidates.map((c) => capacityOf(c.view, opts.capacity)).filter((c): c is CapacityView => c !== undefined),
    histories: opts.history ? historiesOf(groups.map((g) => ({ id: g.id, workload: groupWorkload(g) })), opts.history.entries, opts.history.options) : [],
  };
  const { analysis, recommendations } = analyze(base);
  return { ...base, analysis, recommendations };
}
