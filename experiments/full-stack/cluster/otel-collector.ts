/**
 * OtelCollector: the observability layer's OpenTelemetry Collector as plain manifests, for
 * clusters where no chart can be installed (`perflab-cluster:operators: preinstalled`): what
 * releases.ts asks of the opentelemetry-collector chart — one Deployment `otel-collector`
 * (contrib image) receiving OTLP/HTTP on 4318 and writing every trace batch as one OTLP/JSON line
 * to stdout (the results reader parses the pod log), its ConfigMap and Service.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { nonRootPod, restrictedContainer } from '../../../constructs/pod-security';
import { stringify } from 'yaml';
import { RunIdentity, perflabLabels, selectorLabels } from '../../../constructs/labels';
import { OTEL_COLLECTOR_IMAGE } from '../../../src/versions';
import { COLLECTOR_CONTAINER, COLLECTOR_RELEASE, OTLP_HTTP_PORT } from './releases';

/** Port of the health_check extension (probes). */
const HEALTH_PORT = 13133;
/** uid of the contrib image's user. */
const COLLECTOR_UID = 10001;

/** Props of OtelCollector. */
export interface OtelCollectorProps {
  readonly identity: RunIdentity;
  /** Extra pod labels (the layer's run labels). @default none */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** CPU and memory request (= limit). @default 250m / 512Mi, as the chart values */
  readonly cpu?: string;
  readonly memory?: string;
}

/** The Collector's configuration: OTLP/HTTP in, memory_limiter + batch, OTLP/JSON lines on stdout. */
export function collectorConfig(): Record<string, unknown> {
  return {
    extensions: { health_check: { endpoint: `0.0.0.0:${HEALTH_PORT}` } },
    receivers: { otlp: { protocols: { http: { endpoint: `0.0.0.0:${OTLP_HTTP_PORT}` } } } },
    processors: { memory_limiter: { check_interval: '5s', limit_percentage: 80, spike_limit_percentage: 25 }, batch: {} },
    exporters: { 'file/traces': { path: '/dev/stdout', format: 'json' } },
    service: { extensions: ['health_check'], pipelines: { traces: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['file/traces'] } } },
  };
}

/** Collector Deployment + ConfigMap + Service. */
export class OtelCollector extends Construct {
  readonly selector: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, p: OtelCollectorProps) {
    super(scope, id);
    const workload = { ...p.identity, name: COLLECTOR_RELEASE, component: 'observability' };
    const labels = perflabLabels(workload);
    this.selector = selectorLabels(workload);
    const cpu = p.cpu ?? '250m';
    const memory = p.memory ?? '512Mi';
    new ApiObject(this, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: COLLECTOR_RELEASE, labels }, data: { 'config.yaml': stringify(collectorConfig()) } });
    const probe = { httpGet: { path: '/', port: 'health' }, periodSeconds: 10, timeoutSeconds: 5 };
    new ApiObject(this, 'deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: COLLECTOR_RELEASE, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: { ...this.selector } },
        template: {
          metadata: { labels: { ...(p.podLabels ?? {}), ...labels } },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: nonRootPod(COLLECTOR_UID),
            containers: [
              {
                name: COLLECTOR_CONTAINER,
                image: `${OTEL_COLLECTOR_IMAGE.repository}:${OTEL_COLLECTOR_IMAGE.tag}`,
                args: ['--config=/conf/config.yaml'],
                ports: [
                  { name: 'otlp-http', containerPort: OTLP_HTTP_PORT, protocol: 'TCP' },
                  { name: 'health', containerPort: HEALTH_PORT, protocol: 'TCP' },
                ],
                resources: { requests: { cpu, memory }, limits: { cpu, memory } },
                readinessProbe: probe,
                livenessProbe: { ...probe, initialDelaySeconds: 10 },
                securityContext: restrictedContainer(),
                volumeMounts: [{ name: 'config', mountPath: '/conf', readOnly: true }],
              },
            ],
            volumes: [{ name: 'config', configMap: { name: COLLECTOR_RELEASE } }],
          },
        },
      },
    });
    new ApiObject(this, 'service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: COLLECTOR_RELEASE, labels },
      spec: { type: 'ClusterIP', selector: { ...this.selector }, ports: [{ name: 'otlp-http', port: OTLP_HTTP_PORT, targetPort: 'otlp-http', protocol: 'TCP' }] },
    });
  }
}
