/**
 * The report's right-sizing table: per configuration and component whose results carry the
 * manifests' requests, the current requests, the observed p95 usage (the most demanding run of
 * the configuration), the recommended requests, the monthly saving at the runs' pricing and the
 * idle share; with the caveats a reader needs (local processes are not pods; one load profile).
 */
import { formatMoney } from '../cost/format-money';
import { DEFAULT_PRICING, pricingCatalog } from '../cost/pricing';
import { RIGHT_SIZING_DEFAULTS, RightSizing, formatCpu, formatMemory, mostDemandingUsage, rightSizeUsage } from '../cost/right-sizing';
import { RunResult } from '../results/run-result';
import { ReportModel } from './model';
import { Table } from './tables';

/** The pricing the runs were costed at when it is a unit-rate pricing of the catalogue, else the default. */
function pricingOf(results: readonly RunResult[]): string {
  const named = results.map((r) => r.cost?.pricing).find((p): p is string => p !== undefined && p in pricingCatalog().unitRates);
  return named ?? DEFAULT_PRICING;
}

const pair = (q: { cpuCores: number; memoryBytes: number }): string => `${formatCpu(q.cpuCores)}, ${formatMemory(q.memoryBytes)}`;
const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;

function requestsCell(r: RightSizing): string {
  const sameLimits = r.limits?.cpuCores === r.requested.cpuCores && r.limits?.memoryBytes === r.requested.memoryBytes;
  return `${pair(r.requested)}${sameLimits ? ' (= limits)' : ''}`;
}

function observedCell(r: RightSizing): string {
  const cpu = r.observed.cpuCores.toFixed(3);
  const mem = formatMemory(Math.round(r.observed.memoryBytes));
  return r.basis === 'p95' ? `${cpu}, ${mem}` : `${cpu} avg, ${mem} peak (no p95 recorded)`;
}

/** Right-sizing of each configuration's components, one row each; undefined when no result carries requests. */
export function rightSizingTable(m: ReportModel): Table | undefined {
  const views = [...(m.reference ? [m.reference] : []), ...m.candidates.map((c) => c.view)];
  const rows: string[][] = [];
  const sources = new Set<string>();
  const pricings = new Set<string>();
  for (const v of views) {
    const pricing = pricingOf(v.group.results);
    const components = [...new Set(v.group.results.flatMap((r) => r.resources.filter((x) => x.requested).map((x) => x.component)))];
    for (const comp of components) {
      const usage = mostDemandingUsage(v.group.results.flatMap((r) => r.resources.filter((x) => x.component === comp && x.requested)));
      const rs = rightSizeUsage(usage, { pricing });
      if (!rs) continue;
      sources.add(rs.source);
      pricings.add(pricing);
      rows.push([v.name, comp, requestsCell(rs), observedCell(rs), pair(rs.recommended), formatMoney(rs.monthlySaving, rs.currency), `${pct(rs.idleShare)} (CPU ${pct(rs.cpuIdleShare)}, mem ${pct(rs.memoryIdleShare)})`]);
    }
  }
  if (!rows.length) return undefined;
  const clusterIdle = views.flatMap((v) => v.group.results.map((r) => r.cost?.idleShare)).filter((x): x is number => x !== undefined);
  const local = [...sources].some((s) => s === 'procfs' || s === 'ps');
  const caption = [
    `Requests that would have held the observed p95 usage with +${pct(RIGHT_SIZING_DEFAULTS.cpuHeadroom)} CPU and +${pct(RIGHT_SIZING_DEFAULTS.memoryHeadroom)} memory headroom (rounded up; at least ${formatCpu(RIGHT_SIZING_DEFAULTS.minCpuCores)} CPU, ${formatMemory(RIGHT_SIZING_DEFAULTS.minMemoryBytes)})`,
    `monthly saving of the recommendation at ${[...pricings].join(' / ')} rates (negative: it costs more)`,
    'idle share = 1 − average use ÷ requests, cost-weighted',
    local
      ? 'usage was sampled from local processes, not pods: no limit capped them (on a cluster a CPU limit equal to the request throttles above it), and requests are those the manifests set for the same configuration'
      : `usage from ${[...sources].join(', ')}`,
    `recommendations are from this report's load profile (${m.sample.profile.name}) only, not from a peak it did not reach`,
    ...(clusterIdle.length ? [`the whole cluster's idle share (OpenCost __idle__) was ${pct(Math.min(...clusterIdle))}–${pct(Math.max(...clusterIdle))} over the runs`] : []),
  ].join('; ');
  return { caption, header: ['configuration', 'component', 'requests (CPU, mem)', 'p95 use (cores, mem)', 'recommended', 'saving / month', 'idle share'], rows };
}
