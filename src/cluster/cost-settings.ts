/**
 * The stack keys that decide how a cluster run is priced: which cost tool the stack installs
 * (`perflab:costTool`, default none — one cost tool per cluster, usually from the cost-opencost
 * stack), where the run's allocation is read (`perflab:costApi`, default the OpenCost service that
 * stack installs), and how long the reader lets the tool's scrapes settle.
 */
import { z } from 'zod';
import { COST_TOOLS, CostToolingConfig, costToolingConfigShape, parseCostToolingConfig } from '../../experiments/cost-tooling/config';
import { parseOrThrow } from '../config/errors';
import type { CostReadRequest } from './run-request';

/** `namespace/service:port` of OpenCost's API, or `none` to model costs. */
const COST_API = /^([a-z0-9-]+)\/([a-z0-9-]+):(\d{1,5})$/;

/** Where the OpenCost release of the cost-opencost stack answers. */
export const DEFAULT_COST_API = 'opencost/opencost:9003';

/** Cost keys of the shared `perflab:*` schema (spread into it). */
export const costConfigShape = {
  ...costToolingConfigShape,
  /** Cost tool this stack installs. @default none (read the cluster's existing one through costApi) */
  costTool: z.enum(COST_TOOLS).default('none'),
  /** `namespace/service:port` of OpenCost's API, or `none`. @default opencost/opencost:9003 */
  costApi: z.union([z.literal('none'), z.string().regex(COST_API, 'namespace/service:port, e.g. opencost/opencost:9003')]).default(DEFAULT_COST_API),
  /** Seconds the reader waits after a run before asking for its allocation. @default 120 (two OpenCost scrape intervals) */
  costSettleSeconds: z.coerce.number().int().min(0).max(3600).default(120),
};

/** How one stack's runs are priced. */
export interface CostSettings {
  /** The cost tool this stack installs (tool `none`: nothing). */
  readonly tooling: CostToolingConfig;
  /** Where to read allocations when the stack installs no tool; undefined: modelled. */
  readonly read?: CostReadRequest;
  readonly settleSeconds: number;
}

/** The cost keys of a stack's raw config (without the `perflab:` prefix). */
export function parseCostSettings(raw: Readonly<Record<string, unknown>>): CostSettings {
  const own: Record<string, unknown> = {};
  for (const k of Object.keys(costConfigShape)) if (raw[k] !== undefined) own[k] = raw[k];
  const c = parseOrThrow(z.object(costConfigShape), own, 'perflab:');
  const tooling = parseCostToolingConfig({ ...own, costTool: c.costTool });
  const m = c.costApi === 'none' ? undefined : COST_API.exec(c.costApi);
  const read: CostReadRequest | undefined = m
    ? { source: 'opencost', namespace: m[1], service: m[2], port: Number(m[3]), allocationPath: '/allocation/compute', settleSeconds: c.costSettleSeconds }
    : undefined;
  return { tooling, read, settleSeconds: c.costSettleSeconds };
}
