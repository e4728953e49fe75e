/**
 * Right-sizing from one run: for each component whose RunResult entry carries the manifests'
 * requests, the requests that would have held its observed p95 usage with headroom (p95 × (1 +
 * headroom), rounded up to Kubernetes-friendly steps, never below a floor), what that changes per
 * month at the pricing's CPU core-hour and RAM GiB-hour rates (positive: a saving; negative: the
 * recommendation costs more because the requests were too small), and the idle share of the
 * requests, 1 − used ÷ requested (average use; cost-weighted over CPU and memory, as OpenCost
 * weighs efficiency). A run's load profile is one load level: the recommendation holds for it,
 * not for a peak it never saw.
 */
import { median } from 'simple-statistics';
import { NamedUnitRates } from './pricing-schema';
import { hoursPerMonth, unitRates } from './pricing';
import { PricingError } from './errors';
import { ResourceQuantities, RunResult } from '../results/run-result';

const MI = 1024 ** 2;
const GIB = 1024 ** 3;

/** How recommendations are made. */
export interface RightSizingOptions {
  /** Pricing name or unit rates. @default 'opencost-default' */
  readonly pricing?: string | NamedUnitRates;
  /** CPU headroom over the observed p95 (0.3 = +30%). @default 0.3 */
  readonly cpuHeadroom?: number;
  /** Memory headroom over the observed p95 (0.2 = +20%). @default 0.2 */
  readonly memoryHeadroom?: number;
  /** Smallest CPU request recommended, cores. @default 0.01 (10m) */
  readonly minCpuCores?: number;
  /** Smallest memory request recommended, bytes. @default 32Mi */
  readonly minMemoryBytes?: number;
}

/** The defaults of RightSizingOptions (except pricing). */
export const RIGHT_SIZING_DEFAULTS = { cpuHeadroom: 0.3, memoryHeadroom: 0.2, minCpuCores: 0.01, minMemoryBytes: 32 * MI } as const;

/** Which usage figure a recommendation rests on: the sampled p95, or (results recorded before p95 was) the CPU average and the memory peak. */
export type UsageBasis = 'p95' | 'avg-cpu/peak-memory';

/** One component's recommendation. */
export interface RightSizing {
  readonly component: string;
  /** Where the usage was measured (`procfs`: local processes, not pods). */
  readonly source: string;
  readonly requested: ResourceQuantities;
  readonly limits?: Partial<ResourceQuantities>;
  /** The usage the recommendation holds (see basis). */
  readonly observed: ResourceQuantities;
  readonly basis: UsageBasis;
  readonly recommended: ResourceQuantities;
  /** (requested − recommended) × rates × hours per month; negative when the recommendation costs more. */
  readonly monthlySaving: number;
  readonly currency: 'USD';
  /** 1 − avg CPU ÷ requested CPU (negative: used more than requested). */
  readonly cpuIdleShare: number;
  /** 1 − avg memory ÷ requested memory. */
  readonly memoryIdleShare: number;
  /** 1 − cost of the average use ÷ cost of the requests, at the rates. */
  readonly idleShare: number;
}

/** CPU rounded up: to 10m below 1 core, to 50m from 1 core on. */
export function roundCpuUp(cores: number): number {
  const step = cores < 1 ? 0.01 : 0.05;
  return Math.round(Math.ceil(cores / step - 1e-9) * step * 1000) / 1000;
}

/** Memory rounded up: to 16Mi below 1Gi, to 64Mi from 1Gi on. */
export function roundMemoryUp(bytes: number): number {
  const step = bytes < GIB ? 16 * MI : 64 * MI;
  return Math.ceil(bytes / step - 1e-9) * step;
}

/** A Kubernetes quantity for `cores` (e.g. `250m`, `1.5`). */
export function formatCpu(cores: number): string {
  const m = Math.round(cores * 1000);
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** A Kubernetes quantity for `bytes` (`Gi` when whole, else `Mi`). */
export function formatMemory(bytes: number): string {
  return bytes >= GIB && bytes % GIB === 0 ? `${bytes / GIB}Gi` : `${Math.round((bytes / MI) * 10) / 10}Mi`;
}

function checkedOptions(o: RightSizingOptions): Required<Omit<RightSizingOptions, 'pricing'>> {
  const v = { ...RIGHT_SIZING_DEFAULTS, ...Object.fromEntries(Object.entries(o).filter(([k, x]) => k !== 'pricing' && x !== undefined)) };
  const problems: string[] = [];
  for (const k of ['cpuHeadroom', 'memoryHeadroom'] as const) if (!(Number.isFinite(v[k]) && v[k] >= 0 && v[k] <= 10)) problems.push(`rightSizing.${k}: ${String(v[k])} is not allowed; it must be a number from 0 to 10 (0.3 = +30%)`);
  for (const k of ['minCpuCores', 'minMemoryBytes'] as const) if (!(Number.isFinite(v[k]) && v[k] > 0)) problems.push(`rightSizing.${k}: ${String(v[k])} is not allowed; it must be a number > 0`);
  if (problems.length) throw new PricingError(problems);
  return v;
}

type Usage = RunResult['resources'][number];

/** The recommendation for one component's usage, or undefined when its entry carries no requests. */
export function rightSizeUsage(u: Usage, opts: RightSizingOptions = {}): RightSizing | undefined {
  if (!u.requested) return undefined;
  const o = checkedOptions(opts);
  const rates = unitRates(opts.pricing);
  const hours = hoursPerMonth();
  const hasP95 = u.cpuCoresP95 !== undefined && u.memoryP95Bytes !== undefined;
  const observed = hasP95 ? { cpuCores: u.cpuCoresP95!, memoryBytes: u.memoryP95Bytes! } : { cpuCores: u.cpuCoresAvg, memoryBytes: u.memoryPeakBytes };
  const recommended = {
    cpuCores: Math.max(o.minCpuCores, roundCpuUp(observed.cpuCores * (1 + o.cpuHeadroom))),
    memoryBytes: Math.max(o.minMemoryBytes, roundMemoryUp(observed.memoryBytes * (1 + o.memoryHeadroom))),
  };
  const monthly = (q: ResourceQuantities): number => (q.cpuCores * rates.cpuCoreHour + (q.memoryBytes / GIB) * rates.ramGiBHour) * hours;
  const idle = (used: number, req: number): number => (req > 0 ? 1 - used / req : 0);
  const requestedCost = monthly(u.requested);
  return {
    component: u.component,
    source: u.source,
    requested: u.requested,
    ...(u.limits ? { limits: u.limits } : {}),
    observed,
    basis: hasP95 ? 'p95' : 'avg-cpu/peak-memory',
    recommended,
    monthlySaving: requestedCost - monthly(recommended),
    currency: 'USD',
    cpuIdleShare: idle(u.cpuCoresAvg, u.requested.cpuCores),
    memoryIdleShare: idle(u.memoryAvgBytes, u.requested.memoryBytes),
    idleShare: idle(monthly({ cpuCores: u.cpuCoresAvg, memoryBytes: u.memoryAvgBytes }), requestedCost),
  };
}

/** Recommendations for every component of `result` that carries the manifests' requests. */
export function rightSizeResult(result: Pick<RunResult, 'resources'>, opts: RightSizingOptions = {}): RightSizing[] {
  return result.resources.map((u) => rightSizeUsage(u, opts)).filter((r): r is RightSizing => r !== undefined);
}

/**
 * One usage of a component over several runs of a configuration, the most demanding each way: the
 * highest p95 CPU and memory (so the recommendation holds every run), the median average use (for
 * the idle share) and the first run's requests.
 */
export function mostDemandingUsage(usages: readonly Usage[]): Usage {
  if (usages.length === 0) throw new RangeError('mostDemandingUsage needs at least one usage');
  const all = <K extends 'cpuCoresP95' | 'memoryP95Bytes'>(k: K): number[] | undefined => (usages.every((u) => u[k] !== undefined) ? usages.map((u) => u[k]!) : undefined);
  const cpuP95 = all('cpuCoresP95');
  const memP95 = all('memoryP95Bytes');
  return {
    ...usages[0],
    cpuCoresAvg: median(usages.map((u) => u.cpuCoresAvg)),
    memoryAvgBytes: median(usages.map((u) => u.memoryAvgBytes)),
    memoryPeakBytes: Math.max(...usages.map((u) => u.memoryPeakBytes)),
    cpuCoresP95: cpuP95 && Math.max(...cpuP95),
    memoryP95Bytes: memP95 && Math.max(...memP95),
  };
}
