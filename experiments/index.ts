/** The registry of experiments: `perflab:experiment` must name one of these. */
import { ExperimentDefinition } from '../src/experiment';
import { databaseExperiment } from './database/experiment';
import { fullStackExperiment } from './full-stack/experiment';
import { meshExperiment } from './mesh/experiment';
import { messagingExperiment } from './messaging/experiment';
import { runtimeExperiment } from './runtime/experiment';

/** Every experiment perflab knows, by name. */
export const experiments: Readonly<Record<string, ExperimentDefinition>> = Object.fromEntries(
  [runtimeExperiment, databaseExperiment, messagingExperiment, meshExperiment, fullStackExperiment].map((e) => [e.name, e]),
);

/** Names of all registered experiments. */
export const EXPERIMENT_NAMES = Object.keys(experiments) as [string, ...string[]];
