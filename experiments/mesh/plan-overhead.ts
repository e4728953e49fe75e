/**
 * What a mesh adds that the stack's manifests do not show — its control plane (Helm releases)
 * and the sidecar proxies injected at admission — as estimated pod specs, so `perflab plan`
 * prices them with the workload. Requests are the charts' defaults (Istio ISTIO_VERSION's
 * istiod, istio-cni and ztunnel values) and the sidecar requests perflab configures
 * (PROXY_RESOURCES); every line says it is an estimate. Linkerd's controllers and Cilium's
 * agents set no requests in their charts, so only what is configured is priced (and said so).
 */
import { ISTIO_VERSION } from '../../src/versions';
import { PROXY_RESOURCES } from './helm-releases';
import { MeshVariant, meshProfiles } from './meshes';

type Obj = Record<string, unknown>;

/** Estimated pods of a mesh and a note per estimate. */
export interface MeshOverhead {
  /** Deployments / DaemonSets carrying the estimated requests (priced, never applied). */
  readonly manifests: Obj[];
  readonly notes: string[];
}

const requests = (cpu: string, memory: string): Obj => ({ resources: { requests: { cpu, memory } } });

function workload(kind: 'Deployment' | 'DaemonSet', name: string, namespace: string, containers: Obj[], replicas = 1): Obj {
  const spec: Obj = { template: { spec: { containers: containers.map((c, i) => ({ name: `c${i}`, ...c })) } } };
  if (kind === 'Deployment') spec.replicas = replicas;
  return { apiVersion: 'apps/v1', kind, metadata: { name, namespace }, spec };
}

/** Pods of the stack's workloads the mesh injects a sidecar into (the load generator opts out). */
export function injectedPods(mesh: MeshVariant, objects: readonly Obj[]): number {
  const p = meshProfiles[mesh];
  const optedOut = (meta: unknown): boolean => {
    const m = (meta ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
    return Object.entries(p.loadPodLabels).some(([k, v]) => m.labels?.[k] === v) || Object.entries(p.loadPodAnnotations).some(([k, v]) => m.annotations?.[k] === v);
  };
  let pods = 0;
  for (const o of objects) {
    if (o.kind !== 'Deployment' && o.kind !== 'StatefulSet') continue;
    const spec = (o.spec ?? {}) as { replicas?: number; template?: { metadata?: unknown } };
    if (!optedOut(spec.template?.metadata)) pods += spec.replicas ?? 1;
  }
  return pods;
}

const SIDECAR = requests(PROXY_RESOURCES.requests.cpu, PROXY_RESOURCES.requests.memory);

/** The estimated control plane and sidecars of `mesh` for a stack of `objects`. */
export function meshOverhead(mesh: MeshVariant, objects: readonly Obj[]): MeshOverhead {
  const chart = `estimate: chart default requests, Istio ${ISTIO_VERSION}`;
  const sidecars = (proxy: string): MeshOverhead => {
    const n = injectedPods(mesh, objects);
    return {
      manifests: n ? [workload('Deployment', `${proxy}-sidecars`, 'workload pods', [SIDECAR], n)] : [],
      notes: [`${proxy} sidecars: ${n} injected pods × ${PROXY_RESOURCES.requests.cpu} CPU, ${PROXY_RESOURCES.requests.memory} (estimate: the proxy requests perflab configures)`],
    };
  };
  const join = (...parts: MeshOverhead[]): MeshOverhead => ({ manifests: parts.flatMap((p) => p.manifests), notes: parts.flatMap((p) => p.notes) });
  const plane = (kind: 'Deployment' | 'DaemonSet', name: string, cpu: string, memory: string): MeshOverhead => ({
    manifests: [workload(kind, name, 'istio-system', [requests(cpu, memory)])],
    notes: [`${name} (${kind}, one ${kind === 'DaemonSet' ? 'node' : 'replica'}): ${cpu} CPU, ${memory} (${chart})`],
  });
  switch (mesh) {
    case 'baseline':
      return { manifests: [], notes: [] };
    case 'istio':
      return join(plane('Deployment', 'istiod', '500m', '2048Mi'), plane('DaemonSet', 'istio-cni-node', '100m', '100Mi'), sidecars('istio-proxy'));
    case 'istio-ambient':
      return join(plane('Deployment', 'istiod', '500m', '2048Mi'), plane('DaemonSet', 'istio-cni-node', '100m', '100Mi'), plane('DaemonSet', 'ztunnel', '200m', '512Mi'));
    case 'linkerd': {
      const controllers: MeshOverhead = {
        manifests: [workload('Deployment', 'linkerd-control-plane-proxies', 'linkerd', [SIDECAR], 3)],
        notes: ['linkerd control plane: the proxies of destination, identity and proxy-injector at the configured proxy requests (estimate); the controllers themselves request nothing in the chart and are not priced'],
      };
      return join(controllers, sidecars('linkerd-proxy'));
    }
    case 'cilium':
      return { manifests: [], notes: ['cilium agent, envoy and operator: the chart sets no requests, so nothing is priced (measure them: the mesh experiment samples node proxies)'] };
  }
}
