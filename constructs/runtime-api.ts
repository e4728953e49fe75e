/**
 * RuntimeApi: the system under test of the runtime experiment — one variant's HTTP API as a
 * Deployment plus a ClusterIP Service. Probes hit /health; pods run non-root with a read-only
 * root filesystem (a writable emptyDir at /tmp), no privilege escalation and no capabilities.
 * Raw `apps/v1` / `v1` objects keep the manifests explicit: plain JSON typed with
 * kubernetes-models' interfaces (type-only imports), emitted as cdk8s ApiObjects.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { IService } from 'kubernetes-models/v1/Service';
import { cpuCores, memoryBytes } from '../src/config/quantities';
import { RunIdentity, perflabLabels, selectorLabels } from './labels';
import { PropChecker } from './validation';

/** `app.kubernetes.io/name` of the API workload. */
export const RUNTIME_API_NAME = 'runtime-api';
/** `app.kubernetes.io/component` of the system under test. */
export const SUT_COMPONENT = 'server';

/** Props of RuntimeApi. */
export interface RuntimeApiProps {
  /** Run the objects belong to (labels). */
  readonly identity: RunIdentity;
  /** Container image, pinned by tag or digest, e.g. `perflab/runtime-go:0.1.0`. */
  readonly image: string;
  /** Port the server listens on (passed as PORT) and the Service exposes. */
  readonly port: number;
  /** Name of the Deployment and Service. @default `<experiment>-<variant>` */
  readonly name?: string;
  /** Pod replicas, 1..100. @default 1 */
  readonly replicas?: number;
  /** CPU request of each pod. @default 500m */
  readonly cpu?: string;
  /** Memory request of each pod. @default 256Mi */
  readonly memory?: string;
  /** CPU limit; must be ≥ the request. @default the request (Guaranteed QoS for stable measurements) */
  readonly cpuLimit?: string;
  /** Memory limit; must be ≥ the request. @default the request */
  readonly memoryLimit?: string;
  /** Path both probes request. @default /health */
  readonly healthPath?: string;
  /** Image pull policy; images imported into k3s need IfNotPresent. @default IfNotPresent */
  readonly imagePullPolicy?: 'IfNotPresent' | 'Always' | 'Never';
  /** Extra environment variables (HOST and PORT are always set). @default none */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * `app.kubernetes.io/instance` of its objects and selector; give each of several APIs in one
   * namespace its own (the mesh experiment's services). @default `<experiment>-<variant>`
   */
  readonly instance?: string;
  /**
   * Environment variables read from Secrets (`valueFrom.secretKeyRef`), e.g. a database
   * password the app must not see in its manifest. @default none
   */
  readonly secretEnv?: Readonly<Record<string, { readonly secret: string; readonly key: string }>>;
  /** Extra labels on the pods only (not on the selector), e.g. a mesh's enrolment; perflab's own labels win. @default none */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** Annotations on the pods, e.g. a mesh proxy's port exclusions. @default none */
  readonly podAnnotations?: Readonly<Record<string, string>>;
}

/** One runtime variant's API: Deployment + Service, validated at construct time. */
export class RuntimeApi extends Construct {
  /** Name of the Deployment and Service. */
  readonly name: string;
  /** Labels selecting the API pods (stable across runs). */
  readonly selector: Readonly<Record<string, string>>;
  /** Base URL of the Service from its own namespace, e.g. `http://runtime-go:8080`. */
  readonly url: string;
  /** The Deployment (`apps/v1`). */
  readonly deployment: ApiObject;
  /** The Service (`v1`). */
  readonly service: ApiObject;

  constructor(scope: Construct, id: string, props: RuntimeApiProps) {
    super(scope, id);
    const check = new PropChecker(`RuntimeApi "${id}"`);
    const image = check.image('image', props.image);
    const port = check.int('port', props.port, 1, 65535);
    const replicas = check.int('replicas', props.replicas ?? 1, 1, 100);
    const cpu = check.cpu('cpu', props.cpu ?? '500m');
    const memory = check.memory('memory', props.memory ?? '256Mi');
    const cpuLimit = check.cpu('cpuLimit', props.cpuLimit ?? cpu);
    const memoryLimit = check.memory('memoryLimit', props.memoryLimit ?? memory);
    if (cpuCores(cpuLimit) < cpuCores(cpu)) check.fail('cpuLimit', cpuLimit, `a CPU quantity ≥ the request (${cpu})`);
    if (memoryBytes(memoryLimit) < memoryBytes(memory)) check.fail('memoryLimit', memoryLimit, `a memory quantity ≥ the request (${memory})`);
    const healthPath = props.healthPath ?? '/health';
    if (!healthPath.startsWith('/')) check.fail('healthPath', healthPath, 'a path starting with /');
    const pullPolicy = check.oneOf('imagePullPolicy', props.imagePullPolicy ?? 'IfNotPresent', ['IfNotPresent', 'Always', 'Never']);
    const name = props.name ?? `${props.identity.experiment}-${props.identity.variant}`;
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63) check.fail('name', name, 'a DNS-1123 label (lowercase letters, digits and -, at most 63 characters)');
    for (const [k, v] of Object.entries(props.env ?? {})) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) || typeof v !== 'string') check.fail(`env.${k}`, v, 'a string value under a name of letters, digits and _');
    }
    for (const [k, v] of Object.entries(props.secretEnv ?? {})) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) || !v?.secret || !v?.key) check.fail(`secretEnv.${k}`, v, 'a { secret, key } reference under a name of letters, digits and _');
    }
    if (props.podLabels && Object.keys(props.podLabels).length) check.labels('podLabels', props.podLabels);

    const workload = { ...props.identity, name: RUNTIME_API_NAME, component: SUT_COMPONENT, instance: props.instance };
    const labels = perflabLabels(workload);
    this.selector = selectorLabels(workload);
    this.name = name;
    const probe = (extra: Partial<IProbe>): IProbe => ({
      httpGet: { path: healthPath, port: 'http' },
      timeoutSeconds: 2,
      ...extra,
    });

    const deployment: IDeployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels },
      spec: {
        replicas,
        selector: { matchLabels: { ...this.selector } },
        template: {
          metadata: { labels: { ...(props.podLabels ?? {}), ...labels }, ...(props.podAnnotations ? { annotations: { ...props.podAnnotations } } : {}) },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            terminationGracePeriodSeconds: 15,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'api',
                image,
                imagePullPolicy: pullPolicy,
                ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
                env: [
                  { name: 'HOST', value: '0.0.0.0' },
                  { name: 'PORT', value: String(port) },
                  ...Object.entries(props.env ?? {}).map(([k, v]) => ({ name: k, value: v })),
                  ...Object.entries(props.secretEnv ?? {}).map(([k, v]) => ({ name: k, valueFrom: { secretKeyRef: { name: v.secret, key: v.key } } })),
                ],
                resources: { requests: { cpu, memory }, limits: { cpu: cpuLimit, memory: memoryLimit } },
                readinessProbe: probe({ periodSeconds: 2, failureThreshold: 3 }),
                livenessProbe: probe({ initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 6 }),
                securityContext: {
                  allowPrivilegeEscalation: false,
                  privileged: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
          },
        },
      },
    };
    const service: IService = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels },
      spec: {
        type: 'ClusterIP',
        selector: { ...this.selector },
        ports: [{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }],
      },
    };
    this.deployment = new ApiObject(this, 'deployment', deployment);
    this.service = new ApiObject(this, 'service', service);
    this.url = `http://${name}:${port}`;
  }

  /** Base URL of the Service from any namespace (`http://<name>.<namespace>.svc:<port>`). */
  urlIn(namespace: string): string {
    return this.url.replace(`//${this.name}:`, `//${this.name}.${namespace}.svc:`);
  }
}
