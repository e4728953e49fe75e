/**
 * RedisCache: the cache layer on a cluster — one Redis (pinned image) as a Deployment and a
 * ClusterIP Service, no persistence (a cache: nothing to keep), memory capped with LRU
 * eviction, running as the image's redis user with a read-only root filesystem.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IService } from 'kubernetes-models/v1/Service';
import { RunIdentity, perflabLabels, selectorLabels } from '../../../constructs/labels';
import { REDIS_IMAGE } from '../../../src/versions';

/** Name of the Deployment and Service. */
export const REDIS_NAME = 'redis';
/** Port Redis listens on. */
export const REDIS_PORT = 6379;
/** uid of the `redis` user in the official image. */
const REDIS_UID = 999;

/** Props of RedisCache. */
export interface RedisCacheProps {
  readonly identity: RunIdentity;
  /** CPU request and limit. @default 250m */
  readonly cpu?: string;
  /** Memory request and limit; Redis is capped at 3/4 of it. @default 256Mi */
  readonly memory?: string;
  /** Extra pod labels / annotations (mesh enrolment or opt-out). @default none */
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly podAnnotations?: Readonly<Record<string, string>>;
}

/** Redis Deployment + Service. */
export class RedisCache extends Construct {
  /** Labels of the Redis pods. */
  readonly selector: Readonly<Record<string, string>>;
  /** `redis:6379` from the namespace. */
  readonly address: string;
  readonly deployment: ApiObject;
  readonly service: ApiObject;

  constructor(scope: Construct, id: string, props: RedisCacheProps) {
    super(scope, id);
    const workload = { ...props.identity, name: REDIS_NAME, component: 'cache' };
    const labels = perflabLabels(workload);
    this.selector = selectorLabels(workload);
    const cpu = props.cpu ?? '250m';
    const memory = props.memory ?? '256Mi';
    const maxMemoryMb = Math.floor((Number(/^(\d+)Mi$/.exec(memory)?.[1] ?? '256') * 3) / 4);
    const probe = { tcpSocket: { port: 'redis' }, periodSeconds: 5, timeoutSeconds: 2 };
    const deployment: IDeployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: REDIS_NAME, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: { ...this.selector } },
        template: {
          metadata: { labels: { ...(props.podLabels ?? {}), ...labels }, ...(props.podAnnotations ? { annotations: { ...props.podAnnotations } } : {}) },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: { runAsNonRoot: true, runAsUser: REDIS_UID, runAsGroup: REDIS_UID, fsGroup: REDIS_UID, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'redis',
                image: REDIS_IMAGE,
                command: ['redis-server'],
                args: ['--save', '', '--appendonly', 'no', '--maxmemory', `${maxMemoryMb}mb`, '--maxmemory-policy', 'allkeys-lru', '--dir', '/data'],
                ports: [{ name: 'redis', containerPort: REDIS_PORT, protocol: 'TCP' }],
                resources: { requests: { cpu, memory }, limits: { cpu, memory } },
                readinessProbe: probe,
                livenessProbe: { ...probe, initialDelaySeconds: 10 },
                securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                volumeMounts: [{ name: 'data', mountPath: '/data' }],
              },
            ],
            volumes: [{ name: 'data', emptyDir: { sizeLimit: '64Mi' } }],
          },
        },
      },
    };
    const service: IService = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: REDIS_NAME, labels },
      spec: { type: 'ClusterIP', selector: { ...this.selector }, ports: [{ name: 'redis', port: REDIS_PORT, targetPort: 'redis', protocol: 'TCP' }] },
    };
    this.deployment = new ApiObject(this, 'deployment', deployment);
    this.service = new ApiObject(this, 'service', service);
    this.address = `${REDIS_NAME}:${REDIS_PORT}`;
  }
}
