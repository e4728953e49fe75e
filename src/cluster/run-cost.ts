/**
 * Prices a cluster run once its RunResult is built: OpenCost's (or Kubecost's) allocation for the
 * run's window and `perflab.dev/run` label when a cost API is configured and answers, else the
 * pricing model on the measured resources — the result says which, and why.
 */
import { LABEL } from '../../constructs/labels';
import { withModelledCost } from '../cost/modelled-cost';
import { readRunCost, withoutOpenCost } from '../cost/opencost-reader';
import { RunResult } from '../results/run-result';
import { Clock } from './await-runner';
import { ClusterClient } from './cluster-client';
import { CostReadRequest, RunResultsRequest } from './run-request';

/** Re-exported for existing importers; the request type lives with the rest of the run request. */
export type { CostReadRequest } from './run-request';

/** False only when the client says the cost service does not exist (a client that cannot tell assumes it does). */
async function costServiceExists(client: ClusterClient, cost: CostReadRequest): Promise<boolean> {
  try {
    return (await client.serviceExists?.(cost.namespace, cost.service)) ?? true;
  } catch {
    return true; // not allowed to read Services, API hiccup: wait and ask the service itself, as before
  }
}

/**
 * `run` with its cost: from the cost tool when configured and answering, else modelled. The
 * reader waits the settle time only when the cost service exists.
 */
export async function priceRun(client: ClusterClient, req: RunResultsRequest, run: RunResult, clock: Clock): Promise<RunResult> {
  const cost = req.cost;
  if (!cost) return withModelledCost(run, undefined, { note: 'cost modelled from measured resources: no cost API configured (perflab:costApi none)' });
  if (!(await costServiceExists(client, cost))) {
    const where = `${cost.namespace}/${cost.service}`;
    return withoutOpenCost(run, `there is no service ${where} (cost API ${where}:${cost.port}; perflab:costApi says where the cluster's cost tool answers, or none), so the reader did not wait ${cost.settleSeconds} s for its scrapes`);
  }
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
