/**
 * The full-stack report of stored RunResults: the differential cross-check over the baseline
 * series (results labelled with the stack names, in series order), the traced breakdown and
 * the cost by component of each stack that has them, and each preset against the full stack.
 *
 *   npx ts-node --transpile-only experiments/full-stack/series-report.ts results/full-stack
 */
import { loadResults } from '../../src/results/store';
import { RunResult } from '../../src/results/run-result';
import { differentialBreakdown } from './differential';
import { breakdownTable, comparisonTable, componentCostTable, differentialTable } from './report';

/** The baseline series: stack label → the layer its step adds. */
export const BASELINE_SERIES: ReadonlyArray<{ readonly stack: string; readonly step: string }> = [
  { stack: 'fullstack-app-only', step: 'base' },
  { stack: 'fullstack-gateway', step: 'gateway' },
  { stack: 'fullstack-gateway-mesh', step: 'mesh' },
  { stack: 'fullstack-all', step: 'observability' },
];

/** The stack every preset (and the cache) compares against. */
export const FULL_STACK = 'fullstack-all';

/** Markdown report of full-stack results grouped by label; sections without runs are left out. */
export function seriesReport(results: readonly RunResult[]): string {
  const mine = results.filter((r) => r.experiment === 'full-stack');
  const byLabel = (label: string): RunResult[] => mine.filter((r) => r.label === label);
  const out: string[] = [];
  const steps = BASELINE_SERIES.map((s) => ({ name: s.step, results: byLabel(s.stack) })).filter((s) => s.results.length);
  if (steps.length > 1) out.push('## Differential (each stack minus the one below)', '', differentialTable(differentialBreakdown(steps)), '');
  const labels = [...new Set(mine.map((r) => r.label ?? r.variant))];
  for (const label of labels) {
    const r = byLabel(label)[0];
    if (!r) continue;
    out.push(`## ${label}`, '');
    if (r.layers) out.push(breakdownTable(r.layers), '');
    if (r.resources.length) out.push(componentCostTable(r), '');
  }
  const full = byLabel(FULL_STACK)[0];
  for (const label of labels.filter((l) => l !== FULL_STACK && !BASELINE_SERIES.some((s) => s.stack === l))) {
    const other = byLabel(label)[0];
    if (full?.layers && other?.layers) out.push(`## ${label} against ${FULL_STACK}`, '', comparisonTable({ name: FULL_STACK, layers: full.layers }, { name: label, layers: other.layers }), '');
  }
  return out.join('\n');
}

if (require.main === module) {
  const paths = process.argv.slice(2);
  process.stdout.write(seriesReport(loadResults(paths.length ? paths : ['results/full-stack'])) + '\n');
}
