/**
 * What the DatabaseRunResults dynamic provider runs at `create`, loaded by path inside Pulumi's
 * dynamic-provider process (the serialized provider is src/cluster/results-provider.ts's, pointed
 * here): reads the run with the real Kubernetes client and returns the resource's outputs.
 */
import { KubeClusterClient } from '../../../src/cluster/kube-client';
import { readDatabaseRunResults } from './results-reader';
import { DatabaseResultsRequest } from './request';

/** The dynamic provider's create: the request's inputs plus the RunResult and headline figures. */
export async function createRunResults(inputs: DatabaseResultsRequest & Record<string, unknown>): Promise<{ id: string; outs: Record<string, unknown> }> {
  const { __provider: _provider, ...request } = inputs;
  void _provider;
  const { runResult, headline } = await readDatabaseRunResults(new KubeClusterClient(), request as unknown as DatabaseResultsRequest);
  const outs: Record<string, unknown> = { ...request, runResult, ...headline };
  for (const k of Object.keys(outs)) if (outs[k] === undefined) delete outs[k];
  return { id: runResult.id, outs };
}
