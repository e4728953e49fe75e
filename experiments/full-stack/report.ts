/**
 * The full-stack figures as text: one-line summaries for RunResult notes, and the Markdown
 * tables of the README's decision guide — layer breakdown, differential cross-check and cost
 * by component — generated from RunResults (test/full-stack-readme.test.ts regenerates the
 * README's tables from the fixture results and fails when they differ).
 */
import { RunResult } from '../../src/results/run-result';
import { ComponentCost, componentCosts, layerCosts } from './component-cost';
import { LayerDifference } from './differential';
import { LayerBreakdown } from './trace/layer-breakdown';

const ms = (v: number): string => v.toFixed(3);
const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const signed = (v: number): string => `${v >= 0 ? '+' : ''}${v.toFixed(3)}`;
const money = (v: number | undefined): string => (v === undefined ? '–' : v < 0.01 ? v.toFixed(5) : v.toFixed(4));

/** A Markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** One line: each layer's mean and share, the traced total and the client's view. */
export function describeBreakdown(b: LayerBreakdown): string {
  const parts = b.layers.map((l) => `${l.layer} ${ms(l.meanMs)} ms (${pct(l.share)})`);
  const client = b.clientMeanMs === undefined ? '' : `; client mean ${ms(b.clientMeanMs)} ms, unattributed ${signed(b.unattributedMs ?? 0)} ms`;
  return `${parts.join(', ')}; traced total ${ms(b.totalMeanMs)} ms over ${b.traces} traces${b.incompleteTraces ? ` (${b.incompleteTraces} incomplete left out)` : ''}${client}`;
}

/** One line per step: the difference with its CI and what the traces say. */
export function describeDifferences(d: readonly LayerDifference[]): string {
  return d
    .map((x) => {
      const traced = [x.tracedDeltaMs === undefined ? '' : `traced Δ ${signed(x.tracedDeltaMs)} ms`, x.tracedLayerMs === undefined ? '' : `traced ${x.step} ${ms(x.tracedLayerMs)} ms`].filter(Boolean).join(', ');
      return `+${x.step}: ${signed(x.estimateMs)} ms [${ms(x.lowMs)}, ${ms(x.highMs)}] (n=${x.runs[0]}/${x.runs[1]}${traced ? `; ${traced}` : ''})`;
    })
    .join('; ');
}

/** The layer breakdown of one run as a Markdown table. */
export function breakdownTable(b: LayerBreakdown): string {
  const rows = b.layers.map((l) => [l.layer, ms(l.meanMs), pct(l.share), ms(l.p50Ms), ms(l.p95Ms), ms(l.p99Ms)]);
  rows.push(['**traced total**', ms(b.totalMeanMs), '100.0%', '', '', '']);
  if (b.clientMeanMs !== undefined) rows.push(['client (load generator)', ms(b.clientMeanMs), '', '', '', ''], ['unattributed (client − traced)', signed(b.unattributedMs ?? 0), '', '', '', '']);
  return markdownTable(['layer', 'mean ms', 'share', 'p50 ms', 'p95 ms', 'p99 ms'], rows);
}

/** The differential cross-check as a Markdown table. */
export function differentialTable(d: readonly LayerDifference[]): string {
  const rows = d.map((x) => [
    `+ ${x.step}`,
    `${x.runs[0]}/${x.runs[1]}`,
    signed(x.estimateMs),
    `[${ms(x.lowMs)}, ${ms(x.highMs)}]`,
    x.tracedDeltaMs === undefined ? '–' : signed(x.tracedDeltaMs),
    x.tracedLayerMs === undefined ? '–' : ms(x.tracedLayerMs),
  ]);
  return markdownTable(['step', 'runs', 'Δ mean latency ms', '95% CI', 'traced Δ ms', 'traced layer ms'], rows);
}

/** Cost by component (and the per-layer sums) of one run as a Markdown table. */
export function componentCostTable(r: Pick<RunResult, 'resources' | 'durationSeconds' | 'throughput'>): string {
  const components: ComponentCost[] = componentCosts(r);
  const rows = components.map((c) => [c.component, c.layer, c.cpuCores.toFixed(3), c.memoryMiB.toFixed(1), money(c.costPerMillion), pct(c.share)]);
  for (const l of layerCosts(components)) rows.push([`**${l.layer}** (layer)`, '', '', '', money(l.costPerMillion), pct(l.share)]);
  return markdownTable(['component', 'layer', 'cpu cores', 'memory MiB', 'USD / 1M requests', 'share'], rows);
}

/** Two runs' layer breakdowns side by side (a preset against the stack it changes). */
export function comparisonTable(base: { name: string; layers: LayerBreakdown }, other: { name: string; layers: LayerBreakdown }): string {
  const names = [...new Set([...base.layers.layers, ...other.layers.layers].map((l) => l.layer))];
  const mean = (b: LayerBreakdown, layer: string): number => b.layers.find((l) => l.layer === layer)?.meanMs ?? 0;
  const rows = names.map((n) => [n, ms(mean(base.layers, n)), ms(mean(other.layers, n)), signed(mean(other.layers, n) - mean(base.layers, n))]);
  rows.push(['**traced total**', ms(base.layers.totalMeanMs), ms(other.layers.totalMeanMs), signed(other.layers.totalMeanMs - base.layers.totalMeanMs)]);
  return markdownTable(['layer', `${base.name} mean ms`, `${other.name} mean ms`, 'Δ ms'], rows);
}
