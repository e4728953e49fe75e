/**
 * Combines the summaries of N k6 runners (a distributed TestRun) into one set of figures.
 * Counts, rates, bytes, errors and dropped iterations add up exactly; min/max are exact and the
 * mean is count-weighted and exact. Percentiles cannot be merged from summaries (k6's summary
 * carries no histogram), and an average of percentiles is no percentile: the merged percentile
 * of a mixture lies between the lowest and the highest of its parts' percentiles, so each is
 * reported as that [min, max] range (`latency.percentileRanges`) with the upper end as its value
 * — a bound the thresholds are judged on, never an estimate dressed as a measurement. Runners
 * that measured no request (count 0, all-zero figures) are left out of latency. One runner's
 * figures pass through unchanged.
 */
import { K6SummaryFigures, errorFigures } from '../results/k6-summary';
import { Latency } from '../results/run-result';

/** Merged figures, and whether any of them is approximate. */
export interface MergedFigures {
  readonly figures: K6SummaryFigures;
  /** Set when percentiles are ranges across several runners. */
  readonly approximation?: string;
}

const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;

const PERCENTILES = ['p50', 'p90', 'p95', 'p99', 'p999'] as const;

/** Latency of several runners: exact count, min, max and mean; percentiles as ranges (upper end as the value). */
export function mergeLatency(all: readonly Latency[]): Latency {
  const parts = all.filter((l) => l.count > 0);
  if (parts.length === 0) return { count: 0, min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 };
  if (parts.length === 1) return { ...parts[0] };
  const total = parts.reduce((s, l) => s + l.count, 0);
  const range = (k: (typeof PERCENTILES)[number]): [number, number] => [Math.min(...parts.map((l) => l[k])), Math.max(...parts.map((l) => l[k]))];
  const ranges = { p50: range('p50'), p90: range('p90'), p95: range('p95'), p99: range('p99'), p999: range('p999') };
  return {
    count: total,
    min: Math.min(...parts.map((l) => l.min)),
    mean: round(parts.reduce((s, l) => s + l.mean * l.count, 0) / total),
    p50: ranges.p50[1],
    p90: ranges.p90[1],
    p95: ranges.p95[1],
    p99: ranges.p99[1],
    p999: ranges.p999[1],
    max: Math.max(...parts.map((l) => l.max)),
    percentileRanges: ranges,
  };
}

/** One set of figures from one or more runners' summaries (must be non-empty). */
export function mergeRunnerFigures(parts: readonly K6SummaryFigures[]): MergedFigures {
  if (parts.length === 0) throw new Error('mergeRunnerFigures: no runner summaries to merge');
  if (parts.length === 1) return { figures: parts[0] };
  const sum = (f: (p: K6SummaryFigures) => number | undefined): number => parts.reduce((s, p) => s + (f(p) ?? 0), 0);
  const totalRequests = sum((p) => p.throughput.totalRequests);
  const droppedIterations = sum((p) => p.droppedIterations);
  const failedRequests = sum((p) => p.errors.byKind.http_failed ?? 0);

  const endpointNames = [...new Set(parts.flatMap((p) => p.endpoints.map((e) => e.name)))].sort();
  const endpoints = endpointNames.map((name) => {
    const eps = parts.flatMap((p) => p.endpoints.filter((e) => e.name === name));
    return { name, requests: eps.reduce((s, e) => s + e.requests, 0), errors: eps.reduce((s, e) => s + e.errors, 0), latency: mergeLatency(eps.map((e) => e.latency)) };
  });
  const hasBytes = parts.some((p) => p.throughput.totalBytes !== undefined);
  return {
    figures: {
      latency: mergeLatency(parts.map((p) => p.latency)),
      throughput: {
        requestsPerSecond: round(sum((p) => p.throughput.requestsPerSecond), 2),
        totalRequests,
        ...(hasBytes ? { bytesPerSecond: round(sum((p) => p.throughput.bytesPerSecond), 2), totalBytes: sum((p) => p.throughput.totalBytes) } : {}),
      },
      errors: errorFigures(failedRequests, droppedIterations, totalRequests),
      droppedIterations,
      endpoints,
      // Each runner judged its own share; the RunResult re-evaluates the profile's thresholds on the merged figures.
      thresholds: parts.flatMap((p) => p.thresholds),
      durationSeconds: Math.max(...parts.map((p) => p.durationSeconds)),
    },
    approximation: `latency percentiles of ${parts.length} k6 runners are [lowest, highest] ranges across the runners (latency.percentileRanges; k6 summaries carry no histogram, and the merged percentile lies in that range), reported and judged at the upper end; counts, rates, min, max and mean are exact`,
  };
}
