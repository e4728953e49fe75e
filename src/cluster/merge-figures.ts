/**
 * Combines the summaries of N k6 runners (a distributed TestRun) into one set of figures.
 * Counts, rates and bytes add up exactly; min/max are exact; mean is count-weighted and exact.
 * Percentiles cannot be merged from summaries (k6's summary carries no histogram), so they are
 * the count-weighted mean of the runners' percentiles — an approximation the result says it is.
 * One runner's figures pass through unchanged.
 */
import { K6SummaryFigures, errorFigures } from '../results/k6-summary';
import { Latency } from '../results/run-result';

/** Merged figures, and whether any of them is approximate. */
export interface MergedFigures {
  readonly figures: K6SummaryFigures;
  /** Set when percentiles were approximated from several runners. */
  readonly approximation?: string;
}

const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;

function mergeLatency(parts: readonly Latency[]): Latency {
  const total = parts.reduce((s, l) => s + l.count, 0);
  const weighted = (k: keyof Omit<Latency, 'histogram' | 'count'>): number =>
    total === 0 ? parts.reduce((s, l) => s + (l[k] as number), 0) / parts.length : parts.reduce((s, l) => s + (l[k] as number) * l.count, 0) / total;
  return {
    count: total,
    min: Math.min(...parts.map((l) => l.min)),
    mean: round(weighted('mean')),
    stddev: 0,
    p50: round(weighted('p50')),
    p90: round(weighted('p90')),
    p95: round(weighted('p95')),
    p99: round(weighted('p99')),
    p999: round(weighted('p999')),
    max: Math.max(...parts.map((l) => l.max)),
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
    approximation: `latency percentiles merged from ${parts.length} k6 runners as the count-weighted mean of each runner's percentiles (k6 summaries carry no histogram); counts, rates, min, max and mean are exact`,
  };
}
