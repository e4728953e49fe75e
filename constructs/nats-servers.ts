/**
 * NatsServers: NATS servers with JetStream as plain manifests — what the nats Helm chart makes,
 * for clusters where no chart can be installed (`perflab-cluster:operators: preinstalled`, NACK
 * already running). A StatefulSet `<name>` (pods `<name>-0..n-1`, server name = pod name, routes
 * between them beyond one), a client Service `<name>:4222`, a headless Service for the routes, a
 * ConfigMap with nats.conf and a PodDisruptionBudget. Pods carry the chart's selector labels
 * (`app.kubernetes.io/name|instance|component: <name>`), so the readers find them alike.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { nonRootPod, restrictedContainer } from './pod-security';
import { LABEL, RunIdentity, perflabLabels } from './labels';
import { PropChecker } from './validation';
import { memoryBytes } from '../src/config/quantities';

/** Client port. */
export const NATS_CLIENT_PORT = 4222;
const ROUTE_PORT = 6222;
const MONITOR_PORT = 8222;
/** uid/gid the servers run as (the image needs no root). */
const NATS_UID = 1000;

/** Props of NatsServers. */
export interface NatsServersProps {
  readonly identity: RunIdentity;
  /** Pinned nats-server image, e.g. `nats:2.11.8-alpine`. */
  readonly image: string;
  /** StatefulSet / Service name and the pods' name, instance and component label. @default nats */
  readonly name?: string;
  /** Servers; beyond one they form a cluster. @default 1 */
  readonly replicas?: number;
  /** CPU and memory request (= limit) of each server. */
  readonly cpu: string;
  readonly memory: string;
  /** JetStream file store on a PersistentVolumeClaim per server; none: an emptyDir and memory streams only. @default none */
  readonly fileStore?: { readonly size: string; readonly storageClass?: string };
  /** JetStream memory store limit. @default 1Gi */
  readonly memoryStore?: string;
  /** Extra pod labels / annotations (mesh enrolment, layer labels). @default none */
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly podAnnotations?: Readonly<Record<string, string>>;
}

/** The servers' nats.conf. */
export function natsConfig(name: string, replicas: number, memoryStore: string, fileStoreBytes: number): string {
  const routes = Array.from({ length: replicas }, (_, i) => `nats://${name}-${i}.${name}-headless:${ROUTE_PORT}`);
  return [
    `port: ${NATS_CLIENT_PORT}`,
    `http_port: ${MONITOR_PORT}`,
    'server_name: $SERVER_NAME',
    'lame_duck_duration: 30s',
    'jetstream {',
    `  max_memory_store: ${memoryBytes(memoryStore)}`,
    '  store_dir: "/data"',
    `  max_file_store: ${fileStoreBytes}`,
    '}',
    ...(replicas > 1 ? ['cluster {', `  name: ${name}`, `  port: ${ROUTE_PORT}`, '  no_advertise: true', `  routes: [${routes.join(', ')}]`, '}'] : []),
    '',
  ].join('\n');
}

/** NATS servers with JetStream. */
export class NatsServers extends Construct {
  /** `nats://<name>:4222` from the namespace. */
  readonly url: string;
  /** Labels of the server pods (the chart's). */
  readonly podSelector: Readonly<Record<string, string>>;
  readonly statefulSet: ApiObject;

  constructor(scope: Construct, id: string, p: NatsServersProps) {
    super(scope, id);
    const check = new PropChecker(`NatsServers "${id}"`);
    const name = p.name ?? 'nats';
    const replicas = check.int('replicas', p.replicas ?? 1, 1, 9);
    const cpu = check.cpu('cpu', p.cpu);
    const memory = check.memory('memory', p.memory);
    const image = check.image('image', p.image);
    const memoryStore = check.memory('memoryStore', p.memoryStore ?? '1Gi');
    if (p.fileStore) check.memory('fileStore.size', p.fileStore.size);
    const labels = perflabLabels({ ...p.identity, name, instance: name, component: name });
    this.podSelector = { [LABEL.name]: name, [LABEL.instance]: name, [LABEL.component]: name };
    new ApiObject(this, 'config', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${name}-config`, labels },
      data: { 'nats.conf': natsConfig(name, replicas, memoryStore, p.fileStore ? memoryBytes(p.fileStore.size) : memoryBytes('1Gi')) },
    });
    const ports = [
      { name: 'nats', port: NATS_CLIENT_PORT, targetPort: 'nats', protocol: 'TCP' },
      { name: 'cluster', port: ROUTE_PORT, targetPort: 'cluster', protocol: 'TCP' },
      { name: 'monitor', port: MONITOR_PORT, targetPort: 'monitor', protocol: 'TCP' },
    ];
    new ApiObject(this, 'service', { apiVersion: 'v1', kind: 'Service', metadata: { name, labels }, spec: { type: 'ClusterIP', selector: { ...this.podSelector }, ports: [ports[0]] } });
    new ApiObject(this, 'headless', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `${name}-headless`, labels },
      spec: { type: 'ClusterIP', clusterIP: 'None', publishNotReadyAddresses: true, selector: { ...this.podSelector }, ports },
    });
    const health = (path: string, extra: Record<string, number> = {}): Record<string, unknown> => ({ httpGet: { path, port: 'monitor' }, periodSeconds: 10, timeoutSeconds: 5, ...extra });
    this.statefulSet = new ApiObject(this, 'statefulset', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name, labels },
      spec: {
        serviceName: `${name}-headless`,
        replicas,
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: { ...this.podSelector } },
        template: {
          metadata: { labels: { ...(p.podLabels ?? {}), ...labels }, ...(p.podAnnotations ? { annotations: { ...p.podAnnotations } } : {}) },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: nonRootPod(NATS_UID, { fsGroup: true }),
            terminationGracePeriodSeconds: 60,
            containers: [
              {
                name: 'nats',
                image,
                args: ['--config', '/etc/nats-config/nats.conf'],
                env: [{ name: 'SERVER_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
                ports: [
                  { name: 'nats', containerPort: NATS_CLIENT_PORT, protocol: 'TCP' },
                  { name: 'cluster', containerPort: ROUTE_PORT, protocol: 'TCP' },
                  { name: 'monitor', containerPort: MONITOR_PORT, protocol: 'TCP' },
                ],
                resources: { requests: { cpu, memory }, limits: { cpu, memory } },
                startupProbe: health('/healthz', { failureThreshold: 90 }),
                readinessProbe: health('/healthz?js-enabled-only=true'),
                livenessProbe: health('/healthz?js-enabled-only=true', { failureThreshold: 3 }),
                securityContext: restrictedContainer(),
                volumeMounts: [
                  { name: 'config', mountPath: '/etc/nats-config', readOnly: true },
                  { name: 'data', mountPath: '/data' },
                ],
              },
            ],
            volumes: [{ name: 'config', configMap: { name: `${name}-config` } }, ...(p.fileStore ? [] : [{ name: 'data', emptyDir: { sizeLimit: '1Gi' } }])],
          },
        },
        ...(p.fileStore
          ? {
              volumeClaimTemplates: [
                {
                  metadata: { name: 'data' },
                  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: p.fileStore.size } }, ...(p.fileStore.storageClass ? { storageClassName: p.fileStore.storageClass } : {}) },
                },
              ],
            }
          : {}),
      },
    });
    // No voluntary eviction (node drain) of a server mid-measurement.
    new ApiObject(this, 'pdb', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, labels }, spec: { maxUnavailable: 0, selector: { matchLabels: { ...this.podSelector } } } });
    this.url = `nats://${name}:${NATS_CLIENT_PORT}`;
  }
}
