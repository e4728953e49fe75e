/**
 * Prices a cluster run once its RunResult is built: OpenCost's (or Kubecost's) allocation for the
 * run's window and `perflab.dev/run` label when a cost API is configured and answers, else the
 * pricing model on the measured resources — the result says which, and why.
 */
import { LABEL } from '../../constructs/labels';
import { withModelledCost } from '../cost/modelled-cost';
import { readRunCost } from '../cost/opencost-reader';
import { RunResult } from '../results/run-result';
import { Clock } from './await-runner';
import { ClusterClient } from './cluster-client';
import { RunResultsRequest } from './run-request';

/** Where the reader finds the cost tool's allocation API, and how long it lets its scrapes settle. */
export interface CostReadRequest {
  readonly source: 'opencost' | 'kubecost';
  readonly namespace: string;
  readonly service: string;
  readonly port: number;
  /** Path of the allocation endpoint on the service. */
  readonly allocationPath: string;
  /** Seconds to wait after the run so the tool has scraped its last minutes. */
  readonly settleSeconds: number;
  /** Pricing the tool is configured with, recorded in the result. */
  readonly pricing?: string;
  readonly pricingDate?: string;
}

/** `run` with its cost: from the cost tool when configured and answering, else modelled. */
export async function priceRun(client: ClusterClient, req: RunResultsRequest, run: RunResult, clock: Clock): Promise<RunResult> {
  const cost = req.cost;
  if (!cost) return withModelledCost(run, undefined, { note: 'cost modelled from measured resources: no cost API configured (perflab:costApi none)' });
  await clock.sleep(cost.settleSeconds * 1000);
  const api = client.openCostHttp?.({ namespace: cost.namespace, name: cost.service, port: cost.port });
  return readRunCost(api, run, {
    match: { aggregate: 'label', label: LABEL.run, value: req.runId },
    source: cost.source,
    pricing: cost.pricing,
    pricingDate: cost.pricingDate,
    path: cost.allocationPath,
  });
}
