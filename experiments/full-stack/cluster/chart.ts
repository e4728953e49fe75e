/**
 * FullStackChart: a composition's namespaced manifests, each object labelled with its layer —
 * the app (RuntimeApi with the full-stack image), the database (the database experiment's
 * CnpgCluster), RabbitMQ (the messaging experiment's RabbitmqBroker; NATS comes from Helm),
 * the cache (RedisCache), the gateway's Gateway API objects, the mesh's mTLS objects (the mesh
 * experiment's MtlsPolicies) and the k6 run against the entry (the gateway when there is one).
 * What Helm installs (mesh, Traefik, Collector, NATS, operators) is in releases.ts; with
 * `perflab-cluster:operators: preinstalled` Traefik, the Collector and NATS are manifests here
 * (preinstalled-layers.ts) and the operators and mesh are the cluster's.
 */
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { K6Run } from '../../../constructs/k6-run';
import { LABEL, RunIdentity, perflabLabels } from '../../../constructs/labels';
import { RuntimeApi } from '../../../constructs/runtime-api';
import { ClusterOptions, DEFAULT_CLUSTER_OPTIONS } from '../../../src/cluster/cluster-config';
import { ExperimentSpec } from '../../../src/config/spec';
import { DEFAULT_ENGINE_VERSIONS } from '../../database/versions';
import { CLUSTER_DATABASE, CLUSTER_USER } from '../../database/manifests/chart';
import { CnpgCluster } from '../../database/manifests/operator-databases';
import { RabbitmqBroker } from '../../messaging/cluster/rabbitmq-cluster';
import { MtlsPolicies } from '../../mesh/mtls-policies';
import { APP_PORT, FULL_STACK_APP_IMAGE } from '../app-image';
import { FullStackSettings } from '../experiment';
import { LAYER_LABEL, LayerChoice, LayerName } from '../layers';
import { fullStackSettingsOf, layerChoice } from '../settings';
import { DATABASE_NAME, clusterAppEnv } from './app-env';
import { GatewayRoutes } from './gateway-routes';
import { MESHED_LABEL, PodMeta, compositionMesh, podMeta } from './mesh-enrolment';
import { RedisCache } from './redis-cache';
import { TRAEFIK_RELEASE, compositionBrokerSettings, layerPodSelector } from './releases';
import { chartFreeLayers } from './preinstalled-layers';

/** Name of the app's Deployment and Service. */
export const APP_NAME = 'app';

/** Props of FullStackChart. */
export interface FullStackChartProps {
  readonly spec: ExperimentSpec;
  readonly runId: string;
  /** @default DEFAULT_CLUSTER_OPTIONS */
  readonly options?: ClusterOptions;
}

/** The composition's manifests. */
export class FullStackChart extends Chart {
  readonly settings: FullStackSettings;
  readonly choice: LayerChoice;
  readonly identity: RunIdentity;
  readonly app: RuntimeApi;
  readonly database?: CnpgCluster;
  readonly rabbitmq?: RabbitmqBroker;
  readonly cache?: RedisCache;
  readonly gateway?: GatewayRoutes;
  readonly policies?: MtlsPolicies;
  readonly load: K6Run;
  /** URL k6 calls. */
  readonly entryUrl: string;
  private readonly layers = new Map<LayerName, Construct[]>();

  constructor(scope: Construct, id: string, props: FullStackChartProps) {
    super(scope, id, { namespace: props.spec.namespace, disableResourceNameHashes: true });
    const { spec } = props;
    const s = fullStackSettingsOf(spec);
    const choice = layerChoice(s);
    const ns = spec.namespace;
    const options = props.options ?? DEFAULT_CLUSTER_OPTIONS;
    const identity: RunIdentity = { experiment: spec.experiment.name, variant: spec.variant, run: props.runId };
    const meta = podMeta(choice, s.preset);
    this.settings = s;
    this.choice = choice;
    this.identity = identity;

    if (choice.cache === 'redis') this.cache = this.inLayer('cache', new RedisCache(this, 'cache', { identity, podLabels: meta.cache.labels, podAnnotations: meta.cache.annotations }));
    const { env, secretEnv } = clusterAppEnv(s, ns, this.cache?.address ?? '');
    this.app = this.inLayer(
      'app',
      new RuntimeApi(this, 'app', {
        identity, name: APP_NAME, instance: APP_NAME, image: s.image ?? FULL_STACK_APP_IMAGE, port: APP_PORT,
        replicas: s.replicas, cpu: s.cpu, memory: s.memory, env, secretEnv, podLabels: meta.app.labels, podAnnotations: meta.app.annotations,
      }),
    );
    if (choice.database === 'postgres') {
      const db = new CnpgCluster(this, 'database', {
        identity, name: DATABASE_NAME, namespace: ns, instances: 1, storageSize: '2Gi', cpu: '500m', memory: '512Mi',
        version: DEFAULT_ENGINE_VERSIONS['cnpg/postgres'], database: CLUSTER_DATABASE, user: CLUSTER_USER, monitoring: false,
      });
      patchPodMeta(db.resource, '/spec/inheritedMetadata', meta.database);
      this.database = this.inLayer('database', db);
    }
    if (choice.messaging === 'rabbitmq') {
      const mq = new RabbitmqBroker(this, 'messaging', { identity, settings: compositionBrokerSettings() });
      if (Object.keys(meta.messaging.labels).length || Object.keys(meta.messaging.annotations).length) {
        mq.cluster.addJsonPatch(JsonPatch.add('/spec/override', { statefulSet: { spec: { template: { metadata: { labels: { ...meta.messaging.labels }, annotations: { ...meta.messaging.annotations } } } } } }));
      }
      this.rabbitmq = this.inLayer('messaging', mq);
    }
    if (choice.gateway === 'traefik') this.gateway = this.inLayer('gateway', new GatewayRoutes(this, 'gateway', { identity, namespace: ns, backend: { service: APP_NAME, port: APP_PORT } }));
    if (options.operators === 'preinstalled') {
      for (const { layer, construct } of chartFreeLayers(this, s, identity, ns, meta)) this.inLayer(layer, construct);
    }
    if (choice.mesh !== 'none') {
      const gatewayPods = layerPodSelector('gateway', props.runId);
      this.policies = this.inLayer(
        'mesh',
        new MtlsPolicies(this, 'mesh', {
          identity,
          mesh: compositionMesh(choice).variant,
          servicesSelector: { [MESHED_LABEL]: 'true', [LABEL.run]: props.runId },
          entrySelector: this.gateway ? gatewayPods : this.app.selector,
          loadSelector: { [LABEL.name]: 'k6', [LABEL.run]: props.runId },
          portName: this.gateway ? 'web' : 'http',
        }),
      );
    }
    this.entryUrl = this.gateway ? `http://${TRAEFIK_RELEASE}.${ns}.svc:80` : this.app.urlIn(ns);
    this.load = this.inLayer(
      'load',
      new K6Run(this, 'load', {
        identity, profile: spec.profile, baseUrl: this.entryUrl, sutSelector: this.app.selector,
        mode: options.k6Mode, parallelism: options.parallelism, placement: options.placement,
        nodeSelector: options.placement === 'node-selector' ? options.nodeSelector : undefined,
        podLabels: meta.load.labels, podAnnotations: meta.load.annotations,
      }),
    );
  }

  private inLayer<T extends Construct>(layer: LayerName, c: T): T {
    this.layers.set(layer, [...(this.layers.get(layer) ?? []), c]);
    for (const o of c.node.findAll()) if (o instanceof ApiObject) o.metadata.addLabel(LAYER_LABEL, layer);
    return c;
  }

  /** The manifest objects of each layer that has any, in request-path order. */
  layerObjects(): Array<{ layer: LayerName; objects: Record<string, unknown>[] }> {
    return [...this.layers].map(([layer, cs]) => ({
      layer,
      objects: cs.flatMap((c) => c.node.findAll().filter((o): o is ApiObject => o instanceof ApiObject).map((o) => o.toJson() as Record<string, unknown>)),
    }));
  }
}

/** Adds labels and annotations to an operator's pod metadata field (e.g. CNPG's inheritedMetadata). */
function patchPodMeta(obj: ApiObject, path: string, meta: PodMeta): void {
  const current = (obj.toJson() as { spec?: { inheritedMetadata?: { labels?: Record<string, string> } } }).spec?.inheritedMetadata?.labels ?? {};
  if (Object.keys(meta.labels).length) obj.addJsonPatch(JsonPatch.replace(`${path}/labels`, { ...current, ...meta.labels }));
  if (Object.keys(meta.annotations).length) obj.addJsonPatch(JsonPatch.add(`${path}/annotations`, { ...meta.annotations }));
}

/** The chart for a spec in a fresh cdk8s App. */
export function buildFullStackChart(spec: ExperimentSpec, runId: string, options?: ClusterOptions): FullStackChart {
  return new FullStackChart(new App(), 'full-stack', { spec, runId, options });
}

/** The manifest objects of a spec's chart, as plain JSON (synth, plan, check). */
export function synthesizeFullStackChart(spec: ExperimentSpec, runId: string, options?: ClusterOptions): Record<string, unknown>[] {
  return buildFullStackChart(spec, runId, options).toJson() as Record<string, unknown>[];
}

/** perflab's run labels of a chart-installed layer's pods (no app.kubernetes.io keys: the charts set their own). */
export function runPodLabels(identity: RunIdentity, layer: string, name: string): Record<string, string> {
  const all = perflabLabels({ ...identity, name, component: layer });
  return { [LABEL.experiment]: all[LABEL.experiment], [LABEL.variant]: all[LABEL.variant], [LABEL.run]: all[LABEL.run], [LAYER_LABEL]: layer };
}
