/** Experiments that run on this machine's processes (`perflab run <experiment> --target local`). */
import { LocalTarget } from '../src/local/local-target';
import { runtimeLocalTarget } from './runtime/local-run';

/** Local targets by experiment name. */
export const localTargets: Readonly<Record<string, LocalTarget>> = {
  [runtimeLocalTarget.experiment]: runtimeLocalTarget,
};
