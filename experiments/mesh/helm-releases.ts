/**
 * The Helm releases that install each mesh, as plain data (chart, pinned version, repository,
 * namespace, values), in install order. The component turns each into a
 * `k8s.helm.v3.Release`, each depending on the one before. Versions and repositories come
 * from src/versions.ts. Values that depend on k3s (CNI paths, platform) are set for target k3s.
 */
import { CILIUM_HELM_REPO, CILIUM_VERSION, ISTIO_HELM_REPO, ISTIO_VERSION, LINKERD_CHART_VERSION, LINKERD_HELM_REPO } from '../../src/versions';
import { CILIUM_SPIRE_NAMESPACE, LINKERD_NAMESPACE, MeshVariant } from './meshes';
import { GatewayApiCrdSource, gatewayApiCrdSource } from '../../src/cluster/cluster-config';

/** One Helm release to install. */
export interface ReleaseSpec {
  /** Release name (also the Pulumi resource name suffix). */
  readonly name: string;
  readonly chart: string;
  readonly version: string;
  readonly repo: string;
  readonly namespace: string;
  /** Create the namespace if it does not exist. */
  readonly createNamespace: boolean;
  readonly values: Record<string, unknown>;
}

/** The Linkerd identity PEMs the control-plane chart needs (step or openssl made; see README). */
export interface LinkerdIdentityValues<T> {
  readonly trustAnchorPem: T;
  readonly issuerCertPem: T;
  readonly issuerKeyPem: T;
}

/** Placeholder Linkerd identity, for listing a mesh's charts: the chart list does not depend on the certificates. */
export const NO_LINKERD_IDENTITY: LinkerdIdentityValues<string> = { trustAnchorPem: '', issuerCertPem: '', issuerKeyPem: '' };

/** Pod CIDR of k3s (`--cluster-cidr` default), which Cilium's IPAM must hand out on k3s. */
export const K3S_POD_CIDR = '10.42.0.0/16';
/** Where k3s's containerd looks for CNI configs (Cilium writes its own there). */
export const K3S_CNI_CONF_DIR = '/var/lib/rancher/k3s/agent/etc/cni/net.d';
/** Where k3s's containerd looks for CNI binaries (check: `grep bin_dir /var/lib/rancher/k3s/agent/etc/containerd/config.toml`). */
export const K3S_CNI_BIN_DIR = '/var/lib/rancher/k3s/data/cni';

/** Requests and limits of each sidecar proxy (Istio and Linkerd alike, so neither is favoured). */
export const PROXY_RESOURCES = { requests: { cpu: '20m', memory: '32Mi' }, limits: { cpu: '1', memory: '256Mi' } } as const;

const istio = (name: string, chart: string, values: Record<string, unknown>, createNamespace = false): ReleaseSpec => ({
  name,
  chart,
  version: ISTIO_VERSION,
  repo: ISTIO_HELM_REPO,
  namespace: 'istio-system',
  createNamespace,
  values,
});

/**
 * Release specs of a mesh for a target, in install order (none for the baseline). Linkerd's
 * CRD chart installs the Gateway API CRDs only when `gatewayApiCrds` is `linkerd`.
 * @param gatewayApiCrds @default gatewayApiCrdSource for the target: preinstalled on k3s, linkerd elsewhere
 */
export function meshReleases<T>(mesh: MeshVariant, target: string, linkerdIdentity?: LinkerdIdentityValues<T>, gatewayApiCrds: GatewayApiCrdSource = gatewayApiCrdSource({}, target)): ReleaseSpec[] {
  const onK3s = target === 'k3s';
  const platform = onK3s ? { global: { platform: 'k3s' } } : {};
  switch (mesh) {
    case 'baseline':
      return [];
    case 'istio':
      return [
        istio('istio-base', 'base', {}, true),
        istio('istio-cni', 'cni', { ...platform }),
        istio('istiod', 'istiod', {
          pilot: { cni: { enabled: true } },
          global: { ...(onK3s ? { platform: 'k3s' } : {}), proxy: { resources: PROXY_RESOURCES } },
        }),
      ];
    case 'istio-ambient':
      return [
        istio('istio-base', 'base', {}, true),
        istio('istiod', 'istiod', { profile: 'ambient', ...platform }),
        istio('istio-cni', 'cni', { profile: 'ambient', ...platform }),
        istio('ztunnel', 'ztunnel', { ...platform }),
      ];
    case 'linkerd': {
      if (!linkerdIdentity) throw new Error('meshReleases: the linkerd mesh needs its identity certificates (trust anchor, issuer certificate and key)');
      const linkerd = (name: string, values: Record<string, unknown>, createNamespace = false): ReleaseSpec => ({
        name,
        chart: name,
        version: LINKERD_CHART_VERSION,
        repo: LINKERD_HELM_REPO,
        namespace: LINKERD_NAMESPACE,
        createNamespace,
        values,
      });
      return [
        // linkerd-crds edge-25.9.2 defaults to installGatewayAPI: true; CRDs another release owns make the install fail.
        linkerd('linkerd-crds', { installGatewayAPI: gatewayApiCrds === 'linkerd' }, true),
        linkerd('linkerd-control-plane', {
          identityTrustAnchorsPEM: linkerdIdentity.trustAnchorPem,
          identity: { issuer: { tls: { crtPEM: linkerdIdentity.issuerCertPem, keyPEM: linkerdIdentity.issuerKeyPem } } },
          proxy: { resources: { cpu: { request: PROXY_RESOURCES.requests.cpu, limit: PROXY_RESOURCES.limits.cpu }, memory: { request: PROXY_RESOURCES.requests.memory, limit: PROXY_RESOURCES.limits.memory } } },
        }),
      ];
    }
    case 'cilium':
      if (!onK3s) throw new Error(`meshReleases: the cilium variant is written for k3s (it replaces flannel, see experiments/mesh/README.md); target ${JSON.stringify(target)} needs its own Cilium install mode (EKS ENI / AKS BYOCNI)`);
      return [
        {
          name: 'cilium',
          chart: 'cilium',
          version: CILIUM_VERSION,
          repo: CILIUM_HELM_REPO,
          namespace: 'kube-system',
          createNamespace: false,
          values: {
            operator: { replicas: 1 },
            ipam: { mode: 'cluster-pool', operator: { clusterPoolIPv4PodCIDRList: [K3S_POD_CIDR] } },
            ...(onK3s ? { cni: { binPath: K3S_CNI_BIN_DIR, confPath: K3S_CNI_CONF_DIR } } : {}),
            encryption: { enabled: true, type: 'wireguard' },
            authentication: { mutual: { spire: { enabled: true, install: { enabled: true, namespace: CILIUM_SPIRE_NAMESPACE } } } },
          },
        },
      ];
  }
}
