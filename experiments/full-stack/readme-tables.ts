/**
 * The generated tables of this experiment's README (its decision guide): each sits between
 * `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` and is rebuilt from stored
 * RunResults and recorded traces by `readmeTables` — test/full-stack-readme.test.ts compares
 * (and with PERFLAB_UPDATE_README=1 rewrites) the README against it.
 */
import { RunResult } from '../../src/results/run-result';
import { differentialBreakdown } from './differential';
import { breakdownTable, comparisonTable, componentCostTable, differentialTable } from './report';
import { layerBreakdown } from './trace/layer-breakdown';
import { spansOfJsonLines } from './trace/otlp-json';

/** Inputs of the tables: a local series (labels `<label>/<step>`), a preset run, and a recorded Collector log. */
export interface ReadmeInputs {
  readonly results: readonly RunResult[];
  /** Label of the local series runs. */
  readonly seriesLabel: string;
  /** Label of the indexed-queries run. */
  readonly presetLabel: string;
  /** A Collector log of a traced cluster run (the worked example). */
  readonly collectorLog: string;
  /** Client mean of the worked example, ms. */
  readonly exampleClientMeanMs: number;
}

const STEP_ORDER = ['base', 'database', 'messaging', 'cache'];

/** Every generated table by name. */
export function readmeTables(i: ReadmeInputs): Record<string, string> {
  const steps = STEP_ORDER.map((name) => ({ name, results: i.results.filter((r) => r.label === `${i.seriesLabel}/${name}`) })).filter((s) => s.results.length);
  const full = steps[steps.length - 1].results[0];
  const preset = i.results.find((r) => r.label === i.presetLabel);
  if (!full?.layers || !preset?.layers) throw new Error(`readmeTables: the series ${i.seriesLabel} and the preset run ${i.presetLabel} must both have layer breakdowns`);
  return {
    'example-breakdown': breakdownTable(layerBreakdown(spansOfJsonLines(i.collectorLog).spans, { clientMeanMs: i.exampleClientMeanMs })),
    'local-breakdown': breakdownTable(full.layers),
    'local-differential': differentialTable(differentialBreakdown(steps)),
    'local-cost': componentCostTable(full),
    'local-preset': comparisonTable({ name: 'full local stack', layers: full.layers }, { name: 'indexed-queries', layers: preset.layers }),
  };
}

/** `readme` with each generated block replaced by its table; throws when a block is missing. */
export function fillReadme(readme: string, tables: Readonly<Record<string, string>>): string {
  let out = readme;
  for (const [name, table] of Object.entries(tables)) {
    const re = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`fillReadme: no <!-- generated:${name} --> block in the README`);
    out = out.replace(re, (_m, a: string, b: string) => `${a}${table}\n${b}`);
  }
  return out;
}
