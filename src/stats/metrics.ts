/**
 * The per-run figures statistics and the gate work on: latency percentiles, throughput, error
 * rate, peak memory and CPU, each with its unit, the direction that is better, and how it is
 * read from a RunResult and shown.
 */
import { RunResult } from '../results/run-result';

/** Names of the compared figures. */
export const METRIC_IDS = ['p50', 'p95', 'p99', 'rps', 'errorRate', 'memory', 'cpu'] as const;
/** One compared figure. */
export type MetricId = (typeof METRIC_IDS)[number];

/** What a figure is and how to read and show it. */
export interface MetricDefinition {
  readonly id: MetricId;
  readonly label: string;
  readonly unit: string;
  /** Whether a lower or a higher value is the better one. */
  readonly better: 'lower' | 'higher';
  /** For latency figures: the percentile (50, 95, 99) the HDR histogram can recompute. */
  readonly percentile?: number;
  /** The figure of one run, or undefined when the run does not report it. */
  of(r: RunResult): number | undefined;
  /** The value with its unit, for tables. */
  format(v: number): string;
}

const ms = (v: number): string => `${v < 10 ? v.toFixed(3) : v < 100 ? v.toFixed(2) : v.toFixed(1)} ms`;

function sumOrUndefined(values: readonly number[]): number | undefined {
  return values.length ? values.reduce((a, b) => a + b, 0) : undefined;
}

/** The throughput figure of a run: requests, else transactions, else messages per second. */
export function throughputOf(r: RunResult): number | undefined {
  return r.throughput.requestsPerSecond ?? r.throughput.transactionsPerSecond ?? r.throughput.messagesPerSecond;
}

const latency = (id: MetricId, p: 50 | 95 | 99): MetricDefinition => ({
  id,
  label: `latency p${p}`,
  unit: 'ms',
  better: 'lower',
  percentile: p,
  of: (r) => (r.latency.count > 0 ? r.latency[`p${p}`] : undefined),
  format: ms,
});

/** Every compared figure, in table order. */
export const METRICS: readonly MetricDefinition[] = [
  latency('p50', 50),
  latency('p95', 95),
  latency('p99', 99),
  { id: 'rps', label: 'throughput', unit: 'req/s', better: 'higher', of: throughputOf, format: (v) => `${v.toFixed(v < 100 ? 1 : 0)} /s` },
  { id: 'errorRate', label: 'error rate', unit: '%', better: 'lower', of: (r) => r.errors.rate, format: (v) => `${(v * 100).toFixed(2)}%` },
  {
    id: 'memory',
    label: 'peak memory',
    unit: 'MiB',
    better: 'lower',
    of: (r) => sumOrUndefined(r.resources.map((x) => x.memoryPeakBytes)),
    format: (v) => `${(v / 1024 / 1024).toFixed(1)} MiB`,
  },
  {
    id: 'cpu',
    label: 'cpu',
    unit: 'cores',
    better: 'lower',
    of: (r) => sumOrUndefined(r.resources.map((x) => x.cpuCoresAvg)),
    format: (v) => `${v.toFixed(2)} cores`,
  },
];

/** Whether `s` names a compared figure. */
export function isMetricId(s: string): s is MetricId {
  return (METRIC_IDS as readonly string[]).includes(s);
}

/** The definition of a figure. */
export function metricDefinition(id: MetricId): MetricDefinition {
  const d = METRICS.find((m) => m.id === id);
  if (!d) throw new Error(`unknown metric ${id}`);
  return d;
}

/** The figure of every run that reports it. */
export function figuresOf(results: readonly RunResult[], metric: MetricDefinition): number[] {
  const out: number[] = [];
  for (const r of results) {
    const v = metric.of(r);
    if (v !== undefined && Number.isFinite(v)) out.push(v);
  }
  return out;
}
