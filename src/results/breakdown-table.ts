/**
 * What one run's figures are made of, for the terminal: CPU and memory of every component the
 * run measured (the app server and, in a composed stack, its database, broker and cache — the
 * cost counts them all), and, where the run traced its request path, each layer's share of a
 * request's latency. Printed by `perflab run` and `perflab compare` when there is more than one
 * component or a layer breakdown.
 */
import { formatTable } from '../cli/table';
import { displayName } from '../stats/groups';
import { RunResult } from './run-result';

const mib = (b: number): string => (b / 1024 / 1024).toFixed(1);
const nameOf = (r: RunResult): string => displayName(r.variant, r.label);

/** Every component of every run: CPU cores (average), core-seconds, memory average and peak. */
export function componentsTable(results: readonly RunResult[]): string {
  const rows = results.flatMap((r) =>
    r.resources.map((x) => [nameOf(r), x.component, x.cpuCoresAvg.toFixed(3), x.cpuCoreSeconds.toFixed(2), mib(x.memoryAvgBytes), mib(x.memoryPeakBytes), x.source]),
  );
  return formatTable(['variant', 'component', 'cpu cores', 'cpu core-s', 'mem avg MiB', 'mem peak MiB', 'source'], rows);
}

/** Each traced run's layers: mean ms per request, share, p95; then the traced total and the client's mean. */
export function layersTable(results: readonly RunResult[]): string {
  const rows = results.flatMap((r) => {
    const b = r.layers;
    if (!b) return [];
    return [
      ...b.layers.map((l) => [nameOf(r), l.layer, l.meanMs.toFixed(3), `${(l.share * 100).toFixed(1)}%`, l.p95Ms.toFixed(3)]),
      [nameOf(r), `traced total (${b.traces} traces)`, b.totalMeanMs.toFixed(3), '100.0%', '-'],
      ...(b.clientMeanMs === undefined ? [] : [[nameOf(r), 'client mean (load generator)', b.clientMeanMs.toFixed(3), '-', '-']]),
    ];
  });
  return formatTable(['variant', 'layer', 'mean ms', 'share', 'p95 ms'], rows);
}

/** The sections worth printing for `results`: components when a run has several, layers when a run traced them. */
export function breakdownSections(results: readonly RunResult[]): { title: string; table: string }[] {
  const out: { title: string; table: string }[] = [];
  if (results.some((r) => r.resources.length > 1)) out.push({ title: 'Resources per component (the cost counts every one):', table: componentsTable(results) });
  if (results.some((r) => r.layers)) out.push({ title: 'Where a request’s time went, per layer (traced):', table: layersTable(results) });
  return out;
}
