/**
 * The outputs of a results resource (RunResults and the experiments' own): the request's inputs
 * plus the RunResult and its headline figures, as plain JSON. Pulumi sends a dynamic resource's
 * outputs as a protobuf Struct, which has no `undefined` (nor NaN or Infinity): one such value
 * anywhere inside fails the update with "Unexpected struct type". Optional fields that are
 * absent are left out; a non-finite number becomes null, as JSON has it.
 */
import { RunResult } from '../results/run-result';

/** `{ id, outs }` of a dynamic provider's create for one read run. */
export function resourceOutputs(
  request: Record<string, unknown>,
  runResult: RunResult,
  headline: object,
): { id: string; outs: Record<string, unknown> } {
  const outs = JSON.parse(JSON.stringify({ ...request, runResult, ...headline })) as Record<string, unknown>;
  return { id: runResult.id, outs };
}
