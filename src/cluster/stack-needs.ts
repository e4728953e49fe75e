/**
 * What a synthesized stack needs of a cluster, read from its manifests and options without a
 * cluster: the oldest Kubernetes minor its manifests are written for, the CRDs of its custom
 * kinds, the images its pods run, and how many schedulable nodes its required anti-affinity
 * rules and placement ask for.
 */
import { HOSTNAME_TOPOLOGY_KEY } from '../../constructs/placement';
import { POD_SPEC_PATHS, at } from './api-server-rules';
import { ClusterOptions } from './cluster-config';
import { CrdEntry, crdName } from './shipped-crds';

/**
 * Oldest Kubernetes minor the manifests are written for: cdk8s-plus-28 emits the Kubernetes
 * 1.28 API (its package name is the API version it targets).
 */
export const MIN_KUBERNETES_MINOR = 28;

/** A custom kind the manifests use and the CRD that serves it. */
export interface CustomKindUse {
  /** `<plural>.<group>`. */
  readonly crd: string;
  /** `group/version` the manifests send. */
  readonly apiVersion: string;
  readonly version: string;
  readonly kind: string;
}

/** Nodes the stack's pods need. */
export interface NodeNeed {
  /** Schedulable nodes needed. */
  readonly count: number;
  /** Why that many, e.g. `placement required-anti-affinity: k6 on another node than the system under test`. */
  readonly why: string;
  /** Node labels the nodes must carry (placement `node-selector`). @default none */
  readonly selector?: Readonly<Record<string, string>>;
}

type Obj = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The custom kinds of `objects` that a shipped CRD schema serves, each once. */
export function customKindsOf(objects: readonly Obj[], shipped: readonly CrdEntry[]): CustomKindUse[] {
  const out = new Map<string, CustomKindUse>();
  for (const o of objects) {
    const apiVersion = str(o.apiVersion);
    const slash = apiVersion.indexOf('/');
    if (slash < 0) continue;
    const group = apiVersion.slice(0, slash);
    const version = apiVersion.slice(slash + 1);
    const entry = shipped.find((e) => e.group === group && e.kind === o.kind);
    if (!entry) continue;
    const use = { crd: crdName(entry), apiVersion, version, kind: entry.kind };
    out.set(`${use.crd} ${version}`, use);
  }
  return [...out.values()];
}

/** Every container image of every pod spec in `objects` (init containers too), sorted, each once. */
export function imagesOf(objects: readonly Obj[]): string[] {
  const images = new Set<string>();
  for (const o of objects) {
    const specPath = POD_SPEC_PATHS[str(o.kind)];
    const spec = specPath && (at(o, specPath) as Obj | undefined);
    if (!spec) continue;
    for (const list of ['initContainers', 'containers']) {
      for (const c of (Array.isArray(spec[list]) ? spec[list] : []) as Obj[]) if (str(c?.image)) images.add(str(c.image));
    }
  }
  return [...images].sort();
}

interface AffinityTerm {
  topologyKey?: string;
  labelSelector?: { matchLabels?: Record<string, string> };
}

/**
 * Nodes the stack needs: one at least; with placement `required-anti-affinity`, two (k6 must run
 * on another node than the system under test); with `node-selector`, one carrying the labels; and
 * for a workload whose required anti-affinity keeps its own replicas apart (hostname topology),
 * as many as its replicas.
 */
export function nodeNeedOf(objects: readonly Obj[], options: Pick<ClusterOptions, 'placement' | 'nodeSelector'>): NodeNeed {
  let need: NodeNeed = { count: 1, why: 'every pod needs a schedulable node' };
  const raise = (n: NodeNeed): void => {
    if (n.count > need.count) need = { ...n, selector: need.selector };
  };
  if (options.placement === 'required-anti-affinity') raise({ count: 2, why: 'perflab-cluster:placement required-anti-affinity: the load generator runs on another node than the system under test' });
  if (options.placement === 'node-selector' && options.nodeSelector) {
    need = { ...need, why: `perflab-cluster:placement node-selector: the load generator needs a node labelled ${Object.entries(options.nodeSelector).map(([k, v]) => `${k}=${v}`).join(',')}`, selector: options.nodeSelector };
  }
  for (const o of objects) {
    const specPath = POD_SPEC_PATHS[str(o.kind)];
    const pod = specPath && (at(o, specPath) as Obj | undefined);
    const terms = (at(pod, ['affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution']) ?? []) as AffinityTerm[];
    const replicas = Number(at(o, ['spec', 'replicas']) ?? 1);
    const podLabels = (at(o, [...(specPath ?? []).slice(0, -1), 'metadata', 'labels']) ?? {}) as Record<string, string>;
    for (const t of terms) {
      if (t.topologyKey !== HOSTNAME_TOPOLOGY_KEY) continue;
      const selects = Object.entries(t.labelSelector?.matchLabels ?? {});
      const selectsItself = selects.length > 0 && selects.every(([k, v]) => podLabels[k] === v);
      if (selectsItself && replicas > 1) {
        raise({ count: replicas, why: `${str(o.kind)}/${str(at(o, ['metadata', 'name']))}: ${replicas} replicas with required anti-affinity on ${HOSTNAME_TOPOLOGY_KEY}` });
      }
    }
  }
  return need;
}
