/**
 * The mesh overhead arithmetic, pure and tested on known inputs:
 * - overhead of a figure against the baseline: absolute (mesh − baseline) and relative
 *   ((mesh − baseline) / baseline, in %);
 * - the split of a run's measured resources into application and mesh:
 *     app       = the `server` component (the services' app containers);
 *     sidecars  = the `proxy` component (istio-proxy / linkerd-proxy containers);
 *     node proxies (`node-proxy:<name>`: ztunnel, cilium-agent, cilium-envoy) are DaemonSets that
 *       serve every pod on their nodes, so only the workload's share is charged to it:
 *         share(c)       = min(1, workloadPods / servedPods(c))
 *         attributed(c)  = usage(c) × share(c)
 *       servedPods(c) is how many pods that DaemonSet serves (ztunnel: pods in ambient
 *       namespaces; cilium-agent: every pod with a Cilium endpoint). It defaults to workloadPods
 *       — share 1, the whole DaemonSet — which is right on a lab cluster that runs nothing else
 *       in the mesh, and an upper bound otherwise;
 *     waypoints (`waypoint:<name>`) serve one namespace: share 1;
 *     control plane (`control-plane:<name>`) is reported on its own, not per pod;
 *   per workload pod: app = app / workloadPods, proxy = (sidecars + Σ attributed) / workloadPods;
 * - the cost of the mesh as a share of the workload's: the mesh's resources (sidecars + node
 *   proxy shares + control plane) priced per hour at unit rates, divided by the app's.
 * CPU is in cores (mean over the run), memory in bytes (mean working set).
 */
import { UnitRates } from '../../src/cost/pricing-schema';
import { costOfResources } from '../../src/cost/resource-cost';

/** An overhead against the baseline. */
export interface Overhead {
  /** mesh − baseline, in the figure's unit. */
  readonly absolute: number;
  /** (mesh − baseline) / baseline × 100; undefined when the baseline is 0. */
  readonly percent: number | undefined;
}

/** Overhead of `mesh` over `baseline`. */
export function overhead(baseline: number, mesh: number): Overhead {
  if (!Number.isFinite(baseline) || !Number.isFinite(mesh)) throw new Error(`overhead: ${baseline} and ${mesh} must be finite numbers`);
  return { absolute: mesh - baseline, percent: baseline === 0 ? undefined : ((mesh - baseline) / baseline) * 100 };
}

/** CPU (mean cores) and memory (mean bytes). */
export interface Usage {
  readonly cpuCores: number;
  readonly memoryBytes: number;
}

/** One measured component of a run (RunResult.resources, as far as it is read here). */
export interface ComponentUsage {
  readonly component: string;
  readonly cpuCoresAvg: number;
  readonly memoryAvgBytes: number;
}

/** How node proxies are shared out. */
export interface SplitOptions {
  /** Pods of the workload (services × replicas). */
  readonly workloadPods: number;
  /** Pods each node proxy serves, by component name. @default workloadPods (share 1) */
  readonly servedPods?: Readonly<Record<string, number>>;
}

/** A run's resources split into application and mesh. */
export interface ResourceSplit {
  readonly workloadPods: number;
  /** App containers, all pods. */
  readonly app: Usage;
  /** Sidecar proxies, all pods. */
  readonly sidecars: Usage;
  /** Node proxies' and waypoints' share charged to the workload. */
  readonly nodeProxyShare: Usage;
  /** Share of each node proxy / waypoint charged to the workload (0..1), by component. */
  readonly shares: Readonly<Record<string, number>>;
  /** Control plane, whole. */
  readonly controlPlane: Usage;
  /** Per workload pod: its app and its proxy (sidecar + node proxy share). */
  readonly perPod: { readonly app: Usage; readonly proxy: Usage };
  /** Everything the mesh costs: sidecars + node proxy share + control plane. */
  readonly mesh: Usage;
}

const ZERO: Usage = { cpuCores: 0, memoryBytes: 0 };
const add = (a: Usage, b: Usage): Usage => ({ cpuCores: a.cpuCores + b.cpuCores, memoryBytes: a.memoryBytes + b.memoryBytes });
const scale = (a: Usage, k: number): Usage => ({ cpuCores: a.cpuCores * k, memoryBytes: a.memoryBytes * k });
const usageOf = (c: ComponentUsage): Usage => ({ cpuCores: c.cpuCoresAvg, memoryBytes: c.memoryAvgBytes });

/** Splits measured components into app and mesh (see the module comment for the formula). */
export function resourceSplit(resources: readonly ComponentUsage[], opts: SplitOptions): ResourceSplit {
  const w = opts.workloadPods;
  if (!Number.isInteger(w) || w < 1) throw new Error(`resourceSplit: workloadPods ${w} must be a whole number ≥ 1`);
  let app = ZERO;
  let sidecars = ZERO;
  let nodeProxyShare = ZERO;
  let controlPlane = ZERO;
  const shares: Record<string, number> = {};
  for (const c of resources) {
    const u = usageOf(c);
    if (c.component === 'server') app = add(app, u);
    else if (c.component === 'proxy') sidecars = add(sidecars, u);
    else if (c.component.startsWith('node-proxy:')) {
      const served = opts.servedPods?.[c.component] ?? w;
      if (!(served > 0)) throw new Error(`resourceSplit: servedPods of ${c.component} is ${served}; it must be > 0`);
      const share = Math.min(1, w / served);
      shares[c.component] = share;
      nodeProxyShare = add(nodeProxyShare, scale(u, share));
    } else if (c.component.startsWith('waypoint:')) {
      shares[c.component] = 1;
      nodeProxyShare = add(nodeProxyShare, u);
    } else if (c.component.startsWith('control-plane:')) controlPlane = add(controlPlane, u);
    // Anything else (the k6 load generator) is neither app nor mesh.
  }
  const proxy = add(sidecars, nodeProxyShare);
  return {
    workloadPods: w,
    app,
    sidecars,
    nodeProxyShare,
    shares,
    controlPlane,
    perPod: { app: scale(app, 1 / w), proxy: scale(proxy, 1 / w) },
    mesh: add(proxy, controlPlane),
  };
}

const GIB = 1024 ** 3;

/** Hourly cost of a steady usage at unit rates (CPU cores × core-hour rate + GiB × GiB-hour rate). */
export function hourlyCost(u: Usage, rates: UnitRates): number {
  return costOfResources({ cpuCoreSeconds: u.cpuCores * 3600, memoryGiBHours: u.memoryBytes / GIB }, rates).total;
}

/** The mesh's cost next to the workload's. */
export interface MeshCostShare {
  /** USD per hour of the app containers. */
  readonly workloadPerHour: number;
  /** USD per hour of the mesh (sidecars + node proxy share + control plane). */
  readonly meshPerHour: number;
  /** meshPerHour / workloadPerHour × 100; undefined when the workload costs nothing. */
  readonly percentOfWorkload: number | undefined;
}

/** Cost of the mesh as a percentage of the workload's cost, at `rates`. */
export function meshCostShare(split: ResourceSplit, rates: UnitRates): MeshCostShare {
  const workloadPerHour = hourlyCost(split.app, rates);
  const meshPerHour = hourlyCost(split.mesh, rates);
  return { workloadPerHour, meshPerHour, percentOfWorkload: workloadPerHour > 0 ? (meshPerHour / workloadPerHour) * 100 : undefined };
}
