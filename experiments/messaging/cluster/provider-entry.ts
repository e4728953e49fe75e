/**
 * What the MessagingRunResults dynamic provider runs at `create`, loaded by path inside
 * Pulumi's dynamic-provider process (the shared runResultsProvider calls `createRunResults`):
 * reads the run with the real Kubernetes client and returns the resource's outputs.
 */
import { createRunResultsWith } from '../../../src/cluster/provider-entry';
import { readMessagingResults } from './results-reader';
import { MessagingResultsRequest } from './results-request';

/** The dynamic provider's create: the request's inputs plus the RunResult and headline figures. */
export const createRunResults = createRunResultsWith<MessagingResultsRequest>((client, request) => readMessagingResults(client, request));
