/**
 * The full-stack experiment: one request path composed of layers — client → gateway → mesh →
 * app → cache → database → messaging, with observability beside it — each a config toggle, so
 * the baseline series (app only, + gateway, + mesh, + observability) and the optimization
 * presets are stacks that differ by config alone. Latency is broken down by layer from
 * distributed traces and cross-checked by differences between stacks; cost by component.
 */
import { z } from 'zod';
import { CpuQuantity, MemoryQuantity } from '../../src/config/quantities';
import { ExperimentDefinition } from '../../src/experiment';
import { BROKERS, CACHES, DATABASES, GATEWAYS, MESHES, OBSERVABILITY } from './layers';
import { PRESETS } from './presets';

/** The one variant: the composition; which layers it has is config (`perflab:gateway`, ...). */
export const FULL_STACK_VARIANTS = ['composed'] as const;

/** Route of the app's layered endpoint. */
export const CHECKOUT_PATH = '/checkout';

/** Body every checkout request sends. */
export const CHECKOUT_BODY = { customer: 'perflab', qty: 1 } as const;

/** The full-stack experiment's own `perflab:*` keys, with documented defaults. */
export const fullStackConfigShape = {
  /** Gateway in front of the app: `none` or `traefik` (Gateway API). @default none */
  gateway: z.enum(GATEWAYS).default('none'),
  /** Service mesh over the namespace: `none`, `istio`, `istio-ambient`, `linkerd`, `cilium`. @default none */
  mesh: z.enum(MESHES).default('none'),
  /** The app's database: `none` (static catalogue) or `postgres` (CloudNativePG; locally a throwaway server). @default postgres */
  database: z.enum(DATABASES).default('postgres'),
  /** Broker each order is published to: `none`, `nats` (JetStream) or `rabbitmq`. @default nats */
  messaging: z.enum(BROKERS).default('nats'),
  /** Cache in front of the catalogue: `none` or `redis`. @default none */
  cache: z.enum(CACHES).default('none'),
  /** Tracing: `none`, or `otel` (OpenTelemetry spans to a Collector; the per-layer breakdown needs it). @default none */
  observability: z.enum(OBSERVABILITY).default('none'),
  /** Optimization preset, compared against the same stack without it. @default none */
  preset: z.enum(PRESETS).default('none'),
  /** Share of requests whose item is in the cache (with `cache: redis`). @default 0.8 */
  cacheHitRatio: z.coerce.number().min(0).max(1).default(0.8),
  /** Catalogue rows the app seeds (the unindexed read scans them). @default 20000 */
  dbRows: z.coerce.number().int().min(100).max(5_000_000).default(20000),
  /** Share of requests traced when observability is on (the gateway and the app sample alike). @default 0.1 */
  traceSampleRatio: z.coerce.number().gt(0).max(1).default(0.1),
  /** App image. @default perflab/full-stack-app:<version> (experiments/full-stack/app/Dockerfile) */
  image: z.string().min(1).optional(),
  /** App replicas. @default 1 */
  replicas: z.coerce.number().int().min(1).max(20).default(1),
  /** CPU request (and limit) of each app pod. @default 500m */
  cpu: CpuQuantity.default('500m'),
  /** Memory request (and limit) of each app pod. @default 256Mi */
  memory: MemoryQuantity.default('256Mi'),
};

/** The validated full-stack settings (`spec.settings` of a full-stack spec). */
export type FullStackSettings = z.output<z.ZodObject<typeof fullStackConfigShape>>;

/** Every setting at its default. */
export function defaultFullStackSettings(): FullStackSettings {
  return z.object(fullStackConfigShape).parse({});
}

/** The full-stack experiment's declaration. */
export const fullStackExperiment: ExperimentDefinition<typeof fullStackConfigShape> = {
  name: 'full-stack',
  description: 'Client → gateway → mesh → app → cache → database → messaging, each layer a toggle; latency and cost by layer',
  variants: FULL_STACK_VARIANTS,
  configShape: fullStackConfigShape,
  defaultRequestMix: [{ name: 'checkout', method: 'POST', path: CHECKOUT_PATH, body: { ...CHECKOUT_BODY }, weight: 1, expectStatus: 200 }],
  throughputUnit: 'requests',
};
