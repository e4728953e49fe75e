/**
 * The runtime API's requests and limits as its cluster manifests set them for a variant at the
 * experiment's default settings (the settings a local run uses), read from the synthesized chart:
 * the API Deployment is the `server` component of a local RunResult.
 */
import { buildRuntimeChart } from '../../charts/runtime-chart';
import { ComponentResources, componentResources } from '../../src/cost/component-requests';
import { parseExperimentConfig } from '../../src/config/spec';
import { runtimeExperiment } from './experiment';

/** Component name of the API in a local runtime RunResult. */
export const RUNTIME_SERVER_COMPONENT = 'server';

/** Requests and limits per component (`server`) of `variant` at the default settings. */
export function runtimeComponentResources(variant: string): Map<string, ComponentResources> {
  const spec = parseExperimentConfig({ experiment: runtimeExperiment.name, variant });
  const objects = buildRuntimeChart(spec, 'right-sizing').toJson() as object[];
  return componentResources(objects, (o) => (o.kind === 'Deployment' ? RUNTIME_SERVER_COMPONENT : undefined));
}
