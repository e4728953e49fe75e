/**
 * Read-only accessors over plain manifests: identity (kind, name, group), labels, and a uniform
 * view of the pod a workload runs (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 * CronJob, and a k6-operator TestRun's runner), so each rule reads pods the same way.
 */
import { Manifest, ObjectMeta } from './types';

/** A container as far as the rules read it. */
export interface Container {
  name?: string;
  image?: string;
  env?: Array<{ name?: string; value?: unknown; valueFrom?: unknown }>;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  securityContext?: SecurityContext;
  [key: string]: unknown;
}

/** A container's or pod's securityContext, as far as the rules read it. */
export interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  privileged?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string };
  [key: string]: unknown;
}

/** A pod spec, as far as the rules read it. */
export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  securityContext?: SecurityContext;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  volumes?: Array<{ name?: string; hostPath?: { path?: string }; configMap?: { name?: string }; [key: string]: unknown }>;
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
  serviceAccount?: string;
  affinity?: Affinity;
  nodeSelector?: Record<string, string>;
  activeDeadlineSeconds?: number;
  [key: string]: unknown;
}

/** A label selector. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** A pod affinity term. */
export interface PodAffinityTerm {
  labelSelector?: LabelSelector;
  topologyKey?: string;
}

/** Scheduling affinity, as far as the rules read it. */
export interface Affinity {
  podAntiAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
    preferredDuringSchedulingIgnoredDuringExecution?: Array<{ weight?: number; podAffinityTerm?: PodAffinityTerm }>;
  };
  nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: unknown[] } };
  [key: string]: unknown;
}

/** The pod a workload runs: its spec and template metadata, and where the spec sits in the object. */
export interface PodView {
  readonly spec: PodSpec;
  readonly metadata: ObjectMeta;
  /** Dotted path of the pod spec in the object, e.g. `spec.template.spec` (for messages). */
  readonly path: string;
}

/** One container with the role it plays in its pod. */
export interface ContainerRef {
  readonly container: Container;
  /** `container "api"`, `init container "setup"`, `ephemeral container "debug"`. */
  readonly label: string;
}

/** Kinds whose pods run until stopped (they get probes and replicas). */
export const LONG_RUNNING_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

/** Kinds the rules treat as workloads with a pod template at `spec.template`. */
const TEMPLATE_KINDS: ReadonlySet<string> = new Set([...LONG_RUNNING_KINDS, 'Job']);

/** Image the k6-operator runs a TestRun's runners with when `spec.runner.image` is not set. */
export const K6_OPERATOR_DEFAULT_RUNNER_IMAGE = 'grafana/k6:latest';

/** Cluster-scoped kinds of core Kubernetes and of the operators the lab uses (they take no namespace). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'RuntimeClass', 'IngressClass',
  'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'APIService', 'CSIDriver', 'CSINode',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'VolumeAttachment', 'ComponentStatus', 'CertificateSigningRequest',
  'FlowSchema', 'PriorityLevelConfiguration', 'ClusterIssuer', 'GatewayClass', 'ClusterImageCatalog',
  'CiliumClusterwideNetworkPolicy', 'CiliumNode', 'CiliumIdentity', 'CiliumLoadBalancerIPPool',
  'CompositeResourceDefinition', 'Composition', 'CompositionRevision', 'Provider', 'ProviderConfig',
  'Function', 'Configuration', 'DeploymentRuntimeConfig', 'EnvironmentConfig',
]);

/**
 * Whether objects of this kind are cluster-scoped: the kinds above, and Crossplane managed
 * resources of the Upbound providers (`*.upbound.io`, except the namespaced `*.m.upbound.io`).
 */
export function isClusterScoped(m: Manifest): boolean {
  if (CLUSTER_SCOPED_KINDS.has(m.kind ?? '')) return true;
  const group = groupOf(m);
  return group.endsWith('.upbound.io') && !group.endsWith('.m.upbound.io');
}

/** `metadata` of an object (an empty one when absent). */
export function metaOf(m: Manifest): ObjectMeta {
  return m.metadata && typeof m.metadata === 'object' ? m.metadata : {};
}

/** Kind of an object, `?` when absent. */
export function kindOf(m: Manifest): string {
  return typeof m.kind === 'string' && m.kind ? m.kind : '?';
}

/** Name of an object, `?` when absent. */
export function nameOf(m: Manifest): string {
  const name = metaOf(m).name;
  return typeof name === 'string' && name ? name : '?';
}

/** API group of an object (`apps`, `k6.io`; `` for the core group). */
export function groupOf(m: Manifest): string {
  const apiVersion = typeof m.apiVersion === 'string' ? m.apiVersion : '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Whether the object is `kind` in API group `group` (any version). */
export function isKind(m: Manifest, group: string, kind: string): boolean {
  return m.kind === kind && groupOf(m) === group;
}

/** Whether the object is a Kubernetes object (not a cloud resource of the Pulumi program). */
export function isKubernetesObject(m: Manifest): boolean {
  return typeof m.apiVersion === 'string' && typeof m.kind === 'string' && !m.kind.includes(':');
}

/** Labels of an object (empty when absent). */
export function labelsOf(m: Manifest): Record<string, string> {
  const labels = metaOf(m).labels;
  return labels && typeof labels === 'object' ? labels : {};
}

/** `a`, `a and b`, `a, b and c`. */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function asObject(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Whether the object is a k6-operator TestRun (or its older name, K6). */
export function isK6TestRun(m: Manifest): boolean {
  return groupOf(m) === 'k6.io' && (m.kind === 'TestRun' || m.kind === 'K6');
}

/** The runner pod of a TestRun, in pod-spec shape (the operator builds the runner pods from it). */
function testRunPod(m: Manifest): PodView | undefined {
  const spec = asObject(m.spec);
  if (!spec) return undefined;
  const runner = asObject(spec.runner) ?? {};
  const container: Container = {
    name: 'k6',
    image: typeof runner.image === 'string' ? runner.image : K6_OPERATOR_DEFAULT_RUNNER_IMAGE,
    resources: asObject(runner.resources) as Container['resources'],
    securityContext: asObject(runner.containerSecurityContext) as SecurityContext | undefined,
    env: Array.isArray(runner.env) ? (runner.env as Container['env']) : undefined,
    readinessProbe: runner.readinessProbe,
    livenessProbe: runner.livenessProbe,
  };
  const podSpec: PodSpec = {
    containers: [container],
    initContainers: Array.isArray(runner.initContainers) ? (runner.initContainers as Container[]) : undefined,
    securityContext: asObject(runner.securityContext) as SecurityContext | undefined,
    volumes: Array.isArray(runner.volumes) ? (runner.volumes as PodSpec['volumes']) : undefined,
    // The TestRun CRD types this field as a string ("false"); rules compare both forms.
    automountServiceAccountToken: runner.automountServiceAccountToken as boolean | undefined,
    serviceAccountName: typeof runner.serviceAccountName === 'string' ? runner.serviceAccountName : undefined,
    affinity: asObject(runner.affinity) as Affinity | undefined,
    nodeSelector: asObject(runner.nodeSelector) as Record<string, string> | undefined,
  };
  const runnerMeta = asObject(runner.metadata) ?? {};
  return { spec: podSpec, metadata: runnerMeta as ObjectMeta, path: 'spec.runner' };
}

/** The pod a workload runs, or undefined when the object runs no pods the lab defines. */
export function podViewOf(m: Manifest): PodView | undefined {
  if (m.kind === 'Pod' && groupOf(m) === '') {
    const spec = asObject(m.spec);
    return spec ? { spec: spec as PodSpec, metadata: metaOf(m), path: 'spec' } : undefined;
  }
  if (isK6TestRun(m)) return testRunPod(m);
  let template: Record<string, unknown> | undefined;
  let path: string;
  if (m.kind === 'CronJob' && groupOf(m) === 'batch') {
    template = asObject(asObject(asObject(asObject(m.spec)?.jobTemplate)?.spec)?.template);
    path = 'spec.jobTemplate.spec.template.spec';
  } else if (typeof m.kind === 'string' && TEMPLATE_KINDS.has(m.kind) && ['apps', 'batch', '', 'extensions'].includes(groupOf(m))) {
    template = asObject(asObject(m.spec)?.template);
    path = 'spec.template.spec';
  } else {
    return undefined;
  }
  const spec = asObject(template?.spec);
  if (!spec) return undefined;
  return { spec: spec as PodSpec, metadata: (asObject(template?.metadata) ?? {}) as ObjectMeta, path };
}

/**
 * Every container of a pod — regular, init and (unless `ephemeral` is false) ephemeral — each
 * with its label for messages. Ephemeral containers cannot have resources or probes.
 */
export function containersOf(pod: PodSpec, opts: { ephemeral?: boolean } = {}): ContainerRef[] {
  const out: ContainerRef[] = [];
  const add = (list: unknown, role: string): void => {
    if (!Array.isArray(list)) return;
    for (const c of list) {
      if (!c || typeof c !== 'object') continue;
      const container = c as Container;
      out.push({ container, label: `${role} "${typeof container.name === 'string' ? container.name : '?'}"` });
    }
  };
  add(pod.containers, 'container');
  add(pod.initContainers, 'init container');
  if (opts.ephemeral !== false) add(pod.ephemeralContainers, 'ephemeral container');
  return out;
}

/** Whether `selector` selects an object with `labels` (matchLabels and matchExpressions). */
export function selectorMatches(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return false;
  const matchLabels = selector.matchLabels ?? {};
  const expressions = selector.matchExpressions ?? [];
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) return false;
  for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== v) return false;
  for (const e of expressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
