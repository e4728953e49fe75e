/**
 * Modelled cost for runs without a cost tool (the local target, or a cluster without OpenCost): the
 * run's measured CPU core-seconds and average memory priced at unit rates (OpenCost's defaults unless
 * told otherwise). It prices what was used, not what was requested, and says so in the result.
 */
import { RunResult, RunResultSchema } from '../results/run-result';
import { NamedUnitRates } from './pricing-schema';
import { DEFAULT_PRICING, unitRates } from './pricing';
import { costOfResources, costPerMillion } from './resource-cost';
import { ThroughputUnit, runOperations } from './operations';

const GIB = 1024 ** 3;

/** Options of withModelledCost. */
export interface ModelledCostOptions {
  /** Unit of costPerMillion. @default the first of transactions, messages, requests the run counted */
  readonly unit?: ThroughputUnit;
  /** Note added to the result (e.g. why OpenCost was not used). */
  readonly note?: string;
}

/** CPU core-seconds and memory GiB-hours summed over the run's components. */
export function runResourceTotals(result: Pick<RunResult, 'resources' | 'durationSeconds'>): { cpuCoreSeconds: number; memoryGiBHours: number } {
  let cpuCoreSeconds = 0;
  let memoryGiBHours = 0;
  for (const r of result.resources) {
    cpuCoreSeconds += r.cpuCoreSeconds;
    memoryGiBHours += (r.memoryAvgBytes / GIB) * (result.durationSeconds / 3600);
  }
  return { cpuCoreSeconds, memoryGiBHours };
}

/**
 * A copy of `result` whose `cost` is modelled from its measured CPU and memory at `pricing`
 * (a name from the pricing data, default `opencost-default`, or unit rates): source `modelled`,
 * totalCost, costPerMillion (per 1M of the run's unit), breakdown {cpu, memory}, pricing name and date.
 * A run without resource figures gets no cost, and a note saying why.
 */
export function withModelledCost(result: RunResult, pricing: string | NamedUnitRates = DEFAULT_PRICING, opts: ModelledCostOptions = {}): RunResult {
  const rates = unitRates(pricing);
  if (result.resources.length === 0) {
    return { ...result, notes: [...result.notes, `cost not modelled: the run has no resource figures to price with ${rates.name}`] };
  }
  const totals = runResourceTotals(result);
  const cost = costOfResources(totals, rates);
  const ops = runOperations(result, opts.unit);
  const notes = [
    ...result.notes,
    `cost modelled (no cost tool): measured CPU and average memory priced at ${rates.name} (recorded ${rates.recordedOn}); usage, not requests, is priced`,
  ];
  if (opts.note) notes.push(opts.note);
  return RunResultSchema.parse({
    ...result,
    cost: {
      source: 'modelled',
      currency: rates.currency,
      totalCost: cost.total,
      costPerMillion: ops ? costPerMillion(cost.total, ops.count) : undefined,
      unit: ops?.unit,
      breakdown: { cpu: cost.breakdown.cpu, memory: cost.breakdown.memory },
      pricing: rates.name,
      pricingDate: rates.recordedOn,
      window: { start: result.startedAt, end: result.finishedAt },
    },
    notes,
  });
}
