/**
 * Reads a run's cost from OpenCost after the run, and falls back to the pricing model where OpenCost
 * is absent: the result then says its cost is modelled, and why.
 *
 * OpenCost scrapes once a minute and builds allocations from Prometheus; query a window that ended at
 * least two scrape intervals ago (the caller waits `settle` before calling), or the last minutes are missing.
 */
import { RunResult, RunResultSchema } from '../results/run-result';
import { OpenCostResponseError, excerpt } from './errors';
import { parseAllocationResponse } from './opencost-allocation';
import { AllocationMatch, aggregateParam, allocationToRunCost } from './opencost-cost';
import { OpenCostHttp } from './opencost-transport';
import { withModelledCost } from './modelled-cost';
import { NamedUnitRates } from './pricing-schema';
import { DEFAULT_PRICING } from './pricing';
import { ThroughputUnit, runOperations } from './operations';

/** The allocation query for a window. */
export interface AllocationQuery {
  readonly start: string;
  readonly end: string;
  readonly aggregate: string;
  /** @default true: return __idle__ so the idle share can be computed */
  readonly includeIdle?: boolean;
  /** @default true: one set for the whole window */
  readonly accumulate?: boolean;
  /** Prometheus query resolution. @default 1m */
  readonly resolution?: string;
  /** `/allocation/compute` (OpenCost) or `/model/allocation` (Kubecost's frontend). @default /allocation/compute */
  readonly path?: string;
}

/** Path and query string of an allocation request (window as an RFC3339 pair, seconds precision). */
export function allocationRequestPath(q: AllocationQuery): string {
  const sec = (iso: string): string => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const params = new URLSearchParams({
    window: `${sec(q.start)},${sec(q.end)}`,
    aggregate: q.aggregate,
    accumulate: String(q.accumulate ?? true),
    includeIdle: String(q.includeIdle ?? true),
    resolution: q.resolution ?? '1m',
  });
  return `${q.path ?? '/allocation/compute'}?${params.toString()}`;
}

/** Options of readRunCost. */
export interface ReadRunCostOptions {
  readonly match: AllocationMatch;
  readonly unit?: ThroughputUnit;
  readonly chargeIdle?: boolean;
  readonly source?: 'opencost' | 'kubecost';
  /** Pricing OpenCost was configured with, recorded in the result. */
  readonly pricing?: string;
  readonly pricingDate?: string;
  /** Pricing for the modelled fallback. @default opencost-default */
  readonly fallbackPricing?: string | NamedUnitRates;
  readonly path?: string;
}

/**
 * `run` with its cost read from OpenCost through `api`. Where there is no OpenCost (no `api`, no
 * answer, or 404/502/503 from the proxy) the cost is modelled from the run's resources and a note says
 * so. A response that is not a valid allocation answer throws OpenCostResponseError: something other than
 * OpenCost answered, and a silent fallback would hide it.
 */
export async function readRunCost(api: OpenCostHttp | undefined, run: RunResult, opts: ReadRunCostOptions): Promise<RunResult> {
  const fallback = (why: string): RunResult => withoutOpenCost(run, why, opts);
  if (!api) return fallback('no cost tool is installed for this target');
  const path = allocationRequestPath({ start: run.startedAt, end: run.finishedAt, aggregate: aggregateParam(opts.match), path: opts.path });
  let answer;
  try {
    answer = await api.get(path);
  } catch (err) {
    return fallback(`no answer from ${api.describe} (${(err as Error).message})`);
  }
  if ([404, 502, 503].includes(answer.status)) {
    return fallback(`${api.describe} answered HTTP ${answer.status} (${excerpt(answer.body, 80)}); is OpenCost installed and ready?`);
  }
  if (answer.status !== 200) {
    throw new OpenCostResponseError(`OpenCost at ${api.describe} answered HTTP ${answer.status}: ${excerpt(answer.body)}`);
  }
  const response = parseAllocationResponse(answer.body);
  const cost = allocationToRunCost(response, {
    match: opts.match,
    operations: runOperations(run, opts.unit),
    chargeIdle: opts.chargeIdle,
    source: opts.source,
    pricing: opts.pricing,
    pricingDate: opts.pricingDate,
  });
  return RunResultSchema.parse({ ...run, cost });
}

/** `run` with its cost modelled from its resources and a note `OpenCost not used: <why>`. */
export function withoutOpenCost(run: RunResult, why: string, opts: Pick<ReadRunCostOptions, 'unit' | 'fallbackPricing'> = {}): RunResult {
  return withModelledCost(run, opts.fallbackPricing ?? DEFAULT_PRICING, { unit: opts.unit, note: `OpenCost not used: ${why}` });
}
