/** Experiments that run on this machine's processes (`perflab run <experiment> --target local`). */
import { LocalTarget } from '../src/local/local-target';
import { databaseLocalTarget } from './database/local-run';
import { fullStackLocalTarget } from './full-stack/local-run';
import { messagingLocalTarget } from './messaging/local-run';
import { runtimeLocalTarget } from './runtime/local-run';

/** Local targets by experiment name. */
export const localTargets: Readonly<Record<string, LocalTarget>> = Object.fromEntries(
  [runtimeLocalTarget, databaseLocalTarget, messagingLocalTarget, fullStackLocalTarget].map((t) => [t.experiment, t]),
);
