/**
 * The Helm releases of a composition as data (the mesh experiment's ReleaseSpec), in install
 * order and tagged with their layer: the mesh (the mesh experiment's releases), the gateway
 * (Traefik with only its Gateway API provider, its own GatewayClass, ClusterIP), the
 * observability layer (an OpenTelemetry Collector Deployment whose file exporter writes the
 * traces to its log, where the results reader reads them) and the NATS servers (the messaging
 * experiment's chart values). Pins come from src/versions.ts and the experiments' versions.
 */
import { LABEL } from '../../../constructs/labels';
import { NATS_CHART } from '../../messaging/versions';
import { natsChartValues } from '../../messaging/cluster/operators';
import { defaultMessagingSettings } from '../../messaging/config';
import { LinkerdIdentityValues, ReleaseSpec, meshReleases } from '../../mesh/helm-releases';
import { NATS_RELEASE_NAME } from '../../messaging/cluster/brokers';
import { OTEL_COLLECTOR_CHART_VERSION, OTEL_COLLECTOR_IMAGE, OTEL_HELM_REPO, TRAEFIK_CHART_VERSION, TRAEFIK_HELM_REPO } from '../../../src/versions';
import { FullStackSettings } from '../experiment';
import { LAYER_LABEL, LayerKey } from '../layers';
import { TUNED_MAX_IDLE_CONNS_PER_HOST } from '../presets';
import { layerChoice } from '../settings';
import { gatewayClassName } from './gateway-routes';
import { PodMeta } from './mesh-enrolment';
import { GatewayApiCrdSource } from '../../../src/cluster/cluster-config';

/** Release name of Traefik (its Service is `traefik`, port 80 → entry point `web`). */
export const TRAEFIK_RELEASE = 'traefik';
/** Release name (and fullname) of the Collector: Service `otel-collector`, OTLP/HTTP on 4318. */
export const COLLECTOR_RELEASE = 'otel-collector';
/**
 * Name of the Collector's container: the opentelemetry-collector chart names it after the chart
 * (templates/_pod.tpl, `opentelemetry-collector.lowercase_chartname`, chart 0.158.2); the plain
 * manifests use the same name, so the results reader reads the Collector's log by it.
 */
export const COLLECTOR_CONTAINER = 'opentelemetry-collector';
/** Port of the Collector's OTLP/HTTP receiver. */
export const OTLP_HTTP_PORT = 4318;

/** A release and the layer it belongs to. */
export interface LayerRelease {
  readonly layer: LayerKey;
  readonly spec: ReleaseSpec;
}

/** What the values depend on besides the settings. */
export interface ReleaseContext {
  readonly namespace: string;
  readonly target: string;
  /** perflab labels of the run (merged into each chart's pod labels with the layer). */
  readonly runLabels: (layer: LayerKey, name: string) => Record<string, string>;
  /** Pod metadata of the gateway and of the broker (mesh enrolment). */
  readonly gatewayPods: PodMeta;
  readonly brokerPods: PodMeta;
  /** Who provides the Gateway API CRDs Linkerd needs. @default gatewayApiCrdSource for the target */
  readonly gatewayApiCrds?: GatewayApiCrdSource;
}

/** OTLP/HTTP base URL of the run's Collector. */
export function collectorEndpoint(namespace: string): string {
  return `http://${COLLECTOR_RELEASE}.${namespace}.svc:${OTLP_HTTP_PORT}`;
}

/** Messaging settings of the composition's NATS or RabbitMQ: one broker, one copy, persistence on. */
export function compositionBrokerSettings(): ReturnType<typeof defaultMessagingSettings> {
  return { ...defaultMessagingSettings(), brokers: 1, replicationFactor: 1, brokerCpu: '500m', brokerMemory: '512Mi', storageSize: '2Gi' };
}

/** The tuned-gateway-pools preset's transport flag (Traefik static configuration). */
export const TUNED_TRANSPORT_ARG = `--serverstransport.maxidleconnsperhost=${TUNED_MAX_IDLE_CONNS_PER_HOST}`;

/** Where Traefik sends its spans (the Collector's OTLP/HTTP traces path). */
export function traefikTracesEndpoint(namespace: string): string {
  return `${collectorEndpoint(namespace)}/v1/traces`;
}

function traefikValues(s: FullStackSettings, ctx: ReleaseContext): Record<string, unknown> {
  const tuned = s.preset === 'tuned-gateway-pools';
  return {
    deployment: { replicas: 1, podLabels: { ...ctx.gatewayPods.labels, ...ctx.runLabels('gateway', 'traefik') }, podAnnotations: { ...ctx.gatewayPods.annotations } },
    ingressClass: { enabled: false },
    providers: { kubernetesCRD: { enabled: false }, kubernetesIngress: { enabled: false }, kubernetesGateway: { enabled: true, namespaces: [ctx.namespace] } },
    gateway: { enabled: false },
    gatewayClass: { enabled: true, name: gatewayClassName(ctx.namespace) },
    service: { type: 'ClusterIP' },
    ports: { websecure: { expose: { default: false } } },
    resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    global: { checkNewVersion: false, sendAnonymousUsage: false },
    logs: { general: { level: 'WARN' } },
    ...(s.observability === 'otel'
      ? { tracing: { serviceName: 'traefik', sampleRate: s.traceSampleRatio, otlp: { enabled: true, http: { enabled: true, endpoint: traefikTracesEndpoint(ctx.namespace) } } } }
      : {}),
    ...(tuned ? { additionalArguments: [TUNED_TRANSPORT_ARG], experimental: { fastProxy: { enabled: true } } } : {}),
  };
}

function collectorValues(ctx: ReleaseContext): Record<string, unknown> {
  return {
    mode: 'deployment',
    fullnameOverride: COLLECTOR_RELEASE,
    image: { ...OTEL_COLLECTOR_IMAGE },
    replicaCount: 1,
    podLabels: ctx.runLabels('observability', COLLECTOR_RELEASE),
    resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '250m', memory: '512Mi' } },
    config: {
      // One OTLP/JSON request per line on stdout: the results reader parses the pod log.
      exporters: { 'file/traces': { path: '/dev/stdout', format: 'json' } },
      service: { pipelines: { traces: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['file/traces'] } } },
    },
  };
}

function natsValues(ctx: ReleaseContext): Record<string, unknown> {
  const base = natsChartValues(compositionBrokerSettings());
  return {
    ...base,
    podTemplate: { merge: { metadata: { labels: { ...ctx.brokerPods.labels, ...ctx.runLabels('messaging', 'nats') }, annotations: { ...ctx.brokerPods.annotations } } } },
  };
}

const release = (name: string, chart: string, version: string, repo: string, namespace: string, values: Record<string, unknown>): ReleaseSpec => ({ name, chart, version, repo, namespace, createNamespace: false, values });

/** The releases of `s` in install order: mesh, then the namespace's own (collector, gateway, NATS). */
export function compositionReleases<T>(s: FullStackSettings, ctx: ReleaseContext, linkerdIdentity?: LinkerdIdentityValues<T>): LayerRelease[] {
  const choice = layerChoice(s);
  const out: LayerRelease[] = [];
  if (choice.mesh !== 'none') out.push(...meshReleases(choice.mesh, ctx.target, linkerdIdentity, ctx.gatewayApiCrds).map((spec) => ({ layer: 'mesh' as const, spec })));
  if (choice.observability === 'otel') out.push({ layer: 'observability', spec: release(COLLECTOR_RELEASE, 'opentelemetry-collector', OTEL_COLLECTOR_CHART_VERSION, OTEL_HELM_REPO, ctx.namespace, collectorValues(ctx)) });
  if (choice.gateway === 'traefik') out.push({ layer: 'gateway', spec: release(TRAEFIK_RELEASE, 'traefik', TRAEFIK_CHART_VERSION, TRAEFIK_HELM_REPO, ctx.namespace, traefikValues(s, ctx)) });
  if (choice.messaging === 'nats') out.push({ layer: 'messaging', spec: release(NATS_RELEASE_NAME, NATS_CHART.chart, NATS_CHART.version, NATS_CHART.repo, ctx.namespace, natsValues(ctx)) });
  return out;
}

/** Labels selecting the pods a layer's chart runs for the run. */
export function layerPodSelector(layer: LayerKey, run: string): Record<string, string> {
  return { [LAYER_LABEL]: layer, [LABEL.run]: run };
}
