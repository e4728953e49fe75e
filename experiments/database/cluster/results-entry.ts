/**
 * What the database experiment's RunResults provider runs at `create`, loaded by path inside
 * Pulumi's dynamic-provider process: reads the workload Job's report with the real Kubernetes
 * client and returns the resource's outputs.
 */
import { createRunResultsWith } from '../../../src/cluster/provider-entry';
import { readDatabaseRunResults } from './results-reader';
import { DatabaseResultsRequest } from './request';

/** The dynamic provider's create: the request's inputs plus the RunResult and headline figures. */
export const createRunResults = createRunResultsWith<DatabaseResultsRequest>((client, request) => readDatabaseRunResults(client, request));
