/**
 * meshOverheadTable: the mesh experiment's comparison as text. Results are grouped by
 * configuration (topology, service count — from the RunResult label `<stack>.<topology>-<n>` —
 * and step rate, from the step profile) and variant; every mesh is compared with the baseline of
 * the same configuration: latency p50/p95/p99 overhead (difference of medians over repeats, with a
 * bootstrap CI, and the % change with its CI), CPU and memory per workload pod split into app and
 * proxy, the control plane's resources, and the mesh's cost as a % of the workload's cost.
 */
import { formatTable } from '../../src/cli/table';
import { DEFAULT_PRICING, unitRates } from '../../src/cost/pricing';
import { RunResult } from '../../src/results/run-result';
import { Interval, bootstrapRelativeChange } from '../../src/stats/bootstrap';
import { DEFAULT_SEED } from '../../src/stats/prng';
import { bootstrapMedianDifference } from '../../src/stats/median-difference';
import { ResourceSplit, meshCostShare, resourceSplit } from './overhead';
import { parseMeshRunLabel } from './steps';

/** Options of meshOverheadTable. */
export interface MeshOverheadOptions {
  /** Confidence level of the intervals. @default 0.95 */
  readonly confidence?: number;
  /** Bootstrap seed. @default src/stats DEFAULT_SEED */
  readonly seed?: number;
  /** Pricing name (src/cost/pricing-data.json) for the cost share. @default opencost-default */
  readonly pricing?: string;
  /** Pods each node proxy serves, by component (overhead.ts). @default the workload's pods */
  readonly servedPods?: Readonly<Record<string, number>>;
  /** Variant the others are compared with. @default baseline */
  readonly baseline?: string;
}

interface Config {
  readonly topology: string;
  readonly services: number;
  readonly rps: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (v: number): string => `${v >= 0 ? '+' : ''}${Math.abs(v) < 10 ? v.toFixed(2) : v.toFixed(1)}`;
const pct = (v: number | undefined): string => (v === undefined ? 'n/a' : `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`);
const millicores = (cores: number): string => `${Math.round(cores * 1000)}m`;
const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1)}Mi`;

/** `+1.23 ms [+0.9, +1.5] (+12.0% [+8.1, +15.2])` for one latency percentile. */
function latencyCell(base: readonly RunResult[], mesh: readonly RunResult[], p: 'p50' | 'p95' | 'p99', opts: { confidence: number; seed: number }): string {
  const b = base.map((r) => r.latency[p]);
  const m = mesh.map((r) => r.latency[p]);
  const d: Interval = bootstrapMedianDifference(b, m, opts);
  const rel = bootstrapRelativeChange(b, m, opts);
  const ci = (i: Interval, f: (x: number) => string): string => (base.length > 1 || mesh.length > 1 ? ` [${f(i.low)}, ${f(i.high)}]` : '');
  const relText = rel ? `${pct(rel.estimate * 100)}${ci(rel, (x) => pct(x * 100))}` : 'n/a';
  return `${ms(d.estimate)} ms${ci(d, ms)} (${relText})`;
}

/** Median of a per-run figure over the runs that have resource figures; undefined when none has. */
function medianOf(splits: readonly (ResourceSplit | undefined)[], f: (s: ResourceSplit) => number | undefined): number | undefined {
  const xs = splits.filter((s): s is ResourceSplit => s !== undefined).map(f).filter((x): x is number => x !== undefined && Number.isFinite(x));
  return xs.length ? median(xs) : undefined;
}

/**
 * The overhead table of stored mesh RunResults (`perflab compare mesh-baseline mesh-istio …` hands
 * it the loaded results). Results of other experiments are ignored; a configuration without a
 * baseline run is listed under the table as such.
 */
export function meshOverheadTable(results: readonly RunResult[], options: MeshOverheadOptions = {}): string {
  const opts = { confidence: options.confidence ?? 0.95, seed: options.seed ?? DEFAULT_SEED };
  const baselineName = options.baseline ?? 'baseline';
  const rates = unitRates(options.pricing ?? DEFAULT_PRICING);
  const notes: string[] = [];
  const groups = new Map<string, { config: Config; byVariant: Map<string, RunResult[]> }>();
  for (const r of results) {
    if (r.experiment !== 'mesh') continue;
    const label = parseMeshRunLabel(r.label);
    if (!label) {
      notes.push(`${r.id}: label ${JSON.stringify(r.label)} is not <stack>.<topology>-<services>; left out`);
      continue;
    }
    const config: Config = { topology: label.topology, services: label.services, rps: r.profile.startTarget };
    const key = `${config.topology}|${config.services}|${config.rps}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { config, byVariant: new Map() }));
    g.byVariant.set(r.variant, [...(g.byVariant.get(r.variant) ?? []), r]);
  }
  const rows: string[][] = [];
  const sorted = [...groups.values()].sort((a, b) => a.config.topology.localeCompare(b.config.topology) || a.config.services - b.config.services || a.config.rps - b.config.rps);
  for (const { config, byVariant } of sorted) {
    const base = byVariant.get(baselineName);
    const name = `${config.topology}-${config.services}`;
    if (!base) {
      notes.push(`${name} at ${config.rps} req/s: no ${baselineName} run; its meshes (${[...byVariant.keys()].join(', ')}) have nothing to be compared with`);
      continue;
    }
    const split = (r: RunResult): ResourceSplit | undefined => (r.resources.some((x) => x.component === 'server') ? resourceSplit(r.resources, { workloadPods: config.services, servedPods: options.servedPods }) : undefined);
    for (const [variant, runs] of [...byVariant.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      if (variant === baselineName) continue;
      const splits = runs.map(split);
      const proxyCpu = medianOf(splits, (s) => s.perPod.proxy.cpuCores);
      const proxyMem = medianOf(splits, (s) => s.perPod.proxy.memoryBytes);
      const appCpu = medianOf(splits, (s) => s.perPod.app.cpuCores);
      const appMem = medianOf(splits, (s) => s.perPod.app.memoryBytes);
      const cpCpu = medianOf(splits, (s) => s.controlPlane.cpuCores);
      const cpMem = medianOf(splits, (s) => s.controlPlane.memoryBytes);
      const costPct = medianOf(splits, (s) => meshCostShare(s, rates).percentOfWorkload);
      const opt = (v: number | undefined, f: (x: number) => string): string => (v === undefined ? '–' : f(v));
      rows.push([
        name,
        String(config.rps),
        variant,
        `${runs.length}/${base.length}`,
        latencyCell(base, runs, 'p50', opts),
        latencyCell(base, runs, 'p95', opts),
        latencyCell(base, runs, 'p99', opts),
        `${opt(appCpu, millicores)} / ${opt(proxyCpu, millicores)}`,
        `${opt(appMem, mib)} / ${opt(proxyMem, mib)}`,
        `${opt(cpCpu, millicores)} / ${opt(cpMem, mib)}`,
        opt(costPct, (v) => `${v.toFixed(1)}%`),
      ]);
    }
  }
  const header = ['config', 'req/s', 'mesh', 'n mesh/base', 'Δ p50', 'Δ p95', 'Δ p99', 'CPU/pod app / proxy', 'mem/pod app / proxy', 'control plane CPU / mem', 'mesh cost % of workload'];
  const out = [rows.length ? formatTable(header, rows) : 'no mesh configuration has both a baseline and a mesh run'];
  out.push(
    '',
    `Δ = median(mesh) − median(${baselineName}) over repeats; [..] = ${Math.round(opts.confidence * 100)}% bootstrap CI (shown with repeats). ` +
      `proxy = sidecar + node-proxy share (overhead.ts); mesh cost = proxies + control plane priced at ${rates.name}, as % of the app containers' cost.`,
  );
  if (notes.length) out.push(...notes.map((n) => `note: ${n}`));
  return out.join('\n');
}
