/**
 * The layers of the full-stack composition as data: which config key turns each on, what it
 * may be set to, and the order they sit in on the request path (client → gateway → mesh →
 * app → cache → database → messaging, with observability beside it). Everything else — the
 * chart, the Pulumi component, the local target — asks this file which layers a spec has.
 */

/** Gateways: none (k6 calls the app's Service) or Traefik with the Gateway API (docs/adr/0005-gateway.md). */
export const GATEWAYS = ['none', 'traefik'] as const;
/** Meshes: none, or one of the mesh experiment's meshes (its `baseline` is `none` here). */
export const MESHES = ['none', 'istio', 'istio-ambient', 'linkerd', 'cilium'] as const;
/** Databases: none (a static catalogue in the app) or PostgreSQL (CloudNativePG on a cluster, a throwaway server locally). */
export const DATABASES = ['none', 'postgres'] as const;
/** Brokers the app publishes each order to. */
export const BROKERS = ['none', 'nats', 'rabbitmq'] as const;
/** Caches in front of the catalogue. */
export const CACHES = ['none', 'redis'] as const;
/** Observability: none, or OpenTelemetry traces to a Collector. */
export const OBSERVABILITY = ['none', 'otel'] as const;

/** The layer toggles of one composition, as validated config values. */
export interface LayerChoice {
  readonly gateway: (typeof GATEWAYS)[number];
  readonly mesh: (typeof MESHES)[number];
  readonly database: (typeof DATABASES)[number];
  readonly messaging: (typeof BROKERS)[number];
  readonly cache: (typeof CACHES)[number];
  readonly observability: (typeof OBSERVABILITY)[number];
}

/** Names of the toggleable layers (the config keys). */
export const LAYER_KEYS = ['gateway', 'mesh', 'database', 'messaging', 'cache', 'observability'] as const;
/** One toggleable layer. */
export type LayerKey = (typeof LAYER_KEYS)[number];

/** Every layer name used in labels, resources and breakdowns: the toggles plus the parts always there. */
export const LAYER_NAMES = ['app', 'load', ...LAYER_KEYS] as const;
/** One layer name. */
export type LayerName = (typeof LAYER_NAMES)[number];

/** Label every Kubernetes object of the full-stack experiment carries: the layer it belongs to. */
export const LAYER_LABEL = 'perflab.dev/layer';

/** Whether a layer is on. */
export function layerOn(choice: LayerChoice, key: LayerKey): boolean {
  return choice[key] !== 'none';
}

/** The toggled layers that are on, in request-path order. */
export function enabledLayers(choice: LayerChoice): LayerKey[] {
  return LAYER_KEYS.filter((k) => layerOn(choice, k));
}

/** A short name of a composition for labels and tables, e.g. `app+gateway+mesh+database+messaging`. */
export function compositionName(choice: LayerChoice): string {
  return ['app', ...enabledLayers(choice)].join('+');
}
