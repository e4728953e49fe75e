/**
 * What differs between the mesh variants, as data: how a namespace is enrolled, how the load
 * generator opts out, which sidecar containers are the proxy, and where the mesh's node proxies
 * and control plane run (so the results reader can measure them). The workload itself is the
 * same for every variant; only what is listed here changes.
 */

/** The variants: no mesh, Istio with sidecars, Istio ambient (ztunnel), Linkerd, Cilium. */
export const MESH_VARIANTS = ['baseline', 'istio', 'istio-ambient', 'linkerd', 'cilium'] as const;
/** One mesh variant. */
export type MeshVariant = (typeof MESH_VARIANTS)[number];

/** Pods of another namespace measured during the run (a node proxy or a control-plane part). */
export interface MeshPods {
  /** Component name in RunResult.resources: `node-proxy:<name>` or `control-plane:<name>`. */
  readonly component: string;
  readonly namespace: string;
  /** Labels the chart puts on those pods. */
  readonly selector: Readonly<Record<string, string>>;
}

/** Everything variant-specific about one mesh. */
export interface MeshProfile {
  readonly variant: MeshVariant;
  /** One line for tables and docs. */
  readonly description: string;
  /** `environment.meshMode` of its results. */
  readonly meshMode: string;
  /** How mTLS is on (README explains the choice). */
  readonly mtls: string;
  /** Labels that enrol the experiment's namespace. */
  readonly namespaceLabels: Readonly<Record<string, string>>;
  /** Annotations that enrol (or configure) the experiment's namespace. */
  readonly namespaceAnnotations: Readonly<Record<string, string>>;
  /** Labels that keep the k6 pods out of the mesh (k6 plays the outside client). */
  readonly loadPodLabels: Readonly<Record<string, string>>;
  /** Annotations that keep the k6 pods out of the mesh. */
  readonly loadPodAnnotations: Readonly<Record<string, string>>;
  /** Sidecar containers the mesh injects into each workload pod (measured as `proxy`). */
  readonly proxyContainers: readonly string[];
  /** Node-level proxies (DaemonSets) whose usage is apportioned to the workload. */
  readonly nodeProxies: readonly MeshPods[];
  /** Control-plane pods (and node agents off the request path). */
  readonly controlPlane: readonly MeshPods[];
  /** Whether the mesh replaces the cluster's CNI (k3s must start without flannel). */
  readonly replacesCni: boolean;
}

const ISTIO_NS = 'istio-system';
const istiod: MeshPods = { component: 'control-plane:istiod', namespace: ISTIO_NS, selector: { app: 'istiod' } };
const istioCni: MeshPods = { component: 'control-plane:istio-cni', namespace: ISTIO_NS, selector: { 'k8s-app': 'istio-cni-node' } };

/** Namespace the Linkerd control plane is installed in. */
export const LINKERD_NAMESPACE = 'linkerd';
/** Namespace Cilium's chart installs its SPIRE server and agents in (mutual authentication). */
export const CILIUM_SPIRE_NAMESPACE = 'cilium-spire';

/** Every mesh variant by name. */
export const meshProfiles: Readonly<Record<MeshVariant, MeshProfile>> = {
  baseline: {
    variant: 'baseline',
    description: 'no mesh (k3s flannel CNI, plaintext HTTP)',
    meshMode: 'none',
    mtls: 'none',
    namespaceLabels: {},
    namespaceAnnotations: {},
    loadPodLabels: {},
    loadPodAnnotations: {},
    proxyContainers: [],
    nodeProxies: [],
    controlPlane: [],
    replacesCni: false,
  },
  istio: {
    variant: 'istio',
    description: 'Istio, Envoy sidecar per pod (istio-cni for traffic redirection)',
    meshMode: 'istio-sidecar',
    mtls: 'PeerAuthentication STRICT for the namespace; PERMISSIVE only on svc-1, the entry k6 calls from outside the mesh',
    namespaceLabels: { 'istio-injection': 'enabled' },
    namespaceAnnotations: {},
    loadPodLabels: { 'sidecar.istio.io/inject': 'false' },
    loadPodAnnotations: {},
    proxyContainers: ['istio-proxy'],
    nodeProxies: [],
    controlPlane: [istiod, istioCni],
    replacesCni: false,
  },
  'istio-ambient': {
    variant: 'istio-ambient',
    description: 'Istio ambient: ztunnel node proxy (L4, HBONE mTLS), no waypoint',
    meshMode: 'istio-ambient',
    mtls: 'ztunnel HBONE mTLS; PeerAuthentication STRICT for the namespace, PERMISSIVE only on svc-1',
    namespaceLabels: { 'istio.io/dataplane-mode': 'ambient' },
    namespaceAnnotations: {},
    loadPodLabels: { 'istio.io/dataplane-mode': 'none' },
    loadPodAnnotations: {},
    proxyContainers: [],
    nodeProxies: [{ component: 'node-proxy:ztunnel', namespace: ISTIO_NS, selector: { app: 'ztunnel' } }],
    controlPlane: [istiod, istioCni],
    replacesCni: false,
  },
  linkerd: {
    variant: 'linkerd',
    description: 'Linkerd, linkerd2-proxy sidecar per pod',
    meshMode: 'linkerd',
    mtls: 'Linkerd automatic mTLS between meshed pods; default inbound policy all-authenticated, svc-1 also accepts unauthenticated (k6)',
    namespaceLabels: {},
    namespaceAnnotations: { 'linkerd.io/inject': 'enabled', 'config.linkerd.io/default-inbound-policy': 'all-authenticated' },
    loadPodLabels: {},
    loadPodAnnotations: { 'linkerd.io/inject': 'disabled' },
    proxyContainers: ['linkerd-proxy'],
    nodeProxies: [],
    controlPlane: [{ component: 'control-plane:linkerd', namespace: LINKERD_NAMESPACE, selector: { 'linkerd.io/control-plane-ns': LINKERD_NAMESPACE } }],
    replacesCni: false,
  },
  cilium: {
    variant: 'cilium',
    description: 'Cilium CNI (eBPF), WireGuard node-to-node encryption + SPIRE mutual authentication',
    meshMode: 'cilium',
    mtls: 'WireGuard transparent encryption between nodes + mutual authentication (SPIFFE/SPIRE) required by a CiliumNetworkPolicy between the services',
    namespaceLabels: {},
    namespaceAnnotations: {},
    loadPodLabels: {},
    loadPodAnnotations: {},
    proxyContainers: [],
    nodeProxies: [
      { component: 'node-proxy:cilium-agent', namespace: 'kube-system', selector: { 'k8s-app': 'cilium' } },
      { component: 'node-proxy:cilium-envoy', namespace: 'kube-system', selector: { 'k8s-app': 'cilium-envoy' } },
    ],
    controlPlane: [
      { component: 'control-plane:cilium-operator', namespace: 'kube-system', selector: { 'io.cilium/app': 'operator' } },
      { component: 'control-plane:spire-server', namespace: CILIUM_SPIRE_NAMESPACE, selector: { app: 'spire-server' } },
      { component: 'control-plane:spire-agent', namespace: CILIUM_SPIRE_NAMESPACE, selector: { app: 'spire-agent' } },
    ],
    replacesCni: true,
  },
};

/** The profile of a variant; throws naming the allowed variants. */
export function meshProfile(variant: string): MeshProfile {
  const p = meshProfiles[variant as MeshVariant];
  if (!p) throw new Error(`mesh variant ${JSON.stringify(variant)} is not one of ${MESH_VARIANTS.join(', ')}`);
  return p;
}
