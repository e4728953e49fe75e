/**
 * The report's tables as plain data (header + rows), so the Markdown and HTML renderers print
 * the same figures: configuration, environment, latency against the reference and the targets,
 * throughput, resources, cost, capacity and the gate's full comparison.
 */
import { describeRule } from '../gate/rules';
import { profileDurationSeconds } from '../load/profile';
import { formatChange, formatChangeCi, formatP, formatRange } from '../stats/format';
import { CandidateView, CapacityView, GroupView, ReportModel, figure } from './model';
import { formatMoney } from '../cost/format-money';
import { differenceCell } from '../results/ranking-table';
import { rateColumn, rateNoun } from '../results/summary-table';
import { SATURATION_WARNING, driverSaturated, markSaturated } from '../results/driver-saturation';

/** A table for the renderers. */
export interface Table {
  readonly caption?: string;
  readonly header: string[];
  readonly rows: string[][];
}

const ms = (v: number | undefined): string => (v === undefined ? '-' : `${v < 10 ? v.toFixed(3) : v < 100 ? v.toFixed(2) : v.toFixed(1)} ms`);
const mib = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const median = (xs: number[]): number | undefined => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : undefined;
};

/** The load profile and how the load was generated. */
export function configurationTable(m: ReportModel): Table {
  const r = m.sample;
  const p = r.profile;
  const unit = p.model === 'closed' ? 'VUs' : 'req/s';
  const stages = [`start ${p.startTarget} ${unit}`, ...p.stages.map((s) => `${s.target} ${unit} over ${s.durationSeconds} s`)].join(' → ');
  const t = p.thresholds;
  const thresholds = [t.p95Ms && `p95 < ${t.p95Ms} ms`, t.p99Ms && `p99 < ${t.p99Ms} ms`, t.maxErrorRate !== undefined && `errors ≤ ${(t.maxErrorRate * 100).toFixed(2)}%`, t.minRps !== undefined && `rps ≥ ${t.minRps}`]
    .filter(Boolean)
    .join(', ');
  const mix = (p.requestMix ?? []).map((e) => `${e.method} ${e.path} (${e.name}, weight ${e.weight})`).join('; ');
  const rows: string[][] = [
    ['experiment', r.experiment],
    ['profile', `${p.name}${p.description ? ` — ${p.description}` : ''}`],
    ['model', p.model === 'closed' ? 'closed (virtual users)' : 'open (arrival rate)'],
    ['stages', stages],
    ['length', `${profileDurationSeconds(p)} s`],
    ['pattern', p.pattern.kind],
    ['request mix', mix || '-'],
    ['think time', p.thinkTime ? `${p.thinkTime.minMs}–${p.thinkTime.maxMs} ms` : 'none'],
    ['thresholds', thresholds || 'none'],
    ['load generator', `${r.loadGenerator.name} ${r.loadGenerator.version}`],
    ['target', r.target],
  ];
  return { header: ['setting', 'value'], rows };
}

/** Where the numbers were measured. */
export function environmentTable(m: ReportModel): Table {
  const e = m.sample.environment;
  const rows: string[][] = [
    ['target', e.target],
    ['os / kernel', `${e.os} / ${e.kernel}`],
    ['cpu', `${e.cpuModel} (${e.cpuCores} cores, ${e.arch})`],
    ['memory', `${(e.memoryBytes / 1024 ** 3).toFixed(1)} GiB`],
  ];
  for (const [k, v] of [['node type', e.nodeType], ['CNI', e.cni], ['mesh mode', e.meshMode], ['storage class', e.storageClass], ['placement', e.placement]] as const) if (v) rows.push([k, v]);
  rows.push(['tools', Object.entries(e.toolVersions).map(([k, v]) => `${k} ${v}`).join(', ')]);
  return { header: ['', ''], rows };
}

function target(m: ReportModel, pct: string): string {
  const t = m.sample.profile.thresholds;
  if (pct === 'p95' && t.p95Ms !== undefined) return `< ${t.p95Ms} ms`;
  if (pct === 'p99' && t.p99Ms !== undefined) return `< ${t.p99Ms} ms`;
  return '-';
}

const PERCENTILES: [string, number | 'max'][] = [['p50', 50], ['p90', 90], ['p95', 95], ['p99', 99], ['p99.9', 99.9], ['max', 'max']];

function histogramAt(v: GroupView, p: number | 'max'): number | undefined {
  if (!v.histogram || v.histogram.totalCount === 0) return undefined;
  return (p === 'max' ? v.histogram.maxValue : v.histogram.getValueAtPercentile(p)) / 1000;
}

/** Latency of a candidate against the reference and the profile's targets. */
export function latencyTable(m: ReportModel, c: CandidateView): Table {
  // Only a gated candidate (same configuration as the baseline) is set against the baseline.
  const ref = c.gate ? m.reference : undefined;
  const rows = PERCENTILES.map(([name, p]) => {
    const row = c.gate?.rows.find((r) => r.metric.id === name);
    const comp = row?.comparison;
    const cur = comp ? comp.current.estimate : figure(c.view, name as 'p50')?.estimate ?? histogramAt(c.view, p);
    const tgt = target(m, name);
    const meets = tgt === '-' || cur === undefined ? '' : cur < Number(tgt.replace(/[^\d.]/g, '')) ? 'meets target' : 'MISSES target';
    if (!ref) return [name, ms(cur), tgt, meets];
    const base = comp ? comp.baseline.estimate : figure(ref, name as 'p50')?.estimate ?? histogramAt(ref, p);
    const change = comp ? formatChange(comp) : base && cur !== undefined ? `${cur >= base ? '+' : ''}${((cur / base - 1) * 100).toFixed(1)}%` : '-';
    return [name, ms(base), ms(cur), change, comp ? formatChangeCi(comp) : '-', comp ? formatP(comp.pValue) : '-', tgt, row && comp ? row.verdict : meets];
  });
  const header = ref ? ['percentile', ref.name, c.view.name, 'change', 'change CI', 'p', 'target', 'verdict'] : ['percentile', c.view.name, 'target', ''];
  return { caption: ref ? `${c.view.name} vs ${ref.name} (medians of runs for p50/p95/p99; all runs' merged histogram for p90, p99.9, max)` : undefined, header, rows };
}

/** Throughput and errors of every configuration. */
export function throughputTable(m: ReportModel): Table {
  const views = [...(m.reference ? [m.reference] : []), ...m.candidates.map((c) => c.view)];
  const pct = Math.round(m.confidence * 100);
  const marked = views.filter((v) => v.group.results.some(driverSaturated)).map((v) => v.name);
  return {
    caption: marked.length ? `! ${SATURATION_WARNING}: ${marked.join(', ')}` : undefined,
    header: ['configuration', 'runs', `${rateColumn(views.flatMap((v) => v.group.results))} (median, ${pct}% CI)`, 'requests', 'error rate', 'errors by kind'],
    rows: views.map((v) => {
      const rps = figure(v, 'rps');
      const err = figure(v, 'errorRate');
      const total = v.group.results.reduce((s, r) => s + (r.throughput.totalRequests ?? r.throughput.totalTransactions ?? r.throughput.totalMessages ?? 0), 0);
      return [
        markSaturated(v.name, v.group.results),
        String(v.group.results.length),
        rps ? `${rps.estimate.toFixed(1)}${rps.runs > 1 ? ` (${rps.low.toFixed(1)}–${rps.high.toFixed(1)})` : ''}` : '-',
        total.toLocaleString('en-US'),
        err ? `${(err.estimate * 100).toFixed(3)}%` : '-',
        Object.entries(v.errorsByKind).map(([k, n]) => `${k} ${n}`).join(', ') || '-',
      ];
    }),
  };
}

/** Resources per configuration and component (medians over runs). */
export function resourcesTable(m: ReportModel): Table | undefined {
  const views = [...(m.reference ? [m.reference] : []), ...m.candidates.map((c) => c.view)];
  const rows: string[][] = [];
  for (const v of views) {
    const components = [...new Set(v.group.results.flatMap((r) => r.resources.map((x) => x.component)))];
    for (const comp of components) {
      const xs = v.group.results.flatMap((r) => r.resources.filter((x) => x.component === comp));
      rows.push([
        v.name,
        comp,
        (median(xs.map((x) => x.cpuCoresAvg)) ?? 0).toFixed(3),
        (median(xs.map((x) => x.cpuCoreSeconds)) ?? 0).toFixed(2),
        mib(median(xs.map((x) => x.memoryAvgBytes)) ?? 0),
        mib(median(xs.map((x) => x.memoryPeakBytes)) ?? 0),
        xs[0]?.source ?? '-',
      ]);
    }
  }
  return rows.length ? { header: ['configuration', 'component', 'cpu cores', 'cpu core-s', 'memory avg', 'memory peak', 'source'], rows } : undefined;
}

/** Cost per configuration, when the runs carry it. */
export function costTable(m: ReportModel): Table | undefined {
  const views = [...(m.reference ? [m.reference] : []), ...m.candidates.map((c) => c.view)];
  const rows = views
    .filter((v) => v.group.results.some((r) => r.cost))
    .map((v) => {
      const costs = v.group.results.map((r) => r.cost).filter((c): c is NonNullable<typeof c> => c !== undefined);
      const cur = costs[0].currency;
      const per = median(costs.map((c) => c.costPerMillion).filter((x): x is number => x !== undefined));
      const breakdown: Record<string, number[]> = {};
      for (const c of costs) for (const [k, x] of Object.entries(c.breakdown ?? {})) (breakdown[k] ??= []).push(x);
      return [
        v.name,
        costs[0].source,
        formatMoney(median(costs.map((c) => c.totalCost)) ?? 0, cur),
        per === undefined ? '-' : formatMoney(per, cur),
        Object.entries(breakdown).map(([k, xs]) => `${k} ${formatMoney(median(xs) ?? 0, '')}`).join(', ') || '-',
      ];
    });
  return rows.length ? { header: ['configuration', 'source', 'run cost (median)', `per 1M ${rateNoun(views.flatMap((v) => v.group.results))}`, 'breakdown'], rows } : undefined;
}

/** What a capacity projection starts from, as one sentence (the Markdown and HTML intro). */
export function capacityIntro(c: CapacityView): string {
  const p = c.projection;
  return `From ${c.groupName}: ${p.input.perPodRps.toFixed(1)} req/s per pod (measured with ${c.podsMeasured} pod${c.podsMeasured === 1 ? '' : 's'}), planned at ${Math.round(p.utilization * 100)}% utilization (${p.plannedPerPodRps.toFixed(1)} req/s per pod); requests in flight by Little's law (L = λ·W, mean latency ${p.input.meanLatencyMs.toFixed(2)} ms, p95 for the upper bound); ${Math.round(p.input.growthPerMonth * 100)}% growth per month.`;
}

/** A configuration's capacity projection, month by month. */
export function capacityTable(c: CapacityView): Table {
  return {
    caption: c.groupName,
    header: ['month', 'target rps', 'pods', 'in flight (mean latency)', 'in flight (p95)', 'in flight per pod'],
    rows: c.projection.rows.map((r) => [
      String(r.month),
      Math.round(r.rps).toLocaleString('en-US'),
      String(r.pods),
      r.inFlight.toFixed(1),
      r.inFlightP95 === undefined ? '-' : r.inFlightP95.toFixed(1),
      r.inFlightPerPod.toFixed(1),
    ]),
  };
}

/** The gate's full comparison of a candidate. */
export function gateDetailTable(c: CandidateView): Table | undefined {
  if (!c.gate) return undefined;
  return {
    caption: `${c.view.name}: every figure (${c.gate.currentRuns} run${c.gate.currentRuns === 1 ? '' : 's'} vs ${c.gate.baselineRuns})`,
    header: ['metric', 'baseline', 'current', 'change', 'change CI', 'noise band', 'p', 'noise', 'rule', 'verdict'],
    rows: c.gate.rows.map((r) => {
      const x = r.comparison;
      if (!x) return [r.metric.label, '-', '-', '-', '-', '-', '-', '-', describeRule(r.rule), r.verdict];
      return [r.metric.label, x.metric.format(x.baseline.estimate), x.metric.format(x.current.estimate), formatChange(x), formatChangeCi(x), formatRange(x.metric, x.noiseBand), formatP(x.pValue), x.method, describeRule(r.rule), r.verdict];
    }),
  };
}

/** One neutral ranking per workload of the report's configurations (by median throughput, differences from the first with CIs; no verdict). */
export function rankingTables(m: ReportModel): Table[] {
  const nameOf = new Map(m.candidates.map((c) => [c.view.group, c.view.name]));
  const pct = Math.round(m.confidence * 100);
  return m.rankings.map(({ workload, ranked }) => {
    const unit = rateColumn(ranked.flatMap((r) => r.group.results));
    return {
      caption: `${workload ? `${workload}: ` : ''}ranked by median ${unit}; differences from ${nameOf.get(ranked[0].group)} with ${pct}% bootstrap CIs over repeats (none for single runs)`,
      header: ['rank', 'configuration', 'runs', unit, `${unit} vs first`, 'p95 vs first', 'p99 vs first'],
      rows: ranked.map((r) => [
        String(r.rank),
        nameOf.get(r.group) ?? '-',
        String(r.group.results.length),
        r.rate === undefined ? '-' : r.rate.toFixed(r.rate < 100 ? 1 : 0),
        ...(r.vsFirst ? [differenceCell(r.vsFirst.rps), differenceCell(r.vsFirst.p95), differenceCell(r.vsFirst.p99)] : ['(first)', '(first)', '(first)']),
      ]),
    };
  });
}

/** Where a request's time went, per configuration and layer (medians over the runs that traced it). */
export function layersReportTable(m: ReportModel): Table | undefined {
  const views = [...(m.reference ? [m.reference] : []), ...m.candidates.map((c) => c.view)];
  const rows: string[][] = [];
  for (const v of views) {
    const traced = v.group.results.map((r) => r.layers).filter((b): b is NonNullable<typeof b> => b !== undefined);
    if (!traced.length) continue;
    for (const layer of [...new Set(traced.flatMap((b) => b.layers.map((l) => l.layer)))]) {
      const ls = traced.flatMap((b) => b.layers.filter((l) => l.layer === layer));
      rows.push([v.name, layer, ms(median(ls.map((l) => l.meanMs))), `${((median(ls.map((l) => l.share)) ?? 0) * 100).toFixed(1)}%`, ms(median(ls.map((l) => l.p95Ms)))]);
    }
    rows.push([v.name, 'traced total', ms(median(traced.map((b) => b.totalMeanMs))), '100.0%', '-']);
  }
  return rows.length ? { caption: 'Mean time per request in each layer, from distributed traces (median over runs)', header: ['configuration', 'layer', 'mean', 'share', 'p95'], rows } : undefined;
}
