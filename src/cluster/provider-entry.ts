/**
 * What the RunResults dynamic provider runs at `create`, loaded by path inside Pulumi's
 * dynamic-provider process (so the serialized provider stays a few lines long): reads the run
 * with the real Kubernetes client and returns the resource's outputs.
 */
import { KubeClusterClient } from './kube-client';
import { RunResultsOutcome, readRunResults } from './results-reader';
import { RunResultsRequest } from './run-request';
import { resourceOutputs } from './resource-outputs';

/** A dynamic provider's create around `read`: the request's inputs plus the RunResult and headline figures. */
export function createRunResultsWith<R extends object>(
  read: (client: KubeClusterClient, request: R) => Promise<Pick<RunResultsOutcome, 'runResult'> & { readonly headline: object }>,
): (inputs: R & Record<string, unknown>) => Promise<{ id: string; outs: Record<string, unknown> }> {
  return async (inputs) => {
    const { __provider: _provider, ...request } = inputs;
    void _provider;
    const { runResult, headline } = await read(new KubeClusterClient(), request as unknown as R);
    return resourceOutputs(request, runResult, headline);
  };
}

/** The dynamic provider's create: the request's inputs plus the RunResult and headline figures. */
export const createRunResults = createRunResultsWith<RunResultsRequest>((client, request) => readRunResults(client, request));
