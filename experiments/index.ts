/** The registry of experiments: `perflab:experiment` must name one of these. */
import { ExperimentDefinition } from '../src/experiment';
import { runtimeExperiment } from './runtime/experiment';

/** Every experiment perflab knows, by name. */
export const experiments: Readonly<Record<string, ExperimentDefinition>> = {
  [runtimeExperiment.name]: runtimeExperiment,
  mesh: (require('./mesh/experiment') as typeof import('./mesh/experiment')).meshExperiment,
};

/** Names of all registered experiments. */
export const EXPERIMENT_NAMES = Object.keys(experiments) as [string, ...string[]];
