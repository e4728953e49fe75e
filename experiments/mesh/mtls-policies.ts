/**
 * The objects that turn mTLS on (and strict) in the experiment's namespace, per mesh:
 * - Istio (sidecar and ambient): PeerAuthentication STRICT for the namespace, PERMISSIVE for the
 *   entry service only, since k6 calls it from outside the mesh.
 * - Linkerd: mTLS between meshed pods is automatic; the namespace's default inbound policy is
 *   all-authenticated (an annotation, meshes.ts), and a Server + AuthorizationPolicy +
 *   NetworkAuthentication let unauthenticated clients (k6) reach the entry service only.
 * - Cilium: a CiliumNetworkPolicy that requires mutual authentication between the services and
 *   admits k6 and the node (kubelet probes); WireGuard encryption is a chart value.
 * - baseline: nothing.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { RunIdentity, perflabLabels } from '../../constructs/labels';
import { MeshVariant } from './meshes';

/** `app.kubernetes.io/name` and component of the mTLS policy objects. */
export const MTLS_POLICY_NAME = 'mesh-mtls';
/** `app.kubernetes.io/component` of the mTLS policy objects. */
export const MTLS_POLICY_COMPONENT = 'mesh-policy';

/** Props of MtlsPolicies. */
export interface MtlsPoliciesProps {
  readonly identity: RunIdentity;
  readonly mesh: MeshVariant;
  /** Labels selecting every service's pods. */
  readonly servicesSelector: Readonly<Record<string, string>>;
  /** Labels selecting the entry service's pods. */
  readonly entrySelector: Readonly<Record<string, string>>;
  /** Labels selecting the k6 pods. */
  readonly loadSelector: Readonly<Record<string, string>>;
  /** Name of the services' container port. */
  readonly portName: string;
}

/** The mesh's mTLS objects (none for the baseline). */
export class MtlsPolicies extends Construct {
  /** The objects created, in order. */
  readonly objects: ApiObject[] = [];

  constructor(scope: Construct, id: string, props: MtlsPoliciesProps) {
    super(scope, id);
    const metadata = (name: string) => ({ name, labels: perflabLabels({ ...props.identity, name: MTLS_POLICY_NAME, component: MTLS_POLICY_COMPONENT }) });
    const add = (key: string, body: Record<string, unknown>): void => {
      this.objects.push(new ApiObject(this, key, body as never));
    };
    switch (props.mesh) {
      case 'istio':
      case 'istio-ambient':
        add('strict', { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: metadata('default'), spec: { mtls: { mode: 'STRICT' } } });
        add('entry', {
          apiVersion: 'security.istio.io/v1',
          kind: 'PeerAuthentication',
          metadata: metadata('entry-permissive'),
          spec: { selector: { matchLabels: { ...props.entrySelector } }, mtls: { mode: 'PERMISSIVE' } },
        });
        break;
      case 'linkerd':
        add('server', {
          apiVersion: 'policy.linkerd.io/v1beta3',
          kind: 'Server',
          metadata: metadata('entry-http'),
          spec: { podSelector: { matchLabels: { ...props.entrySelector } }, port: props.portName, proxyProtocol: 'HTTP/1' },
        });
        add('networks', {
          apiVersion: 'policy.linkerd.io/v1alpha1',
          kind: 'NetworkAuthentication',
          metadata: metadata('any-network'),
          spec: { networks: [{ cidr: '0.0.0.0/0' }, { cidr: '::/0' }] },
        });
        add('authz', {
          apiVersion: 'policy.linkerd.io/v1alpha1',
          kind: 'AuthorizationPolicy',
          metadata: metadata('entry-from-anywhere'),
          spec: {
            targetRef: { group: 'policy.linkerd.io', kind: 'Server', name: 'entry-http' },
            requiredAuthenticationRefs: [{ group: 'policy.linkerd.io', kind: 'NetworkAuthentication', name: 'any-network' }],
          },
        });
        break;
      case 'cilium':
        add('mutual-auth', {
          apiVersion: 'cilium.io/v2',
          kind: 'CiliumNetworkPolicy',
          metadata: metadata('services-mutual-auth'),
          spec: {
            endpointSelector: { matchLabels: { ...props.servicesSelector } },
            ingress: [
              { fromEndpoints: [{ matchLabels: { ...props.servicesSelector } }], authentication: { mode: 'required' } },
              { fromEndpoints: [{ matchLabels: { ...props.loadSelector } }] },
              { fromEntities: ['host'] },
            ],
          },
        });
        break;
      case 'baseline':
        break;
    }
  }
}
