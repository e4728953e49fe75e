/**
 * `perflab plan`'s cost estimate: the resource requests of synthesized manifests (Deployments,
 * StatefulSets, DaemonSets, ReplicaSets, Jobs, Pods, PVCs, k6 TestRuns) × unit rates = an hourly cost
 * while everything runs, with no cluster. Requests are what a scheduler reserves and what OpenCost
 * charges at least, so the estimate is what the allocation will show for an idle workload.
 */
import { cpuCores, memoryBytes } from '../config/quantities';
import { PricingError } from './errors';
import { NamedUnitRates } from './pricing-schema';
import { DEFAULT_PRICING, unitRates } from './pricing';

const GIB = 1024 ** 3;

/** One workload's share of the estimate. */
export interface WorkloadEstimate {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** Pods running at once. */
  readonly pods: number;
  /** CPU cores requested by all its pods. */
  readonly cpuCores: number;
  readonly memoryGiB: number;
  readonly storageGiB: number;
  readonly perHour: number;
}

/** The estimate for a set of manifests. */
export interface HourlyCostEstimate {
  readonly currency: 'USD';
  readonly pricing: string;
  readonly pricingDate: string;
  readonly perHour: number;
  /** perHour × 730. */
  readonly perMonth: number;
  readonly breakdown: { readonly cpu: number; readonly memory: number; readonly storage: number };
  readonly totals: { readonly cpuCores: number; readonly memoryGiB: number; readonly storageGiB: number };
  readonly workloads: readonly WorkloadEstimate[];
  /** Objects that hold no pods or volumes (Services, ConfigMaps, ...) are not listed; these were skipped with a reason. */
  readonly skipped: ReadonlyArray<{ readonly kind: string; readonly name: string; readonly reason: string }>;
  readonly assumptions: readonly string[];
}

/** Options of estimateHourlyCost. */
export interface EstimateOptions {
  /** Nodes a DaemonSet runs on. @default 1 (k3s single node) */
  readonly daemonSetNodes?: number;
  /** Price CPU and memory at spot rates. @default false */
  readonly spot?: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, k) => (isObj(v) ? v[k] : undefined), o);

function cores(q: unknown, where: string): number {
  if (q === undefined || q === null) return 0;
  if (typeof q === 'number') return q;
  if (typeof q === 'string' && /^(\d+(\.\d+)?|\d+m)$/.test(q)) return cpuCores(q);
  throw new PricingError([`${where}: ${JSON.stringify(q)} is not a CPU quantity; allowed: cores (1, 0.5) or millicores (500m)`]);
}

function bytes(q: unknown, where: string): number {
  if (q === undefined || q === null) return 0;
  if (typeof q === 'number') return q;
  try {
    return memoryBytes(String(q));
  } catch {
    throw new PricingError([`${where}: ${JSON.stringify(q)} is not a memory quantity; allowed: e.g. 256Mi, 1Gi, 512M`]);
  }
}

/** Requests of one container (limits stand in for missing requests, as the API server defaults them). */
function containerRequests(c: unknown, where: string): { cpu: number; mem: number } {
  const req = get(c, 'resources', 'requests');
  const lim = get(c, 'resources', 'limits');
  const cpu = get(req, 'cpu') ?? get(lim, 'cpu');
  const mem = get(req, 'memory') ?? get(lim, 'memory');
  return { cpu: cores(cpu, `${where}.cpu`), mem: bytes(mem, `${where}.memory`) };
}

/** Effective requests of a pod: max(largest init container, sum of containers), as the scheduler computes them. */
export function podRequests(podSpec: unknown, where = 'spec'): { cpuCores: number; memoryBytes: number } {
  const containers = (get(podSpec, 'containers') as unknown[] | undefined) ?? [];
  const inits = (get(podSpec, 'initContainers') as unknown[] | undefined) ?? [];
  let cpu = 0;
  let mem = 0;
  containers.forEach((c, i) => {
    const r = containerRequests(c, `${where}.containers[${i}]`);
    cpu += r.cpu;
    mem += r.mem;
  });
  inits.forEach((c, i) => {
    const r = containerRequests(c, `${where}.initContainers[${i}]`);
    cpu = Math.max(cpu, r.cpu);
    mem = Math.max(mem, r.mem);
  });
  return { cpuCores: cpu, memoryBytes: mem };
}

/** Limits of a pod: the sum over its containers; a resource some container leaves unlimited is undefined (no limit). */
export function podLimits(podSpec: unknown, where = 'spec'): { cpuCores?: number; memoryBytes?: number } {
  const containers = (get(podSpec, 'containers') as unknown[] | undefined) ?? [];
  let cpu: number | undefined = containers.length ? 0 : undefined;
  let mem: number | undefined = containers.length ? 0 : undefined;
  containers.forEach((c, i) => {
    const lim = get(c, 'resources', 'limits');
    const lc = get(lim, 'cpu');
    const lm = get(lim, 'memory');
    cpu = cpu === undefined || lc === undefined ? undefined : cpu + cores(lc, `${where}.containers[${i}].resources.limits.cpu`);
    mem = mem === undefined || lm === undefined ? undefined : mem + bytes(lm, `${where}.containers[${i}].resources.limits.memory`);
  });
  return { cpuCores: cpu, memoryBytes: mem };
}

function claimBytes(claim: unknown, where: string): number {
  return bytes(get(claim, 'spec', 'resources', 'requests', 'storage'), `${where}.spec.resources.requests.storage`);
}

/** How many pods a workload runs, their pod spec and the storage they claim. */
export interface WorkloadShape {
  pods: number;
  podSpec: unknown;
  storageBytes: number;
}

/** The shape of a workload object, or why it holds no pods (empty: not a workload). */
export function workloadShape(m: Obj, kind: string, daemonSetNodes: number, where: string): WorkloadShape | string {
  const spec = get(m, 'spec');
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
      return { pods: Number(get(spec, 'replicas') ?? 1), podSpec: get(spec, 'template', 'spec'), storageBytes: 0 };
    case 'StatefulSet': {
      const replicas = Number(get(spec, 'replicas') ?? 1);
      const templates = (get(spec, 'volumeClaimTemplates') as unknown[] | undefined) ?? [];
      const perPod = templates.reduce<number>((a, t, i) => a + claimBytes(t, `${where}.spec.volumeClaimTemplates[${i}]`), 0);
      return { pods: replicas, podSpec: get(spec, 'template', 'spec'), storageBytes: perPod * replicas };
    }
    case 'DaemonSet':
      return { pods: daemonSetNodes, podSpec: get(spec, 'template', 'spec'), storageBytes: 0 };
    case 'Job':
      return { pods: Number(get(spec, 'parallelism') ?? 1), podSpec: get(spec, 'template', 'spec'), storageBytes: 0 };
    case 'Pod':
      return { pods: 1, podSpec: spec, storageBytes: 0 };
    case 'PersistentVolumeClaim':
      return { pods: 0, podSpec: undefined, storageBytes: claimBytes(m, where) };
    case 'TestRun': // k6-operator: `parallelism` runner pods with `runner.resources`
      return { pods: Number(get(spec, 'parallelism') ?? 1), podSpec: { containers: [get(spec, 'runner')] }, storageBytes: 0 };
    case 'CronJob':
      return 'runs on a schedule; its Jobs cost only while they run';
    default:
      return '';
  }
}

/**
 * Estimated hourly cost of `manifests` (plain Kubernetes objects, as synthesized) at `pricing`
 * (a pricing name, default `opencost-default`, or unit rates): requested CPU × CPU rate + requested
 * memory × RAM rate + requested storage × storage rate, per workload and in total. A bad quantity is a
 * PricingError naming the manifest and field.
 */
export function estimateHourlyCost(manifests: readonly object[], pricing: string | NamedUnitRates = DEFAULT_PRICING, opts: EstimateOptions = {}): HourlyCostEstimate {
  const rates = unitRates(pricing);
  const cpuRate = opts.spot ? rates.spotCpuCoreHour : rates.cpuCoreHour;
  const ramRate = opts.spot ? rates.spotRamGiBHour : rates.ramGiBHour;
  const workloads: WorkloadEstimate[] = [];
  const skipped: Array<{ kind: string; name: string; reason: string }> = [];
  const breakdown = { cpu: 0, memory: 0, storage: 0 };
  const totals = { cpuCores: 0, memoryGiB: 0, storageGiB: 0 };
  const kinds = new Set<string>();
  manifests.forEach((raw, i) => {
    if (!isObj(raw)) throw new PricingError([`manifests[${i}]: not an object`]);
    const kind = String(raw.kind ?? '');
    const name = String(get(raw, 'metadata', 'name') ?? `#${i}`);
    const namespace = get(raw, 'metadata', 'namespace') as string | undefined;
    const where = `${kind || `manifests[${i}]`} ${name}`;
    const shape = workloadShape(raw, kind, opts.daemonSetNodes ?? 1, where);
    if (typeof shape === 'string') {
      if (shape) skipped.push({ kind, name, reason: shape });
      return;
    }
    if (!Number.isInteger(shape.pods) || shape.pods < 0) throw new PricingError([`${where}: replicas/parallelism ${shape.pods} is not a whole number ≥ 0`]);
    kinds.add(kind);
    const pod = shape.podSpec === undefined ? { cpuCores: 0, memoryBytes: 0 } : podRequests(shape.podSpec, `${where} spec`);
    const cpu = pod.cpuCores * shape.pods;
    const memGiB = (pod.memoryBytes * shape.pods) / GIB;
    const storageGiB = shape.storageBytes / GIB;
    const c = cpu * cpuRate;
    const m = memGiB * ramRate;
    const s = storageGiB * rates.storageGiBHour;
    breakdown.cpu += c;
    breakdown.memory += m;
    breakdown.storage += s;
    totals.cpuCores += cpu;
    totals.memoryGiB += memGiB;
    totals.storageGiB += storageGiB;
    workloads.push({ kind, name, namespace, pods: shape.pods, cpuCores: cpu, memoryGiB: memGiB, storageGiB, perHour: c + m + s });
  });
  const perHour = breakdown.cpu + breakdown.memory + breakdown.storage;
  const assumptions = [
    `priced at ${rates.name} (${rates.description}; recorded ${rates.recordedOn}, ${rates.confidence})`,
    'resource requests are priced (limits where a request is missing); usage above requests, network traffic and node overhead are not',
  ];
  if (kinds.has('Job') || kinds.has('TestRun')) assumptions.push('Jobs and k6 TestRuns are counted as if running for the whole hour');
  if (kinds.has('DaemonSet')) assumptions.push(`DaemonSets are counted on ${opts.daemonSetNodes ?? 1} node(s)`);
  if (opts.spot) assumptions.push('CPU and memory at spot rates');
  return {
    currency: 'USD',
    pricing: rates.name,
    pricingDate: rates.recordedOn,
    perHour,
    perMonth: perHour * 730,
    breakdown,
    totals,
    workloads,
    skipped,
    assumptions,
  };
}
