/**
 * What the RunResults dynamic provider runs at `create`, loaded by path inside Pulumi's
 * dynamic-provider process (so the serialized provider stays a few lines long): reads the run
 * with the real Kubernetes client and returns the resource's outputs.
 */
import { KubeClusterClient } from './kube-client';
import { readRunResults } from './results-reader';
import { RunResultsRequest } from './run-request';

/** The dynamic provider's create: the request's inputs plus the RunResult and headline figures. */
export async function createRunResults(inputs: RunResultsRequest & Record<string, unknown>): Promise<{ id: string; outs: Record<string, unknown> }> {
  const { __provider: _provider, ...request } = inputs;
  void _provider;
  const { runResult, headline } = await readRunResults(new KubeClusterClient(), request as RunResultsRequest);
  const outs: Record<string, unknown> = { ...request, runResult, ...headline };
  for (const k of Object.keys(outs)) if (outs[k] === undefined) delete outs[k];
  return { id: runResult.id, outs };
}
