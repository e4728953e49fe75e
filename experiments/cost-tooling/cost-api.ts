/**
 * Where the cost tool's allocation API answers (Service, port, path) and how it prices, for a
 * tool the stack installs or one a platform team installed (`perflab-cluster:operators:
 * preinstalled`, which then requires that Service to exist: `costToolPrerequisites`).
 */
import { unitRates } from '../../src/cost/pricing';
import { NO_PREREQUISITES, Prerequisites } from '../../src/cluster/prerequisites';
import { KUBECOST_CHART, OPENCOST_CHART } from './charts';
import { CostToolingConfig } from './config';
import { ClusterTarget, RELEASE } from './values';

/** Where the allocation API of the installed tool answers (for src/cost/opencost-transport.ts). */
export interface CostApi {
  readonly tool: 'opencost' | 'kubecost';
  readonly namespace: string;
  readonly service: string;
  readonly port: number;
  /** Path of the allocation endpoint on that service. */
  readonly allocationPath: string;
  /** What the costs are priced with, for RunResult.cost.pricing. */
  readonly pricing: string;
  readonly pricingDate?: string;
}

/** The API of `cfg`'s tool (undefined for `none`), as the pinned charts name their Services. */
export function costApiOf(cfg: CostToolingConfig, target: ClusterTarget): CostApi | undefined {
  if (cfg.tool === 'none') return undefined;
  const rates = unitRates(cfg.pricing);
  const prices = target === 'k3s' ? `${cfg.tool} custom pricing: ${rates.name}` : `${cfg.tool} ${target === 'eks' ? 'AWS' : 'Azure'} list prices`;
  const pricingDate = target === 'k3s' ? rates.recordedOn : undefined;
  return cfg.tool === 'opencost'
    ? { tool: 'opencost', namespace: cfg.namespace, service: RELEASE.opencost, port: 9003, allocationPath: '/allocation/compute', pricing: prices, pricingDate }
    : { tool: 'kubecost', namespace: cfg.namespace, service: `${RELEASE.kubecost}-cost-analyzer`, port: 9090, allocationPath: '/model/allocation', pricing: prices, pricingDate };
}

/** With a preinstalled tool: its API Service must exist (none for `none` or a local target). */
export function costToolPrerequisites(cfg: CostToolingConfig, target: ClusterTarget | 'local'): Prerequisites {
  if (target === 'local') return NO_PREREQUISITES;
  const api = costApiOf(cfg, target);
  if (!api) return NO_PREREQUISITES;
  const chart = api.tool === 'opencost' ? OPENCOST_CHART : KUBECOST_CHART;
  return { crds: [], services: [{ namespace: api.namespace, name: api.service, providedBy: `${api.tool} (chart ${chart.chart} ${chart.version}, release ${api.tool === 'opencost' ? RELEASE.opencost : RELEASE.kubecost} in namespace ${api.namespace})` }] };
}
