/**
 * The CRDs each mesh's mTLS objects (mtls-policies.ts) need, and the chart that provides them:
 * the one list the preinstalled-operators check reads for the mesh experiment and for the
 * full-stack experiment's mesh layer. The namespace enrolment (labels, annotations) needs no CRD.
 */
import { NO_PREREQUISITES, Prerequisites, RequiredCrd } from '../../src/cluster/prerequisites';
import { OperatorSource } from '../../src/cluster/cluster-config';
import { CILIUM_HELM_REPO, CILIUM_VERSION, ISTIO_HELM_REPO, ISTIO_VERSION, LINKERD_CHART_VERSION, LINKERD_HELM_REPO } from '../../src/versions';
import { MeshVariant } from './meshes';

const PEER_AUTHENTICATIONS = 'peerauthentications.security.istio.io';

/** CRDs by mesh. */
export const MESH_CRDS: Readonly<Record<MeshVariant, readonly RequiredCrd[]>> = {
  baseline: [],
  istio: [{ name: PEER_AUTHENTICATIONS, providedBy: `Istio sidecar mode (charts base, cni, istiod ${ISTIO_VERSION} from ${ISTIO_HELM_REPO})` }],
  'istio-ambient': [{ name: PEER_AUTHENTICATIONS, providedBy: `Istio ambient mode (charts base, istiod, cni, ztunnel ${ISTIO_VERSION} from ${ISTIO_HELM_REPO})` }],
  linkerd: ['servers', 'networkauthentications', 'authorizationpolicies'].map((plural) => ({
    name: `${plural}.policy.linkerd.io`,
    providedBy: `Linkerd (charts linkerd-crds and linkerd-control-plane ${LINKERD_CHART_VERSION} from ${LINKERD_HELM_REPO})`,
  })),
  cilium: [{ name: 'ciliumnetworkpolicies.cilium.io', providedBy: `Cilium with mutual auth (chart cilium ${CILIUM_VERSION} from ${CILIUM_HELM_REPO})` }],
};

/** What a mesh needs on the cluster when its control plane is preinstalled (nothing when the stack installs it). */
export function meshPrerequisites(mesh: MeshVariant, operators: OperatorSource): Prerequisites {
  return operators === 'preinstalled' ? { crds: MESH_CRDS[mesh] } : NO_PREREQUISITES;
}
