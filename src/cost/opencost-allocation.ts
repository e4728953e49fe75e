/**
 * Parser for OpenCost's allocation API (`GET /allocation/compute` or `/allocation`, also served by
 * Kubecost under `/model/allocation`). The response is `{ code, status, data: [ { "<name>": Allocation } ] }`,
 * one object per step of the window; an Allocation carries `name`, `properties`, `window`, `start`, `end`,
 * resource figures (`cpuCoreHours`, `ramByteHours`, ...) and costs (`cpuCost`, `ramCost`, `pvCost`,
 * `networkCost`, `loadBalancerCost`, `sharedCost`, `totalCost`, ...). Costs are rounded to 5 decimals and
 * a figure that is NaN in OpenCost arrives as `null` (core/pkg/opencost/allocation_json.go).
 * `__idle__`, `__unallocated__` and `__unmounted__` are special names.
 */
import { z } from 'zod';
import { describeIssue } from '../config/errors';
import { OpenCostResponseError, excerpt } from './errors';

/** Name OpenCost gives the cluster's unallocated capacity (present with includeIdle=true). */
export const IDLE = '__idle__';
/** Name OpenCost gives workloads without the aggregated-by property. */
export const UNALLOCATED = '__unallocated__';

const Num = z.number().nullable();
const OptNum = Num.optional();

/** One allocation as OpenCost sends it; unknown fields are kept. */
export const AllocationSchema = z
  .object({
    name: z.string(),
    properties: z
      .object({
        cluster: z.string().optional(),
        node: z.string().optional(),
        namespace: z.string().optional(),
        controller: z.string().optional(),
        controllerKind: z.string().optional(),
        pod: z.string().optional(),
        container: z.string().optional(),
        providerID: z.string().optional(),
        labels: z.record(z.string(), z.string()).optional(),
        namespaceLabels: z.record(z.string(), z.string()).optional(),
      })
      .loose()
      .nullable()
      .optional(),
    window: z.object({ start: z.string().nullable(), end: z.string().nullable() }),
    start: z.string(),
    end: z.string(),
    minutes: OptNum,
    cpuCoreHours: OptNum,
    cpuCost: Num,
    cpuCostAdjustment: OptNum,
    ramByteHours: OptNum,
    ramCost: Num,
    ramCostAdjustment: OptNum,
    gpuCost: OptNum,
    gpuCostAdjustment: OptNum,
    pvCost: Num,
    pvCostAdjustment: OptNum,
    networkCost: Num,
    networkCostAdjustment: OptNum,
    networkTransferBytes: OptNum,
    loadBalancerCost: OptNum,
    loadBalancerCostAdjustment: OptNum,
    sharedCost: OptNum,
    externalCost: OptNum,
    totalCost: Num,
    cpuEfficiency: OptNum,
    ramEfficiency: OptNum,
    totalEfficiency: OptNum,
  })
  .loose();

/** One OpenCost allocation. */
export type Allocation = z.infer<typeof AllocationSchema>;

const ResponseSchema = z
  .object({
    code: z.number().int(),
    status: z.string().optional(),
    message: z.string().optional(),
    data: z.array(z.record(z.string(), AllocationSchema).nullable()),
  })
  .loose();

/** A validated allocation response: one set of allocations (name → allocation) per step. */
export interface AllocationResponse {
  readonly code: number;
  readonly sets: ReadonlyArray<Readonly<Record<string, Allocation>>>;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (err) {
    const hint = /^\s*</.test(body)
      ? ' — it looks like HTML: is the URL the OpenCost API (port 9003) and not the UI (port 9090)?'
      : body.trim() === ''
        ? ' — the body is empty'
        : ' — truncated or not JSON';
    throw new OpenCostResponseError(`OpenCost allocation response is not valid JSON (${(err as Error).message})${hint}; body starts ${excerpt(body)}`);
  }
}

/**
 * Validates an allocation response body (string or parsed JSON). Throws OpenCostResponseError for
 * invalid JSON (truncated bodies), an error code, a foreign document (e.g. a Prometheus answer), or an
 * allocation missing a cost field; each message says what was found.
 */
export function parseAllocationResponse(body: string | unknown): AllocationResponse {
  const doc = typeof body === 'string' ? parseJson(body) : body;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new OpenCostResponseError(`not an OpenCost allocation response: expected a JSON object with code and data, got ${Array.isArray(doc) ? 'an array' : typeof doc}`);
  }
  const o = doc as Record<string, unknown>;
  if (typeof o.code === 'number' && o.code !== 200) {
    throw new OpenCostResponseError(`OpenCost answered code ${o.code}${typeof o.message === 'string' ? `: ${o.message}` : ''}`);
  }
  if (!('code' in o) || !('data' in o)) {
    const keys = Object.keys(o).slice(0, 8).join(', ') || 'no keys';
    throw new OpenCostResponseError(`not an OpenCost allocation response: expected fields code and data, found ${keys}`);
  }
  if (!Array.isArray(o.data)) {
    const what = o.data !== null && typeof o.data === 'object' && 'resultType' in (o.data as object) ? ' (this looks like a Prometheus query answer)' : '';
    throw new OpenCostResponseError(`not an OpenCost allocation response: data must be an array of allocation sets, got ${o.data === null ? 'null' : typeof o.data}${what}`);
  }
  const r = ResponseSchema.safeParse(doc);
  if (!r.success) {
    const problems = r.error.issues.slice(0, 5).map((i) => describeIssue(i, doc, 'response'));
    throw new OpenCostResponseError(`OpenCost allocation response is incomplete or malformed:\n  - ${problems.join('\n  - ')}`);
  }
  const sets = r.data.data.map((set, i) => {
    const s = set ?? {};
    for (const [key, a] of Object.entries(s)) {
      if (a.name !== key) throw new OpenCostResponseError(`response.data[${i}]: key ${JSON.stringify(key)} holds an allocation named ${JSON.stringify(a.name)}`);
    }
    return s;
  });
  return { code: r.data.code, sets };
}
