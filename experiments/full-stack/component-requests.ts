/**
 * The full-stack components' requests and limits as the composition's cluster manifests set them,
 * read from the synthesized chart (with `operators: preinstalled`, so Traefik, the Collector and NATS
 * are manifests too) and keyed by layer: a local RunResult's components map to layers by
 * componentLayer (`server` → app, `postgres` → database, `nats` / `rabbitmq` → messaging, ...).
 * The k6 runner (layer `load`) is not a measured component.
 */
import { DEFAULT_CLUSTER_OPTIONS } from '../../src/cluster/cluster-config';
import { ComponentResources, componentResources } from '../../src/cost/component-requests';
import { parseExperimentConfig } from '../../src/config/spec';
import { synthesizeFullStackChart } from './cluster/chart';
import { FullStackSettings, fullStackExperiment } from './experiment';
import { LAYER_LABEL } from './layers';

/** Requests and limits per layer of the composition `settings` describe (the `load` layer left out). */
export function fullStackLayerResources(settings: Partial<FullStackSettings>): Map<string, ComponentResources> {
  const spec = parseExperimentConfig({ experiment: fullStackExperiment.name, variant: fullStackExperiment.variants[0], ...settings });
  const objects = synthesizeFullStackChart(spec, 'right-sizing', { ...DEFAULT_CLUSTER_OPTIONS, operators: 'preinstalled' });
  return componentResources(objects, (o) => {
    const layer = (o.metadata as { labels?: Record<string, string> } | undefined)?.labels?.[LAYER_LABEL];
    return layer === 'load' ? undefined : layer;
  });
}
