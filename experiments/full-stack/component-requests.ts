/**
 * The full-stack components' requests and limits as the composition's manifests set them, keyed
 * by layer (the `perflab.dev/layer` label): a RunResult's components map to layers by
 * componentLayer (`server` → app, `postgres` → database, `nats` / `rabbitmq` → messaging, ...).
 * The k6 runner (layer `load`) is not a measured component, and the mesh layer is left out: its
 * proxies, node proxies and control planes are several components of one layer (and come from the
 * mesh's own install, not the chart). Local runs synthesize the chart with `operators: preinstalled`,
 * so Traefik, the Collector and NATS are manifests too; on a cluster with Helm releases those
 * layers have no requests here.
 */
import { DEFAULT_CLUSTER_OPTIONS } from '../../src/cluster/cluster-config';
import { ComponentResources, componentResources } from '../../src/cost/component-requests';
import { parseExperimentConfig } from '../../src/config/spec';
import { synthesizeFullStackChart } from './cluster/chart';
import { componentLayer } from './component-cost';
import { FullStackSettings, fullStackExperiment } from './experiment';
import { LAYER_LABEL } from './layers';

const UNMEASURED_LAYERS = new Set(['load', 'mesh']);

/** Requests and limits per layer of `objects` (the load and mesh layers left out). */
export function layerResources(objects: readonly object[]): Map<string, ComponentResources> {
  return componentResources(objects, (o) => {
    const layer = (o.metadata as { labels?: Record<string, string> } | undefined)?.labels?.[LAYER_LABEL];
    return layer === undefined || UNMEASURED_LAYERS.has(layer) ? undefined : layer;
  });
}

/** Requests and limits per layer of the composition `settings` describe, from its synthesized chart. */
export function fullStackLayerResources(settings: Partial<FullStackSettings>): Map<string, ComponentResources> {
  const spec = parseExperimentConfig({ experiment: fullStackExperiment.name, variant: fullStackExperiment.variants[0], ...settings });
  return layerResources(synthesizeFullStackChart(spec, 'right-sizing', { ...DEFAULT_CLUSTER_OPTIONS, operators: 'preinstalled' }));
}

/** Requests and limits of each of `components` (RunResult component names) whose layer `objects` request resources for. */
export function componentRequestsOf(objects: readonly object[], components: readonly string[]): Record<string, ComponentResources> {
  const byLayer = layerResources(objects);
  return Object.fromEntries(components.flatMap((c) => {
    const r = byLayer.get(componentLayer(c));
    return r ? [[c, r]] : [];
  }));
}
