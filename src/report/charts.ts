/** The report's charts, built from the model with the SVG primitives in svg.ts. */
import { MetricId } from '../stats/metrics';
import { CapacityView, GroupView, ReportModel, figure } from './model';
import { Bar, ReferenceLine, barChart, columnChart, percentileAxis, percentileChart } from './svg';
import { formatMoney } from '../cost/format-money';
import { rateNoun } from '../results/summary-table';

const views = (m: ReportModel): GroupView[] => [...(m.reference ? [m.reference] : []), ...m.candidates.map((c) => c.view)];

/** Whether the profile sets latency targets (p95 or p99) the latency chart draws as dashed lines. */
export function hasLatencyTargets(m: ReportModel): boolean {
  return m.sample.profile.thresholds.p95Ms !== undefined || m.sample.profile.thresholds.p99Ms !== undefined;
}

/** Latency by percentile from each configuration's merged HDR histogram; undefined without histograms. */
export function latencyDistributionChart(m: ReportModel): string | undefined {
  const withData = views(m).filter((v) => v.histogram && v.histogram.totalCount > 0);
  if (withData.length === 0) return undefined;
  // Up to the percentile that still has ~3 samples above it (0.5 decade short of 1/n), 99% at least.
  const xMax = Math.min(5, Math.max(2, ...withData.map((v) => Math.floor(Math.log10(v.histogram!.totalCount) - 0.5))));
  const series = withData.map((v) => {
    const points: [number, number][] = [];
    for (let i = 0; i <= xMax * 40; i++) {
      const x = i / 40;
      const p = 100 * (1 - 10 ** -x);
      points.push([x, v.histogram!.getValueAtPercentile(p) / 1000]);
    }
    return { name: `${v.name} (${v.histogram!.totalCount.toLocaleString('en-US')} requests)`, color: v.color, points };
  });
  const t = m.sample.profile.thresholds;
  const lines: ReferenceLine[] = [];
  if (t.p95Ms !== undefined) lines.push({ label: `p95 target ${t.p95Ms} ms`, value: t.p95Ms });
  if (t.p99Ms !== undefined) lines.push({ label: `p99 target ${t.p99Ms} ms`, value: t.p99Ms });
  return percentileChart(series, lines);
}

function figureBars(m: ReportModel, id: MetricId, scale: (v: number) => number, text: (v: number) => string): Bar[] {
  return views(m).flatMap((v) => {
    const f = figure(v, id);
    if (!f) return [];
    return [{ label: v.name, value: scale(f.estimate), low: f.runs > 1 ? scale(f.low) : undefined, high: f.runs > 1 ? scale(f.high) : undefined, runs: f.values.map(scale), color: v.color, text: text(f.estimate) }];
  });
}

/** Throughput per configuration: median, CI whiskers, one dot per run. */
export function throughputChart(m: ReportModel): string | undefined {
  const noun = rateNoun(views(m).flatMap((v) => v.group.results));
  const bars = figureBars(m, 'rps', (v) => v, (v) => `${v.toFixed(v < 100 ? 1 : 0)} /s`);
  return bars.length ? barChart('Throughput', bars, `${noun} per second (median of runs, CI whiskers, dots = runs)`) : undefined;
}

/** CPU cores per configuration (all components). */
export function cpuChart(m: ReportModel, width?: number): string | undefined {
  const bars = figureBars(m, 'cpu', (v) => v, (v) => `${v.toFixed(2)} cores`);
  return bars.length ? barChart('CPU', bars, 'CPU cores, average (sum of components)', width) : undefined;
}

/** Peak memory per configuration (all components). */
export function memoryChart(m: ReportModel, width?: number): string | undefined {
  const bars = figureBars(m, 'memory', (v) => v / 1024 / 1024, (v) => `${(v / 1024 / 1024).toFixed(1)} MiB`);
  return bars.length ? barChart('Peak memory', bars, 'peak resident memory, MiB (sum of components)', width) : undefined;
}

/** Cost per 1M of the runs' unit (requests, transactions, messages), when the runs carry cost. */
export function costChart(m: ReportModel): string | undefined {
  const bars: Bar[] = views(m).flatMap((v) => {
    const xs = v.group.results.map((r) => r.cost?.costPerMillion).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    if (!xs.length) return [];
    const med = xs[Math.floor((xs.length - 1) / 2)];
    const cur = v.group.results.find((r) => r.cost)!.cost!.currency;
    return [{ label: v.name, value: med, runs: xs, color: v.color, text: formatMoney(med, cur) }];
  });
  const noun = rateNoun(views(m).flatMap((v) => v.group.results));
  return bars.length ? barChart(`Cost per 1M ${noun}`, bars, `cost per 1M ${noun}`) : undefined;
}

/** Pods one configuration needs month by month. */
export function capacityChart(c: CapacityView): string {
  return columnChart(
    `Pods needed — ${c.groupName}`,
    c.projection.rows.map((r) => ({ label: `m${r.month}`, value: r.pods, text: String(r.pods) })),
    `pods needed per month at ${Math.round(c.projection.input.growthPerMonth * 100)}%/month growth`,
    c.color,
  );
}

/** The x position used for a percentile, re-exported for tests of the chart's axis. */
export { percentileAxis };
