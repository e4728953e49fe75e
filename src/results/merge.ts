/**
 * Merges several RunResults of one experiment / variant / profile into one: repeated runs
 * (`sequential`) or distributed load runners that ran at the same time (`concurrent`, e.g.
 * k6-operator with parallelism > 1). Latency comes from the added HDR histograms (overall and
 * per endpoint), never from averaged percentiles; counts, bytes and errors by kind are summed;
 * thresholds are evaluated again on the merged figures.
 *
 * - concurrent: rates are summed; the window is the union of the runners' windows; resources of
 *   one component are summed (peak memory too: an upper bound, since peaks need not coincide).
 * - sequential: rates are weighted by each run's duration (the time load was applied, gaps
 *   between runs excluded); CPU cores and average memory are duration-weighted means, peak
 *   memory is the highest peak; CPU core-seconds are summed.
 * The mode is stated in the merged result's notes.
 */
import * as crypto from 'crypto';
import { latencyOf } from '../local/http-result';
import { LatencyHistogram, decodeHistogram, mergeHistograms, newLatencyHistogram } from './histogram';
import { Latency, RunResult, RunResultSchema } from './run-result';
import { evaluateThresholds } from './thresholds';

/** How the merged runs relate in time. */
export type MergeMode = 'concurrent' | 'sequential';

/** Options of a merge. */
export interface MergeOptions {
  /** `auto` detects the mode from the runs' windows. @default 'auto' */
  readonly mode?: MergeMode | 'auto';
  /** Id of the merged result. @default derived from the inputs' ids */
  readonly id?: string;
}

/** The inputs cannot be merged; the message says which and why. */
export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

type Run = RunResult;
type Resource = Run['resources'][number];
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const startMs = (r: Run): number => Date.parse(r.startedAt);
const endMs = (r: Run): number => Date.parse(r.finishedAt);

/**
 * `concurrent` when every run's window overlaps every other's, `sequential` when none overlap;
 * throws when some overlap and some do not (say which with `mode`).
 */
export function detectMergeMode(results: readonly Run[]): MergeMode {
  if (results.length < 2) return 'sequential';
  const latestStart = Math.max(...results.map(startMs));
  const earliestEnd = Math.min(...results.map(endMs));
  if (latestStart < earliestEnd) return 'concurrent';
  const sorted = [...results].sort((a, b) => startMs(a) - startMs(b));
  if (sorted.every((r, i) => i === 0 || startMs(r) >= endMs(sorted[i - 1]))) return 'sequential';
  throw new MergeError('the runs partly overlap in time: neither all concurrent nor all sequential; pass the merge mode explicitly');
}

function requireSameConfiguration(results: readonly Run[]): void {
  const differing = (what: string, of: (r: Run) => string): void => {
    const values = [...new Set(results.map(of))];
    if (values.length > 1) throw new MergeError(`cannot merge results of different ${what}: ${values.join(', ')}`);
  };
  differing('experiments', (r) => r.experiment);
  differing('variants', (r) => r.variant);
  differing('load profiles', (r) => r.profile.name);
}

function histogramOf(latency: Latency, where: string): LatencyHistogram {
  if (latency.histogram) return decodeHistogram(latency.histogram.data);
  if (latency.count === 0) return newLatencyHistogram();
  throw new MergeError(`${where} has ${latency.count} latency samples but no HDR histogram; percentiles cannot be merged without it`);
}

function mergeEndpoints(results: readonly Run[]): Run['endpoints'] {
  const byName = new Map<string, { requests: number; errors: number; histograms: LatencyHistogram[] }>();
  for (const r of results) {
    for (const e of r.endpoints) {
      const acc = byName.get(e.name) ?? { requests: 0, errors: 0, histograms: [] };
      acc.requests += e.requests;
      acc.errors += e.errors;
      acc.histograms.push(histogramOf(e.latency, `${r.id}: endpoint ${e.name}`));
      byName.set(e.name, acc);
    }
  }
  return [...byName.entries()].map(([name, a]) => ({ name, requests: a.requests, errors: a.errors, latency: latencyOf(mergeHistograms(a.histograms)) }));
}

function mergeRate(results: readonly Run[], mode: MergeMode, of: (r: Run) => number | undefined): number | undefined {
  const present = results.filter((r) => of(r) !== undefined);
  if (present.length === 0) return undefined;
  if (mode === 'concurrent') return round(sum(present.map((r) => of(r) as number)), 2);
  const seconds = sum(present.map((r) => r.durationSeconds));
  return seconds > 0 ? round(sum(present.map((r) => (of(r) as number) * r.durationSeconds)) / seconds, 2) : 0;
}

function mergeTotal(results: readonly Run[], of: (r: Run) => number | undefined): number | undefined {
  const present = results.map(of).filter((v): v is number => v !== undefined);
  return present.length ? sum(present) : undefined;
}

function mergeResources(results: readonly Run[], mode: MergeMode): Resource[] {
  const byComponent = new Map<string, { r: Resource; seconds: number }[]>();
  for (const run of results) {
    for (const res of run.resources) byComponent.set(res.component, [...(byComponent.get(res.component) ?? []), { r: res, seconds: run.durationSeconds }]);
  }
  return [...byComponent.entries()].map(([component, parts]) => {
    const seconds = sum(parts.map((p) => p.seconds));
    const weighted = (of: (r: Resource) => number): number =>
      seconds > 0 ? sum(parts.map((p) => of(p.r) * p.seconds)) / seconds : sum(parts.map((p) => of(p.r))) / parts.length;
    const concurrent = mode === 'concurrent';
    return {
      component,
      cpuCoreSeconds: round(sum(parts.map((p) => p.r.cpuCoreSeconds)), 3),
      cpuCoresAvg: round(concurrent ? sum(parts.map((p) => p.r.cpuCoresAvg)) : weighted((r) => r.cpuCoresAvg), 3),
      memoryAvgBytes: Math.round(concurrent ? sum(parts.map((p) => p.r.memoryAvgBytes)) : weighted((r) => r.memoryAvgBytes)),
      memoryPeakBytes: concurrent ? sum(parts.map((p) => p.r.memoryPeakBytes)) : Math.max(...parts.map((p) => p.r.memoryPeakBytes)),
      samples: sum(parts.map((p) => p.r.samples)),
      source: [...new Set(parts.map((p) => p.r.source))].join('+'),
    };
  });
}

function mergeCost(results: readonly Run[], units: number | undefined, notes: string[]): Run['cost'] {
  const costs = results.map((r) => r.cost);
  if (costs.every((c) => c === undefined)) return undefined;
  if (costs.some((c) => c === undefined)) {
    notes.push('cost left out: not every merged result has one');
    return undefined;
  }
  const all = costs as NonNullable<Run['cost']>[];
  const currencies = new Set(all.map((c) => c.currency));
  if (currencies.size > 1) {
    notes.push(`cost left out: results are priced in different currencies (${[...currencies].join(', ')})`);
    return undefined;
  }
  const totalCost = sum(all.map((c) => c.totalCost));
  const breakdown: Record<string, number> = {};
  for (const c of all) for (const [k, v] of Object.entries(c.breakdown ?? {})) breakdown[k] = (breakdown[k] ?? 0) + v;
  const same = <T>(of: (c: NonNullable<Run['cost']>) => T): T | undefined => (new Set(all.map(of)).size === 1 ? of(all[0]) : undefined);
  const everyone = all.every((c) => c.idleCost !== undefined);
  const costWeighted = (of: (c: NonNullable<Run['cost']>) => number | undefined): number | undefined =>
    all.every((c) => of(c) !== undefined) && totalCost > 0 ? sum(all.map((c) => (of(c) as number) * c.totalCost)) / totalCost : undefined;
  const windows = all.map((c) => c.window).filter((w): w is { start: string; end: string } => w !== undefined);
  return {
    source: same((c) => c.source) ?? 'modelled',
    currency: all[0].currency,
    totalCost,
    costPerMillion: units ? (totalCost / units) * 1e6 : undefined,
    breakdown: Object.keys(breakdown).length ? breakdown : undefined,
    pricing: same((c) => c.pricing),
    pricingDate: same((c) => c.pricingDate),
    unit: same((c) => c.unit),
    idleCost: everyone ? sum(all.map((c) => c.idleCost as number)) : undefined,
    idleCharged: same((c) => c.idleCharged),
    idleShare: costWeighted((c) => c.idleShare),
    efficiency: costWeighted((c) => c.efficiency),
    window:
      windows.length === all.length
        ? { start: windows.map((w) => w.start).sort()[0], end: windows.map((w) => w.end).sort().slice(-1)[0] }
        : undefined,
  };
}

function mergedId(results: readonly Run[], at: Date): string {
  const hash = crypto.createHash('sha256').update(results.map((r) => r.id).sort().join('\n')).digest('hex').slice(0, 6);
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${results[0].experiment}-${results[0].variant}-merged-${stamp}-${hash}`;
}

/** Merges results of one experiment / variant / profile into one RunResult (validated). */
export function mergeRunResults(results: readonly Run[], opts: MergeOptions = {}): Run {
  if (results.length === 0) throw new MergeError('nothing to merge: no results given');
  requireSameConfiguration(results);
  const mode = !opts.mode || opts.mode === 'auto' ? detectMergeMode(results) : opts.mode;
  const histogram = mergeHistograms(results.map((r) => histogramOf(r.latency, r.id)));
  const endpoints = mergeEndpoints(results);
  const first = results[0];
  const start = new Date(Math.min(...results.map(startMs)));
  const end = new Date(Math.max(...results.map(endMs)));
  const notes = [`merged ${results.length} results (mode: ${mode}): ${results.map((r) => r.id).join(', ')}`];
  const throughput = {
    requestsPerSecond: mergeRate(results, mode, (r) => r.throughput.requestsPerSecond),
    transactionsPerSecond: mergeRate(results, mode, (r) => r.throughput.transactionsPerSecond),
    messagesPerSecond: mergeRate(results, mode, (r) => r.throughput.messagesPerSecond),
    bytesPerSecond: mergeRate(results, mode, (r) => r.throughput.bytesPerSecond),
    totalRequests: mergeTotal(results, (r) => r.throughput.totalRequests),
    totalTransactions: mergeTotal(results, (r) => r.throughput.totalTransactions),
    totalMessages: mergeTotal(results, (r) => r.throughput.totalMessages),
    totalBytes: mergeTotal(results, (r) => r.throughput.totalBytes),
  };
  const byKind: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.errors.byKind)) byKind[k] = (byKind[k] ?? 0) + v;
  const errorsTotal = sum(results.map((r) => r.errors.total));
  const units = throughput.totalRequests ?? throughput.totalTransactions ?? throughput.totalMessages;
  const errorRate = units ? errorsTotal / units : sum(results.map((r) => r.errors.rate)) / results.length;
  const latency = latencyOf(histogram);
  const rps = throughput.requestsPerSecond ?? throughput.transactionsPerSecond ?? throughput.messagesPerSecond ?? 0;
  const thresholds = evaluateThresholds(first.profile.thresholds, { p95Ms: latency.p95, p99Ms: latency.p99, errorRate, rps });
  const labels = new Set(results.map((r) => r.label));
  if (labels.size > 1) notes.push(`label left out: the results carry different labels (${[...labels].map(String).join(', ')})`);
  const fingerprints = new Set(results.map((r) => `${r.environment.cpuModel}|${r.environment.kernel}|${r.environment.nodeType ?? ''}`));
  if (fingerprints.size > 1) notes.push(`results come from ${fingerprints.size} different environments; the first one's fingerprint is kept`);
  const generators = [...new Set(results.map((r) => `${r.loadGenerator.name}@${r.loadGenerator.version}`))];
  const cold = results.map((r) => r.coldStartMs).filter((v): v is number => v !== undefined);
  const cost = mergeCost(results, units, notes);
  for (const r of results) for (const n of r.notes) if (!notes.includes(n)) notes.push(n);
  return RunResultSchema.parse({
    ...first,
    id: opts.id ?? mergedId(results, start),
    label: labels.size === 1 ? first.label : undefined,
    startedAt: start.toISOString(),
    finishedAt: end.toISOString(),
    durationSeconds: round(mode === 'concurrent' ? (end.getTime() - start.getTime()) / 1000 : sum(results.map((r) => r.durationSeconds)), 3),
    loadGenerator: generators.length === 1 ? first.loadGenerator : { name: [...new Set(results.map((r) => r.loadGenerator.name))].join('+'), version: generators.join(', ') },
    latency,
    throughput,
    errors: { total: errorsTotal, rate: Math.min(1, errorRate), byKind },
    endpoints,
    resources: mergeResources(results, mode),
    thresholds,
    thresholdsPassed: thresholds.every((t) => t.passed) && latency.count > 0,
    coldStartMs: cold.length === results.length ? [...cold].sort((a, b) => a - b)[Math.floor((cold.length - 1) / 2)] : undefined,
    cost,
    notes,
  });
}
