/**
 * The layers a composition otherwise gets from per-run Helm charts (releases.ts), as perflab's own
 * manifests for `perflab-cluster:operators: preinstalled`: NATS servers (constructs/nats-servers.ts
 * with the messaging experiment's values), the OpenTelemetry Collector and Traefik. Same names,
 * ports, pod labels and mesh enrolment as the charts get, so the app, k6 and the results reader
 * find them alike. Cluster-scoped objects (Traefik's GatewayClass and RBAC) carry no namespace.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { RunIdentity } from '../../../constructs/labels';
import { natsServers } from '../../messaging/cluster/messaging-chart';
import { FullStackSettings } from '../experiment';
import { LayerKey } from '../layers';
import { layerChoice } from '../settings';
import { runPodLabels } from './chart';
import { PodMeta } from './mesh-enrolment';
import { OtelCollector } from './otel-collector';
import { COLLECTOR_RELEASE, TRAEFIK_RELEASE, TUNED_TRANSPORT_ARG, compositionBrokerSettings, traefikTracesEndpoint } from './releases';
import { TraefikGateway } from './traefik-gateway';

const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding', 'GatewayClass']);

/** The chart-free constructs of `s`'s per-run chart layers, each with its layer. */
export function chartFreeLayers(
  scope: Construct,
  s: FullStackSettings,
  identity: RunIdentity,
  namespace: string,
  meta: { readonly gateway: PodMeta; readonly messaging: PodMeta },
): Array<{ layer: LayerKey; construct: Construct }> {
  const choice = layerChoice(s);
  const out: Array<{ layer: LayerKey; construct: Construct }> = [];
  if (choice.observability === 'otel') {
    out.push({ layer: 'observability', construct: new OtelCollector(scope, 'otel-collector', { identity, podLabels: runPodLabels(identity, 'observability', COLLECTOR_RELEASE) }) });
  }
  if (choice.gateway === 'traefik') {
    const traefik = new TraefikGateway(scope, 'traefik', {
      identity,
      namespace,
      podLabels: { ...meta.gateway.labels, ...runPodLabels(identity, 'gateway', TRAEFIK_RELEASE) },
      podAnnotations: meta.gateway.annotations,
      tracing: choice.observability === 'otel' ? { endpoint: traefikTracesEndpoint(namespace), sampleRate: s.traceSampleRatio } : undefined,
      extraArgs: s.preset === 'tuned-gateway-pools' ? [TUNED_TRANSPORT_ARG, '--experimental.fastProxy=true'] : [],
    });
    for (const o of traefik.node.findAll()) if (o instanceof ApiObject && CLUSTER_SCOPED.has(o.kind)) o.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    out.push({ layer: 'gateway', construct: traefik });
  }
  if (choice.messaging === 'nats') {
    const podLabels = { ...meta.messaging.labels, ...runPodLabels(identity, 'messaging', 'nats') };
    out.push({ layer: 'messaging', construct: natsServers(scope, identity, compositionBrokerSettings(), { podLabels, podAnnotations: meta.messaging.annotations }) });
  }
  return out;
}
