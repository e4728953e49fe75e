/**
 * Comparison views: one row per RunResult with throughput, latency percentiles, errors, peak
 * memory, CPU, cold start and image size; then, across repeats, each configuration's medians with bootstrap
 * CIs, and each configuration's changes against a reference one with CIs and p-values.
 */
import { formatTable } from '../cli/table';
import { CompareOptions, compareGroups } from '../stats/compare';
import { formatChange, formatChangeCi, formatP } from '../stats/format';
import { ResultGroup, displayName, groupName } from '../stats/groups';
import { groupWorkload, workloadOf } from '../stats/pairing';
import { byRate } from '../stats/ranking';
import { MetricId } from '../stats/metrics';
import { summarizeGroup } from '../stats/summary';
import { RunResult } from './run-result';
import { formatMoney } from '../cost/format-money';
import { SATURATION_WARNING, driverSaturated, markSaturated, saturationNote } from './driver-saturation';

const fmt = (n: number | undefined, digits = 2): string => (n === undefined ? '-' : n.toFixed(digits));
const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/** The run's main rate: requests, transactions or messages per second. */
export function mainRate(r: RunResult): number | undefined {
  return r.throughput.requestsPerSecond ?? r.throughput.transactionsPerSecond ?? r.throughput.messagesPerSecond;
}

/** Header of the rate column: `rps`, `tps` or `msgs/s` when every result counts the same unit, else `ops/s`. */
export function rateColumn(results: readonly RunResult[]): string {
  const units = new Set(
    results.map((r) => (r.throughput.requestsPerSecond !== undefined ? 'rps' : r.throughput.transactionsPerSecond !== undefined ? 'tps' : 'msgs/s')),
  );
  return units.size === 1 ? [...units][0] : 'ops/s';
}

/** What the runs count, for labels: `requests`, `transactions`, `messages`, or `operations` when mixed. */
export function rateNoun(results: readonly RunResult[]): string {
  return ({ rps: 'requests', tps: 'transactions', 'msgs/s': 'messages' } as Record<string, string>)[rateColumn(results)] ?? 'operations';
}

/** Cost per 1M of the run's unit, or `-` when the run has no cost. */
function costCell(r: RunResult): string {
  const c = r.cost?.costPerMillion;
  return c === undefined ? '-' : formatMoney(c, r.cost?.currency);
}

/**
 * Image size in MiB, suffixed with what it counts: `node` (the image, as the node reports it) or
 * `artefact` (local: only the built artefact the image would add to its base).
 */
function imageCell(r: RunResult): string {
  if (!r.imageSize) return '-';
  return `${mib(r.imageSize.bytes)} ${r.imageSize.source === 'node-image' ? 'node' : 'artefact'}`;
}

/** The headline figures of a result, as table cells; memory and CPU are the sum of every component measured. */
export function headlineRow(r: RunResult): string[] {
  const total = r.resources.length ? { memoryPeakBytes: r.resources.reduce((s, x) => s + x.memoryPeakBytes, 0), cpuCoresAvg: r.resources.reduce((s, x) => s + x.cpuCoresAvg, 0) } : undefined;
  return [
    markSaturated(displayName(r.variant, r.label), [r]),
    r.profile.name,
    fmt(mainRate(r), 0),
    fmt(r.latency.p50, 3),
    fmt(r.latency.p95, 3),
    fmt(r.latency.p99, 3),
    `${(r.errors.rate * 100).toFixed(2)}%`,
    total ? mib(total.memoryPeakBytes) : '-',
    total ? fmt(total.cpuCoresAvg) : '-',
    r.coldStartMs === undefined ? '-' : fmt(r.coldStartMs, 0),
    imageCell(r),
    costCell(r),
    r.thresholdsPassed ? 'pass' : 'missed',
  ];
}

/** Column names matching `headlineRow` (the rate column is named by `rateColumn`). */
export const HEADLINE_COLUMNS = ['variant', 'profile', 'rps', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'peak MiB', 'cpu cores', 'cold ms', 'image MiB', 'cost/1M', 'thresholds'];

/** A side-by-side table of results: grouped by workload (in order of appearance), highest throughput first within each. */
export function comparisonTable(results: readonly RunResult[]): string {
  const order = [...new Set(results.map(workloadOf))];
  const rows = [...results].sort((a, b) => order.indexOf(workloadOf(a)) - order.indexOf(workloadOf(b)) || (mainRate(b) ?? 0) - (mainRate(a) ?? 0)).map(headlineRow);
  const columns = [...HEADLINE_COLUMNS];
  columns[2] = rateColumn(results);
  const note = saturationNote(results, (r) => displayName(r.variant, r.label));
  return formatTable(columns, rows) + (note ? `\n${note}` : '');
}

const STAT_METRICS: readonly MetricId[] = ['rps', 'p50', 'p95', 'p99', 'errorRate', 'memory', 'cpu'];

function costPerMillion(g: ResultGroup): string {
  const costs = g.results.map((r) => r.cost?.costPerMillion).filter((c): c is number => c !== undefined).sort((a, b) => a - b);
  if (costs.length === 0) return '-';
  const mid = costs.length % 2 ? costs[(costs.length - 1) / 2] : (costs[costs.length / 2 - 1] + costs[costs.length / 2]) / 2;
  return formatMoney(mid, g.results.find((r) => r.cost)?.cost?.currency);
}

/** Per configuration, highest median rate first: runs, then each figure's median with its bootstrap CI, and cost per 1M. */
export function groupSummaryTable(groups: readonly ResultGroup[], opts: CompareOptions = {}): string {
  const rows = byRate(groups).map((g) => {
    const figures = summarizeGroup(g.results, opts);
    const cells = STAT_METRICS.map((id) => {
      const f = figures.find((x) => x.metric.id === id);
      if (!f) return '-';
      const v = f.metric.format(f.estimate);
      return f.runs > 1 ? `${v} [${f.metric.format(f.low).replace(/\s.*$/, '')}–${f.metric.format(f.high).replace(/\s.*$/, '')}]` : v;
    });
    return [markSaturated(groupName(g), g.results), g.key.profile, String(g.results.length), ...cells, costPerMillion(g)];
  });
  const pct = Math.round((opts.confidence ?? 0.95) * 100);
  const marked = groups.filter((g) => g.results.some(driverSaturated)).map(groupName);
  const note = marked.length ? `\n! ${SATURATION_WARNING}: ${marked.join(', ')}` : '';
  return formatTable(['variant', 'profile', 'runs', `${rateColumn(groups.flatMap((g) => g.results))} [${pct}% CI]`, 'p50', 'p95', 'p99', 'errors', 'peak memory', 'cpu', 'cost/1M'], rows) + note;
}

/**
 * Each configuration of the reference's workload against `reference`: figure, values, change,
 * CI, p-value and whether beyond noise. Configurations of other workloads are never paired with it.
 */
export function deltaTable(reference: ResultGroup, groups: readonly ResultGroup[], opts: CompareOptions = {}): string {
  const rows: string[][] = [];
  for (const g of groups) {
    if (g === reference || groupWorkload(g) !== groupWorkload(reference)) continue;
    for (const c of compareGroups(reference.results, g.results, opts)) {
      rows.push([
        groupName(g),
        c.metric.label,
        c.metric.format(c.baseline.estimate),
        c.metric.format(c.current.estimate),
        formatChange(c),
        formatChangeCi(c),
        formatP(c.pValue),
        c.significant === undefined ? 'no noise estimate' : c.significant ? 'yes' : 'no',
      ]);
    }
  }
  return formatTable(['variant', 'metric', groupName(reference), 'value', 'change', 'change CI', 'p', 'beyond noise'], rows);
}
