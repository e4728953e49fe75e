/**
 * The ranking as a terminal table, one per workload: rank, configuration, runs, median rate,
 * and the relative differences from the first with their CIs. Neutral by design: no "beyond
 * noise", no pass/fail — that is the gate's job, between a baseline and a candidate of the same
 * configuration.
 */
import { formatTable } from '../cli/table';
import { MetricComparison } from '../stats/compare';
import { formatChange, formatChangeCi } from '../stats/format';
import { ResultGroup, groupName } from '../stats/groups';
import { partitionByWorkload } from '../stats/pairing';
import { CompareOptions } from '../stats/compare';
import { hasRunToRunCi, rankGroups } from '../stats/ranking';
import { RunResult } from './run-result';
import { rateColumn } from './summary-table';

/** `+12.3% [+8.0%…+16.1%]`, or `+12.3% (1 run: no CI)` without repeats on both sides. */
export function differenceCell(c: MetricComparison | undefined): string {
  if (!c) return '-';
  return hasRunToRunCi(c) ? `${formatChange(c)} [${formatChangeCi(c)}]` : `${formatChange(c)} (no CI: <2 runs)`;
}

/** One ranking (title + table) per workload of `groups`. */
export function rankingSections(groups: readonly ResultGroup[], opts: CompareOptions = {}): { title: string; table: string }[] {
  const pct = Math.round((opts.confidence ?? 0.95) * 100);
  return partitionByWorkload(groups).map(({ workload, groups: gs }) => {
    const ranked = rankGroups(gs, opts);
    const first = groupName(ranked[0].group);
    const results: RunResult[] = gs.flatMap((g) => g.results);
    const unit = rateColumn(results);
    const rows = ranked.map((r) => [
      String(r.rank),
      groupName(r.group),
      String(r.group.results.length),
      r.rate === undefined ? '-' : r.rate.toFixed(r.rate < 100 ? 1 : 0),
      r.vsFirst ? differenceCell(r.vsFirst.rps) : '(first)',
      r.vsFirst ? differenceCell(r.vsFirst.p95) : '(first)',
      r.vsFirst ? differenceCell(r.vsFirst.p99) : '(first)',
    ]);
    const title = `Ranking${workload ? ` — ${workload}` : ''} (median ${unit}; differences from ${first} with ${pct}% bootstrap CIs over repeats; no verdict):`;
    return { title, table: formatTable(['rank', 'variant', 'runs', unit, `${unit} vs first`, 'p95 vs first', 'p99 vs first'], rows) };
  });
}
