/**
 * The first comparison view: one row per RunResult with throughput, latency percentiles,
 * errors, peak memory, CPU and cold start. Statistics across repeats build on this seam.
 */
import { formatTable } from '../cli/table';
import { RunResult } from './run-result';

const fmt = (n: number | undefined, digits = 2): string => (n === undefined ? '-' : n.toFixed(digits));
const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/** The headline figures of a result, as table cells. */
export function headlineRow(r: RunResult): string[] {
  const server = r.resources[0];
  return [
    r.label ?? r.variant,
    r.profile.name,
    fmt(r.throughput.requestsPerSecond ?? r.throughput.transactionsPerSecond ?? r.throughput.messagesPerSecond, 0),
    fmt(r.latency.p50, 3),
    fmt(r.latency.p95, 3),
    fmt(r.latency.p99, 3),
    `${(r.errors.rate * 100).toFixed(2)}%`,
    server ? mib(server.memoryPeakBytes) : '-',
    server ? fmt(server.cpuCoresAvg) : '-',
    r.coldStartMs === undefined ? '-' : fmt(r.coldStartMs, 0),
    r.thresholdsPassed ? 'pass' : 'FAIL',
  ];
}

/** Column names matching `headlineRow`. */
export const HEADLINE_COLUMNS = ['variant', 'profile', 'rps', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'peak MiB', 'cpu cores', 'cold ms', 'thresholds'];

/** A side-by-side table of results, fastest (highest throughput) first. */
export function comparisonTable(results: readonly RunResult[]): string {
  const rows = [...results]
    .sort((a, b) => (b.throughput.requestsPerSecond ?? 0) - (a.throughput.requestsPerSecond ?? 0))
    .map(headlineRow);
  return formatTable(HEADLINE_COLUMNS, rows);
}
