/**
 * A neutral ranking of configurations that ran the same workload: ordered by median
 * throughput, each with its relative differences from the first (throughput, p95, p99) and the
 * bootstrap CI of each difference when both sides have repeats. No verdict: comparing
 * variants says which does more with the same machine, not that one "regressed" from another.
 */
import { median } from 'simple-statistics';
import { CompareOptions, MetricComparison, compareGroups } from './compare';
import { ResultGroup } from './groups';
import { metricDefinition, figuresOf } from './metrics';

/** One configuration in a ranking. */
export interface RankedGroup {
  /** 1 for the highest median throughput. */
  readonly rank: number;
  readonly group: ResultGroup;
  /** Median throughput of its runs (requests, transactions or messages per second). */
  readonly rate?: number;
  /** Against the first of the ranking (undefined for the first itself). */
  readonly vsFirst?: { readonly rps?: MetricComparison; readonly p95?: MetricComparison; readonly p99?: MetricComparison };
}

const RANKED = [metricDefinition('rps'), metricDefinition('p95'), metricDefinition('p99')];

/** The median throughput of a group, or undefined when its runs report none. */
export function medianRate(g: ResultGroup): number | undefined {
  const xs = figuresOf(g.results, metricDefinition('rps'));
  return xs.length ? median(xs) : undefined;
}

/** Orders groups by median throughput, highest first (stable for ties and missing rates). */
export function byRate(groups: readonly ResultGroup[]): ResultGroup[] {
  return groups
    .map((g, i) => ({ g, i, r: medianRate(g) ?? -Infinity }))
    .sort((a, b) => b.r - a.r || a.i - b.i)
    .map((x) => x.g);
}

/** Ranks groups of one workload (see partitionByWorkload) by median throughput. */
export function rankGroups(groups: readonly ResultGroup[], opts: CompareOptions = {}): RankedGroup[] {
  const ordered = byRate(groups);
  const first = ordered[0];
  return ordered.map((group, i) => {
    if (i === 0) return { rank: 1, group, rate: medianRate(group) };
    const comps = compareGroups(first.results, group.results, { ...opts, metrics: RANKED });
    const of = (id: string): MetricComparison | undefined => comps.find((c) => c.metric.id === id);
    return { rank: i + 1, group, rate: medianRate(group), vsFirst: { rps: of('rps'), p95: of('p95'), p99: of('p99') } };
  });
}

/** Whether a difference's CI comes from run-to-run variation (repeats on both sides). */
export function hasRunToRunCi(c: MetricComparison | undefined): boolean {
  return c?.method === 'repeats' && c.baseline.runs >= 2 && c.current.runs >= 2 && c.changeCi !== undefined;
}
