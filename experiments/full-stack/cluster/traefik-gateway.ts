/**
 * TraefikGateway: the gateway layer's Traefik as plain manifests, for clusters where no chart can
 * be installed (`perflab-cluster:operators: preinstalled`; the Gateway API CRDs must exist). What
 * releases.ts asks of the traefik chart: only the Kubernetes Gateway provider, watching the run's
 * namespace, with the run's own GatewayClass; entry point `web` on 8000 behind a ClusterIP
 * Service `traefik:80`; ping on 8080 for the probes; optional OTLP tracing and the tuned preset's
 * transport flags. RBAC is a ClusterRole (GatewayClasses are cluster-scoped) named after the run.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { nonRootPod, restrictedContainer } from '../../../constructs/pod-security';
import { RunIdentity, perflabLabels, selectorLabels } from '../../../constructs/labels';
import { TRAEFIK_IMAGE } from '../../../src/versions';
import { GATEWAY_LISTENER_PORT, gatewayClassName } from './gateway-routes';
import { TRAEFIK_RELEASE } from './releases';

/** Traefik's controller name for Gateway API GatewayClasses. */
export const TRAEFIK_GATEWAY_CONTROLLER = 'traefik.io/gateway-controller';
const PING_PORT = 8080;
/** uid the chart runs Traefik as. */
const TRAEFIK_UID = 65532;

/** Props of TraefikGateway. */
export interface TraefikGatewayProps {
  readonly identity: RunIdentity;
  /** The run's namespace (the only one the provider watches). */
  readonly namespace: string;
  /** Extra pod labels / annotations (layer labels, mesh enrolment). @default none */
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /** OTLP/HTTP tracing to this traces URL at this sample rate. @default off */
  readonly tracing?: { readonly endpoint: string; readonly sampleRate: number };
  /** Extra static-configuration flags (e.g. the tuned preset's transport pool). @default none */
  readonly extraArgs?: readonly string[];
}

/** Traefik's static configuration as flags. */
export function traefikArgs(p: Pick<TraefikGatewayProps, 'namespace' | 'tracing' | 'extraArgs'>): string[] {
  return [
    `--entryPoints.web.address=:${GATEWAY_LISTENER_PORT}/tcp`,
    `--entryPoints.traefik.address=:${PING_PORT}/tcp`,
    '--ping=true',
    '--providers.kubernetesgateway=true',
    `--providers.kubernetesgateway.namespaces=${p.namespace}`,
    '--global.checkNewVersion=false',
    '--global.sendAnonymousUsage=false',
    '--log.level=WARN',
    ...(p.tracing
      ? ['--tracing=true', '--tracing.serviceName=traefik', `--tracing.sampleRate=${p.tracing.sampleRate}`, '--tracing.otlp=true', '--tracing.otlp.http=true', `--tracing.otlp.http.endpoint=${p.tracing.endpoint}`]
      : []),
    ...(p.extraArgs ?? []),
  ];
}

/** Traefik Deployment, Service, ServiceAccount, RBAC and the run's GatewayClass. */
export class TraefikGateway extends Construct {
  readonly selector: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, p: TraefikGatewayProps) {
    super(scope, id);
    const workload = { ...p.identity, name: TRAEFIK_RELEASE, component: 'gateway' };
    const labels = perflabLabels(workload);
    this.selector = selectorLabels(workload);
    const clusterName = gatewayClassName(p.namespace);
    new ApiObject(this, 'account', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: TRAEFIK_RELEASE, labels }, automountServiceAccountToken: false });
    const gw = 'gateway.networking.k8s.io';
    const routes = ['gatewayclasses', 'gateways', 'httproutes', 'grpcroutes', 'referencegrants', 'backendtlspolicies'];
    new ApiObject(this, 'role', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: clusterName, labels },
      rules: [
        { apiGroups: [''], resources: ['namespaces', 'services', 'secrets', 'configmaps'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [gw], resources: routes, verbs: ['get', 'list', 'watch'] },
        { apiGroups: [gw], resources: routes.map((r) => `${r}/status`), verbs: ['update', 'patch'] },
      ],
    });
    new ApiObject(this, 'binding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: clusterName, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterName },
      subjects: [{ kind: 'ServiceAccount', name: TRAEFIK_RELEASE, namespace: p.namespace }],
    });
    new ApiObject(this, 'class', { apiVersion: `${gw}/v1`, kind: 'GatewayClass', metadata: { name: clusterName, labels }, spec: { controllerName: TRAEFIK_GATEWAY_CONTROLLER } });
    const probe = { httpGet: { path: '/ping', port: 'traefik' }, periodSeconds: 10, timeoutSeconds: 2 };
    new ApiObject(this, 'deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: TRAEFIK_RELEASE, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: { ...this.selector } },
        template: {
          metadata: { labels: { ...(p.podLabels ?? {}), ...labels }, ...(p.podAnnotations && Object.keys(p.podAnnotations).length ? { annotations: { ...p.podAnnotations } } : {}) },
          spec: {
            serviceAccountName: TRAEFIK_RELEASE,
            // The provider watches the API server; the token is mounted for Traefik alone.
            automountServiceAccountToken: true,
            enableServiceLinks: false,
            securityContext: nonRootPod(TRAEFIK_UID),
            containers: [
              {
                name: 'traefik',
                image: TRAEFIK_IMAGE,
                args: traefikArgs(p),
                ports: [
                  { name: 'web', containerPort: GATEWAY_LISTENER_PORT, protocol: 'TCP' },
                  { name: 'traefik', containerPort: PING_PORT, protocol: 'TCP' },
                ],
                resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
                readinessProbe: probe,
                livenessProbe: { ...probe, initialDelaySeconds: 5 },
                securityContext: restrictedContainer(),
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
          },
        },
      },
    });
    new ApiObject(this, 'service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: TRAEFIK_RELEASE, labels },
      spec: { type: 'ClusterIP', selector: { ...this.selector }, ports: [{ name: 'web', port: 80, targetPort: 'web', protocol: 'TCP' }] },
    });
  }
}
