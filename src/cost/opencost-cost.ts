/**
 * Turns an OpenCost allocation response for a run's window into the RunResult `cost`: the run's
 * allocation (found by namespace or by a label such as `perflab.dev/run`) summed over the steps, split
 * into cpu/memory/storage/network (+ gpu, load balancer, shared, external), the cluster's idle share,
 * and cost per 1M operations.
 */
import { RunResult } from '../results/run-result';
import { OpenCostResponseError } from './errors';
import { Allocation, AllocationResponse, IDLE } from './opencost-allocation';
import { costPerMillion } from './resource-cost';
import { ThroughputUnit } from './operations';

/** The run's cost as the RunResult records it. */
export type RunCost = NonNullable<RunResult['cost']>;

/** How the run's allocation is found in the response. */
export type AllocationMatch =
  | { readonly aggregate: 'namespace'; readonly namespace: string }
  | { readonly aggregate: 'label'; readonly label: string; readonly value: string };

/** Options of allocationToRunCost. */
export interface AllocationCostOptions {
  readonly match: AllocationMatch;
  /** Operations the run counted, for costPerMillion. */
  readonly operations?: { readonly unit: ThroughputUnit; readonly count: number };
  /** Add the run's proportional share of idle cost to totalCost. @default false */
  readonly chargeIdle?: boolean;
  /** Which tool answered. @default opencost */
  readonly source?: 'opencost' | 'kubecost';
  /** Pricing source to record (e.g. `opencost custom pricing: opencost-default`). */
  readonly pricing?: string;
  readonly pricingDate?: string;
}

/** OpenCost's sanitisation of a label name for Prometheus (`perflab.dev/run` → `perflab_dev_run`). */
export function sanitizeLabelName(label: string): string {
  return label.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** The `aggregate` query value for a match (`namespace`, or `label:<name>`). */
export function aggregateParam(match: AllocationMatch): string {
  return match.aggregate === 'namespace' ? 'namespace' : `label:${match.label}`;
}

function keysFor(match: AllocationMatch): string[] {
  if (match.aggregate === 'namespace') return [match.namespace];
  const s = sanitizeLabelName(match.label);
  // Current OpenCost names a label aggregate by the value; older releases used `name=value`.
  return [match.value, `${match.label}=${match.value}`, `${s}=${match.value}`];
}

function describe(match: AllocationMatch): string {
  return match.aggregate === 'namespace' ? `namespace ${match.namespace}` : `label ${match.label}=${match.value}`;
}

const n = (v: number | null | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Sum of the named cost fields of an allocation (cost + adjustment). */
function part(a: Allocation, cost: keyof Allocation, adjustment?: keyof Allocation): number {
  return n(a[cost] as number | null | undefined) + (adjustment ? n(a[adjustment] as number | null | undefined) : 0);
}

/**
 * The RunResult cost of the run matched by `opts.match` in `response`, summed over all steps.
 * Throws OpenCostResponseError when the run has no allocation in the response (listing the names present)
 * or when a cost is negative.
 */
export function allocationToRunCost(response: AllocationResponse, opts: AllocationCostOptions): RunCost {
  const keys = keysFor(opts.match);
  const found: Allocation[] = [];
  let idleTotal = 0;
  let clusterNonIdle = 0;
  const names = new Set<string>();
  for (const set of response.sets) {
    for (const [name, a] of Object.entries(set)) {
      names.add(name);
      if (name === IDLE) idleTotal += n(a.totalCost);
      else clusterNonIdle += n(a.totalCost);
      if (keys.includes(name)) found.push(a);
    }
  }
  if (found.length === 0) {
    const present = [...names].slice(0, 12).join(', ') || 'none';
    throw new OpenCostResponseError(`OpenCost has no allocation for ${describe(opts.match)} in this window; allocations present: ${present}`);
  }
  const breakdown: Record<string, number> = { cpu: 0, memory: 0, storage: 0, network: 0, gpu: 0, loadBalancer: 0, shared: 0, external: 0 };
  let total = 0;
  let efficiencyWeighted = 0;
  let efficiencyWeight = 0;
  let start = '';
  let end = '';
  for (const a of found) {
    breakdown.cpu += part(a, 'cpuCost', 'cpuCostAdjustment');
    breakdown.memory += part(a, 'ramCost', 'ramCostAdjustment');
    breakdown.storage += part(a, 'pvCost', 'pvCostAdjustment');
    breakdown.network += part(a, 'networkCost', 'networkCostAdjustment');
    breakdown.gpu += part(a, 'gpuCost', 'gpuCostAdjustment');
    breakdown.loadBalancer += part(a, 'loadBalancerCost', 'loadBalancerCostAdjustment');
    breakdown.shared += part(a, 'sharedCost');
    breakdown.external += part(a, 'externalCost');
    const t = n(a.totalCost);
    if (t < 0) throw new OpenCostResponseError(`allocation ${a.name} (${a.start}..${a.end}) has a negative totalCost ${t}`);
    total += t;
    if (typeof a.totalEfficiency === 'number') {
      efficiencyWeighted += a.totalEfficiency * t;
      efficiencyWeight += t;
    }
    if (!start || a.start < start) start = a.start;
    if (!end || a.end > end) end = a.end;
  }
  for (const [k, v] of Object.entries(breakdown)) {
    if (v < 0) throw new OpenCostResponseError(`${describe(opts.match)}: ${k} cost sums to ${v}, which is negative`);
    if (v === 0 && !['cpu', 'memory', 'storage', 'network'].includes(k)) delete breakdown[k];
  }
  const clusterTotal = idleTotal + clusterNonIdle;
  const idleCost = idleTotal > 0 && clusterNonIdle > 0 ? idleTotal * (total / clusterNonIdle) : 0;
  const totalCost = total + (opts.chargeIdle ? idleCost : 0);
  return {
    source: opts.source ?? 'opencost',
    currency: 'USD',
    totalCost,
    costPerMillion: opts.operations ? costPerMillion(totalCost, opts.operations.count) : undefined,
    unit: opts.operations?.unit,
    breakdown,
    pricing: opts.pricing,
    pricingDate: opts.pricingDate,
    idleShare: names.has(IDLE) && clusterTotal > 0 ? idleTotal / clusterTotal : undefined,
    idleCost: names.has(IDLE) ? idleCost : undefined,
    idleCharged: names.has(IDLE) ? Boolean(opts.chargeIdle) : undefined,
    efficiency: efficiencyWeight > 0 ? efficiencyWeighted / efficiencyWeight : undefined,
    window: { start, end },
  };
}
