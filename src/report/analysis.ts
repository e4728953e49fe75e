/**
 * Turns the report's figures into sentences: what changed beyond noise, how long the tail is,
 * errors, run-to-run variation, CPU saturation, efficiency and cost; and what to do next.
 * Every sentence is derived from the figures; nothing is canned that the data does not show.
 */
import { formatChange, formatChangeCi } from '../stats/format';
import { signedPercent } from '../stats/format';
import { CandidateView, GroupView, ReportModel } from './views';
import { formatMoney } from '../cost/format-money';

type Base = Omit<ReportModel, 'analysis' | 'recommendations'>;

const fig = (v: GroupView, id: string): number | undefined => v.figures.find((f) => f.metric.id === id)?.estimate;
const n0 = (x: number): string => Math.round(x).toLocaleString('en-US');

function changes(c: CandidateView, reference: GroupView): string {
  const rows = (c.gate?.rows ?? []).filter((r) => r.comparison && r.comparison.significant === true && Math.abs(r.comparison.change ?? r.comparison.delta) > 0.005);
  if (rows.length === 0) return `${c.view.name} vs ${reference.name}: no figure differs beyond the measured noise.`;
  const parts = rows.map((r) => {
    const comp = r.comparison!;
    const good = r.metric.better === 'lower' ? comp.delta < 0 : comp.delta > 0;
    return `${r.metric.label} ${formatChange(comp)}${comp.changeCi ? ` (CI ${formatChangeCi(comp)})` : ''} ${good ? 'better' : 'worse'}`;
  });
  return `${c.view.name} vs ${reference.name}, beyond noise: ${parts.join('; ')}.`;
}

function endpointShift(c: CandidateView, reference: GroupView): string | undefined {
  const p95 = (v: GroupView, name: string): number | undefined => {
    const xs = v.group.results.map((r) => r.endpoints.find((e) => e.name === name)?.latency.p95).filter((x): x is number => x !== undefined && x > 0).sort((a, b) => a - b);
    return xs.length ? xs[Math.floor((xs.length - 1) / 2)] : undefined;
  };
  let worst: { name: string; change: number } | undefined;
  for (const e of c.view.group.results[0].endpoints) {
    const a = p95(reference, e.name);
    const b = p95(c.view, e.name);
    if (a && b && (!worst || b / a - 1 > worst.change)) worst = { name: e.name, change: b / a - 1 };
  }
  return worst && worst.change > 0.05 ? `endpoint ${worst.name} (p95 ${signedPercent(worst.change)})` : undefined;
}

/** Analysis sentences and recommendations for a report. */
export function analyze(m: Base): { analysis: string[]; recommendations: string[] } {
  const analysis: string[] = [];
  const recs: string[] = [];
  const views = [...(m.reference ? [m.reference] : []), ...m.candidates.map((c) => c.view)];
  const cores = m.sample.environment.cpuCores;

  if (m.reference) for (const c of m.candidates) if (c.gate) analysis.push(changes(c, m.reference));
  for (const v of views) {
    const p50 = fig(v, 'p50');
    const p99 = fig(v, 'p99');
    if (p50 && p99) {
      const ratio = p99 / p50;
      analysis.push(
        ratio > 3
          ? `${v.name}: long tail — p99 is ${ratio.toFixed(1)}× p50 (${p99.toFixed(1)} vs ${p50.toFixed(1)} ms): queueing, pauses (GC) or a slow dependency on some requests.`
          : `${v.name}: tight distribution — p99 is ${ratio.toFixed(1)}× p50.`,
      );
    }
    const p95 = v.figures.find((f) => f.metric.id === 'p95');
    if (p95 && p95.runs > 1 && p95.cv !== undefined) analysis.push(`${v.name}: p95 varies ${(p95.cv * 100).toFixed(1)}% between its ${p95.runs} runs.`);
    const kinds = Object.entries(v.errorsByKind).filter(([, n]) => n > 0);
    if (kinds.length) analysis.push(`${v.name}: failed requests by kind — ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}.`);
    const cpu = fig(v, 'cpu');
    const rps = fig(v, 'rps');
    if (cpu && cpu > 0 && rps) {
      analysis.push(`${v.name}: ${n0(rps / cpu)} requests/s per CPU core${cpu > 0.8 * cores ? ` — CPU-bound (${cpu.toFixed(2)} of ${cores} cores)` : ''}.`);
      if (cpu > 0.8 * cores) recs.push(`${v.name} is CPU-bound: scale out on CPU (HPA at ~70% of the request) and profile the hot path before adding memory.`);
    }
    const costs = v.group.results.map((r) => r.cost?.costPerMillion).filter((x): x is number => x !== undefined);
    if (costs.length) analysis.push(`${v.name}: ${formatMoney(costs.sort((a, b) => a - b)[Math.floor((costs.length - 1) / 2)], v.group.results.find((r) => r.cost)!.cost!.currency)} per 1M requests (${v.group.results.find((r) => r.cost)!.cost!.source}).`);
  }
  for (const cap of m.capacities) {
    const p = cap.projection;
    const first = p.rows[0];
    const last = p.rows[p.rows.length - 1];
    analysis.push(
      `Capacity (${cap.groupName}): ${n0(p.input.perPodRps)} req/s per pod measured, planned at ${Math.round(p.utilization * 100)}% = ${n0(p.plannedPerPodRps)} req/s; ${n0(first.rps)} req/s needs ${first.pods} pod${first.pods === 1 ? '' : 's'} now and ${n0(last.rps)} req/s needs ${last.pods} after ${last.month} months (${Math.round(p.input.growthPerMonth * 100)}%/month); ${last.inFlight.toFixed(0)} requests in flight then (Little's law, mean ${p.input.meanLatencyMs.toFixed(1)} ms).`,
    );
  }

  for (const c of m.candidates) {
    const failed = (c.gate?.rows ?? []).filter((r) => r.verdict === 'FAIL');
    if (failed.length && m.reference) {
      const where = endpointShift(c, m.reference);
      recs.push(`Investigate the ${failed.map((r) => r.metric.label).join(' and ')} regression of ${c.view.name}${where ? `; it is largest on ${where}` : ''}. Profile both builds under the same profile and compare.`);
    }
    if (c.view.thresholdsMissed.length) recs.push(`${c.view.name} missed profile thresholds (${c.view.thresholdsMissed.slice(0, 3).join('; ')}${c.view.thresholdsMissed.length > 3 ? '; …' : ''}): fix the cause or revisit the targets.`);
    if (Object.keys(c.view.errorsByKind).length) recs.push(`${c.view.name} had failed requests: check the server's logs for the error kinds above before trusting its latency.`);
  }
  if (views.some((v) => v.group.results.length < 3)) {
    recs.push('Repeat each configuration at least 3 times (perflab run --repeat 3): single runs have no run-to-run noise estimate, and the gate then relies on sampling noise, which understates it.');
  }
  if (views.some((v) => (v.figures.find((f) => f.metric.id === 'p95')?.cv ?? 0) > 0.1)) {
    recs.push('Run-to-run variation above 10%: measure on a quieter machine, lengthen the runs, or add repeats before drawing conclusions.');
  }
  if (m.sample.profile.name === 'smoke') recs.push('The smoke profile proves the pipeline works; use baseline or stress for decisions.');
  if (m.capacities.length && m.sample.profile.model === 'closed' && m.sample.profile.name !== 'stress') {
    recs.push('Per-pod throughput comes from a run that may not have saturated the service; measure it with the stress profile before sizing production on this projection.');
  }
  if (views.every((v) => v.group.results.every((r) => !r.cost))) recs.push('No cost figures: run with OpenCost or the pricing model to compare cost per 1M requests.');
  if (recs.length === 0) recs.push('Nothing to act on: keep this run as the new baseline (perflab baseline save).');
  return { analysis, recommendations: recs };
}
