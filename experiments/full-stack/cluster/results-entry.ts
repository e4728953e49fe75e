/**
 * What the full-stack results resource runs at `create` (RunResults with this entry, inside
 * Pulumi's dynamic-provider process): the shared create around the full-stack reader, which
 * adds the traced layer breakdown.
 */
import { createRunResultsWith } from '../../../src/cluster/provider-entry';
import { readFullStackRunResults } from './results-reader';
import { FullStackResultsRequest } from './results-request';

/** The dynamic provider's create: the request's inputs plus the RunResult (with its layers) and headline figures. */
export const createRunResults = createRunResultsWith<FullStackResultsRequest>((client, request) => readFullStackRunResults(client, request));
