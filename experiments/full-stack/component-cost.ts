/**
 * Cost by component and by layer: each measured component of a run (RunResult.resources —
 * on a cluster the pods selected by their perflab labels, locally the processes) priced at
 * unit rates (src/cost: CPU core-seconds × core-hour rate, average memory × duration ×
 * GiB-hour rate), with its cost per 1M requests and its share of the run's cost. Components
 * map to layers by name: `server` (the app) → app, `gateway`, `postgres` → database, `nats` /
 * `rabbitmq` → messaging, `redis` → cache, `otel-collector` → observability, mesh proxies,
 * node proxies and control planes → mesh.
 */
import { unitRates } from '../../src/cost/pricing';
import { NamedUnitRates } from '../../src/cost/pricing-schema';
import { costOfResources, costPerMillion } from '../../src/cost/resource-cost';
import { RunResult } from '../../src/results/run-result';

/** Layer of a measured component. */
export function componentLayer(component: string): string {
  if (component === 'server' || component === 'app') return 'app';
  if (component === 'gateway') return 'gateway';
  if (component === 'postgres') return 'database';
  if (component === 'nats' || component === 'rabbitmq') return 'messaging';
  if (component === 'redis') return 'cache';
  if (component === 'otel-collector') return 'observability';
  if (component === 'proxy' || component.startsWith('node-proxy:') || component.startsWith('control-plane:') || component.startsWith('waypoint:')) return 'mesh';
  return 'other';
}

/** One component's cost in a run. */
export interface ComponentCost {
  readonly component: string;
  readonly layer: string;
  /** Mean CPU cores over the window. */
  readonly cpuCores: number;
  /** Mean memory, MiB. */
  readonly memoryMiB: number;
  /** Cost of the run's window, in the rates' currency. */
  readonly cost: number;
  /** Cost per 1M requests of the run; undefined when no request was counted. */
  readonly costPerMillion?: number;
  /** Share of the run's total cost, 0..1. */
  readonly share: number;
}

const GIB = 1024 ** 3;

/** Cost of each component of `result` at `pricing` (default: the lab's default pricing). */
export function componentCosts(result: Pick<RunResult, 'resources' | 'durationSeconds' | 'throughput'>, pricing?: string | NamedUnitRates): ComponentCost[] {
  const rates = unitRates(pricing);
  const requests = result.throughput.totalRequests ?? 0;
  const costs = result.resources.map((r) => ({
    r,
    cost: costOfResources({ cpuCoreSeconds: r.cpuCoreSeconds, memoryGiBHours: (r.memoryAvgBytes / GIB) * (result.durationSeconds / 3600) }, rates).total,
  }));
  const total = costs.reduce((a, c) => a + c.cost, 0);
  return costs.map(({ r, cost }) => ({
    component: r.component,
    layer: componentLayer(r.component),
    cpuCores: r.cpuCoresAvg,
    memoryMiB: Math.round((r.memoryAvgBytes / 1024 / 1024) * 10) / 10,
    cost,
    costPerMillion: costPerMillion(cost, requests),
    share: total > 0 ? cost / total : 0,
  }));
}

/** Component costs summed per layer, in first-seen order. */
export function layerCosts(components: readonly ComponentCost[]): Array<{ layer: string; cost: number; costPerMillion?: number; share: number }> {
  const byLayer = new Map<string, { cost: number; perMillion?: number; share: number }>();
  for (const c of components) {
    const cur = byLayer.get(c.layer) ?? { cost: 0, share: 0 };
    byLayer.set(c.layer, {
      cost: cur.cost + c.cost,
      perMillion: c.costPerMillion === undefined ? cur.perMillion : (cur.perMillion ?? 0) + c.costPerMillion,
      share: cur.share + c.share,
    });
  }
  return [...byLayer].map(([layer, v]) => ({ layer, cost: v.cost, ...(v.perMillion === undefined ? {} : { costPerMillion: v.perMillion }), share: v.share }));
}
