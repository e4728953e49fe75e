/**
 * RunResult: the one versioned result schema for every experiment and target. Latency comes
 * with its HDR histogram (encoded) so results can be merged; throughput has room for requests,
 * transactions, messages and bytes; resources are per component; the environment fingerprint
 * says where the numbers were measured.
 */
import { CpuProfileSchema } from './cpu-profile';
import { z } from 'zod';
import { LoadProfileSchema } from '../load/profile';

/** Identifies a RunResult document. */
export const RUN_RESULT_KIND = 'perflab.dev/RunResult';
/** The schema version this code writes and reads. */
export const RUN_RESULT_VERSION = 1;

/** Latency figures (ms) plus the encoded histogram (µs) they come from. */
export const LatencySchema = z.object({
  count: z.number().int().min(0),
  min: z.number().min(0),
  mean: z.number().min(0),
  /** Absent when the source reports none (a k6 end-of-test summary has no standard deviation). */
  stddev: z.number().min(0).optional(),
  p50: z.number().min(0),
  p90: z.number().min(0),
  p95: z.number().min(0),
  p99: z.number().min(0),
  p999: z.number().min(0),
  max: z.number().min(0),
  /**
   * Set when the percentiles come from several load generators' own percentiles (k6-operator
   * runners), which cannot be merged exactly: [lowest, highest] across them for each. The merged
   * percentile lies in this range; p50..p999 above then hold the upper end.
   */
  percentileRanges: z.record(z.enum(['p50', 'p90', 'p95', 'p99', 'p999']), z.tuple([z.number().min(0), z.number().min(0)])).optional(),
  histogram: z
    .object({ encoding: z.literal('hdr-compressed-base64'), unit: z.literal('us'), data: z.string().min(1) })
    .optional(),
});
/** Latency of a run or an endpoint. */
export type Latency = z.infer<typeof LatencySchema>;

/** Rates over the measured window; each experiment fills the ones it counts. */
export const ThroughputSchema = z.object({
  requestsPerSecond: z.number().min(0).optional(),
  transactionsPerSecond: z.number().min(0).optional(),
  messagesPerSecond: z.number().min(0).optional(),
  bytesPerSecond: z.number().min(0).optional(),
  totalRequests: z.number().int().min(0).optional(),
  totalTransactions: z.number().int().min(0).optional(),
  totalMessages: z.number().int().min(0).optional(),
  totalBytes: z.number().min(0).optional(),
});

/** Failed operations by kind (`http_5xx`, `http_4xx`, `timeout`, `connection`, `mismatch`, ...). */
export const ErrorsSchema = z.object({
  total: z.number().int().min(0),
  /** total / attempted operations, 0..1. */
  rate: z.number().min(0).max(1),
  byKind: z.record(z.string(), z.number().int().min(0)),
});

/** Per-endpoint (or per-operation) breakdown. */
export const EndpointResultSchema = z.object({
  name: z.string(),
  requests: z.number().int().min(0),
  errors: z.number().int().min(0),
  latency: LatencySchema,
});

/** CPU cores and memory bytes (requests or limits of a component, summed over its pods). */
export const ResourceQuantitiesSchema = z.object({
  cpuCores: z.number().min(0),
  memoryBytes: z.number().min(0),
});
/** CPU cores and memory bytes of a component. */
export type ResourceQuantities = z.infer<typeof ResourceQuantitiesSchema>;

/** Resources one component used during the measured window. */
export const ResourceUsageSchema = z.object({
  component: z.string(),
  /** CPU time consumed, in core-seconds. */
  cpuCoreSeconds: z.number().min(0),
  /** Mean CPU use in cores over the window. */
  cpuCoresAvg: z.number().min(0),
  memoryAvgBytes: z.number().min(0),
  memoryPeakBytes: z.number().min(0),
  samples: z.number().int().min(0),
  /** Where the figures come from: `procfs` (local), `metrics.k8s.io`, `prometheus`. */
  source: z.string(),
  /** 95th percentile of the CPU cores used per sampling interval. @default absent (results before it was recorded) */
  cpuCoresP95: z.number().min(0).optional(),
  /** 95th percentile of the sampled memory. @default absent */
  memoryP95Bytes: z.number().min(0).optional(),
  /**
   * What the Kubernetes manifests of the same configuration request and limit for the component (all its pods),
   * read from the synthesized manifests. Locally the processes ran without them. @default absent
   */
  requested: ResourceQuantitiesSchema.optional(),
  /** The manifests' limits for the component (all its pods); a resource some pod leaves unlimited is absent. @default absent */
  limits: ResourceQuantitiesSchema.partial().optional(),
});

/** One threshold of the profile and whether the run met it. */
export const ThresholdResultSchema = z.object({
  metric: z.string(),
  condition: z.string(),
  observed: z.number(),
  passed: z.boolean(),
});

/** What the run cost; filled by the cost model or OpenCost. */
export const CostSchema = z.object({
  source: z.enum(['opencost', 'kubecost', 'modelled']),
  currency: z.string().default('USD'),
  totalCost: z.number().min(0),
  /** Cost per 1M of the experiment's throughput unit (requests, transactions, messages). */
  costPerMillion: z.number().min(0).optional(),
  /** Cost by resource: `cpu`, `memory`, `storage`, `network`, and where OpenCost reports them `gpu`, `loadBalancer`, `shared`, `external`. */
  breakdown: z.record(z.string(), z.number().min(0)).optional(),
  /** Name of the pricing the cost was computed with (e.g. `opencost-default`, or the cost tool's pricing source). */
  pricing: z.string().optional(),
  /** Date (YYYY-MM-DD) the pricing's list prices were recorded. */
  pricingDate: z.string().optional(),
  /** What costPerMillion counts: requests, transactions or messages. */
  unit: z.enum(['requests', 'transactions', 'messages']).optional(),
  /** Cluster idle cost over the window as a fraction of the cluster's total cost (0..1), from OpenCost's `__idle__`. */
  idleShare: z.number().min(0).max(1).optional(),
  /** The run's proportional share of the cluster idle cost (not included in totalCost unless `idleCharged`). */
  idleCost: z.number().min(0).optional(),
  /** Whether idleCost is included in totalCost. */
  idleCharged: z.boolean().optional(),
  /** OpenCost's totalEfficiency: cost-weighted usage / allocation (may exceed 1 when usage exceeds requests). */
  efficiency: z.number().min(0).optional(),
  /** The window the cost covers (RFC3339). */
  window: z.object({ start: z.string(), end: z.string() }).optional(),
});

/** Where the numbers were measured. */
export const EnvironmentSchema = z.object({
  target: z.string(),
  hostname: z.string().optional(),
  os: z.string(),
  kernel: z.string(),
  arch: z.string(),
  cpuModel: z.string(),
  cpuCores: z.number().int().min(1),
  memoryBytes: z.number().min(0),
  toolVersions: z.record(z.string(), z.string()),
  nodeType: z.string().optional(),
  cni: z.string().optional(),
  meshMode: z.string().optional(),
  storageClass: z.string().optional(),
  /** The machine's 1-minute load average when the run started (local target). @default absent */
  loadAverage1m: z.number().min(0).optional(),
  /** Where the server and the load generator ran, e.g. `server cpus 0, driver cpus 1` (local target). @default absent */
  placement: z.string().optional(),
});

/** One layer's share of a request's latency (a composed request path: gateway, mesh, app, database, ...). */
export const LayerFiguresSchema = z.object({
  /** Layer name: `gateway`, `network` (hops between traced services, mesh proxies included), `app`, `cache`, `database`, `messaging`, ... */
  layer: z.string(),
  /** Mean milliseconds per traced request spent in the layer (the layers' means add up to totalMeanMs). */
  meanMs: z.number().min(0),
  /** Percentiles of the per-request time in the layer (0 for requests that did not reach it). */
  p50Ms: z.number().min(0),
  p95Ms: z.number().min(0),
  p99Ms: z.number().min(0),
  /** meanMs / totalMeanMs, 0..1. */
  share: z.number().min(0).max(1),
});

/** Where the time of a request went, layer by layer (optional: experiments with a layered request path). */
export const LayerBreakdownSchema = z.object({
  /** What the figures come from, e.g. `otlp-traces` (distributed traces). */
  source: z.string(),
  /** Complete traces the figures come from. */
  traces: z.number().int().min(0),
  /** Traces left out because a span of the request path was missing. */
  incompleteTraces: z.number().int().min(0),
  /** Mean duration of the traced requests' root spans, ms. */
  totalMeanMs: z.number().min(0),
  /** Mean latency the load generator measured, ms (the client's view of the same requests). */
  clientMeanMs: z.number().min(0).optional(),
  /** clientMeanMs − totalMeanMs: time outside every traced span (client, its network hop, sampling differences); may be negative. */
  unattributedMs: z.number().optional(),
  layers: z.array(LayerFiguresSchema),
});

/**
 * Size of the system under test's container image, and what was measured. On a cluster, the
 * size the node's container runtime reports for the image the pod ran (kubelet's
 * `node.status.images[].sizeBytes`; whether that counts compressed content or unpacked layers
 * is the runtime's choice). Locally there is no image: the size of the built artefact the image
 * would add beyond its pinned base (binary, publish folder, bundle), which is not the image size.
 */
export const ImageSizeSchema = z.object({
  bytes: z.number().int().min(0),
  /** `node-image`: the node's figure for the whole image; `built-artefact`: only what the build adds (local target). */
  source: z.enum(['node-image', 'built-artefact']),
  /** The image reference the pod ran, or the artefact's paths relative to the app folder. */
  ref: z.string(),
});
/** One image-size figure. */
export type ImageSize = z.output<typeof ImageSizeSchema>;

/** The load generator's own CPU over a run and whether it, not the server, set the pace (local target). */
export const LoadGeneratorUsageSchema = z.object({
  /** User + system CPU seconds of the generator over the run. */
  cpuSeconds: z.number().min(0),
  /** CPU microseconds per request sent. */
  cpuMicrosPerRequest: z.number().min(0).optional(),
  /** Cores the generator can use. */
  cores: z.number().min(0),
  /** Mean CPU utilisation over the run, as a fraction of its cores. */
  meanUtilization: z.number().min(0),
  /** Utilisation of the busiest ~3 s, as a fraction of its cores. */
  busiestUtilization: z.number().min(0),
  /** The busiest stretch reached the saturation threshold: the figures may measure the generator. */
  saturated: z.boolean(),
});

/** The RunResult document, version 1. */
export const RunResultSchema = z.object({
  kind: z.literal(RUN_RESULT_KIND),
  version: z.literal(RUN_RESULT_VERSION),
  id: z.string().regex(/^[A-Za-z0-9._-]+$/),
  experiment: z.string(),
  variant: z.string(),
  target: z.string(),
  /** Optional label grouping repeats of one configuration (e.g. a stack name). */
  label: z.string().optional(),
  profile: LoadProfileSchema,
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  durationSeconds: z.number().min(0),
  loadGenerator: z.object({ name: z.string(), version: z.string() }),
  /** The generator's own CPU and saturation, when it reports them (the native driver). @default absent */
  loadGeneratorUsage: LoadGeneratorUsageSchema.optional(),
  latency: LatencySchema,
  throughput: ThroughputSchema,
  errors: ErrorsSchema,
  endpoints: z.array(EndpointResultSchema),
  resources: z.array(ResourceUsageSchema),
  thresholds: z.array(ThresholdResultSchema),
  thresholdsPassed: z.boolean(),
  /**
   * Cold start, when the target measures it. Local: process start to first healthy answer.
   * Cluster: the system under test's pod scheduled (PodScheduled) to Ready, from pod conditions
   * (image pull, container start and first successful readiness probe; 1 s resolution).
   */
  coldStartMs: z.number().min(0).optional(),
  /** The system under test's image size (see ImageSizeSchema for what each source counts). @default absent */
  imageSize: ImageSizeSchema.optional(),
  cost: CostSchema.optional(),
  environment: EnvironmentSchema,
  notes: z.array(z.string()).default([]),
  /** The system under test's CPU profile over the load, or why there is none. @default absent: not profiled */
  cpuProfile: CpuProfileSchema.optional(),
  /** Per-layer latency breakdown of a composed request path (full-stack experiment). @default absent */
  layers: LayerBreakdownSchema.optional(),
});

/** One measured run of one variant of one experiment. */
export type RunResult = z.output<typeof RunResultSchema>;
/** A RunResult as built before validation (defaults optional). */
export type RunResultInput = z.input<typeof RunResultSchema>;
