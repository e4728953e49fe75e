/**
 * Allow-lists of objects by namespace and name, with `*` wildcards: the exceptions a rule grants
 * (mesh CNI agents may run privileged; a named ingress may be a LoadBalancer).
 */
import type { PolicyConfigJSONSchema } from '@pulumi/policy/schema';
import { Manifest } from './types';
import { metaOf } from './manifest';

/** One allow-list entry: objects whose namespace and name both match (an absent field matches anything). */
export interface AllowEntry {
  readonly namespace?: string;
  readonly name?: string;
}

/** JSON Schema of an allow-list setting. */
export const ALLOW_LIST_SCHEMA: PolicyConfigJSONSchema = {
  type: 'array',
  description: 'Objects exempt from this rule, by namespace and name; `*` matches any characters.',
  items: {
    type: 'object',
    properties: { namespace: { type: 'string' }, name: { type: 'string' } },
    additionalProperties: false,
  },
};

/**
 * Agents of the meshes and CNIs the lab installs, which need privileges, host namespaces, host
 * paths and capabilities to program the node's network: Cilium, Istio CNI and ztunnel (ambient),
 * Linkerd CNI.
 */
export const MESH_AGENT_ALLOW_LIST: readonly AllowEntry[] = [
  { namespace: 'kube-system', name: 'cilium' },
  { namespace: 'kube-system', name: 'cilium-envoy' },
  { namespace: 'kube-system', name: 'cilium-node-init' },
  { namespace: 'istio-system', name: 'istio-cni-node' },
  { namespace: 'istio-system', name: 'ztunnel' },
  { namespace: 'linkerd-cni', name: 'linkerd-cni' },
];

/** Whether `value` matches `pattern`, where `*` stands for any characters. */
export function globMatches(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

/** Whether the object is on the allow-list. */
export function isAllowed(m: Manifest, allow: readonly AllowEntry[] | undefined): boolean {
  const meta = metaOf(m);
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
  const name = typeof meta.name === 'string' ? meta.name : '';
  return (allow ?? []).some(
    (e) => (e.namespace === undefined || globMatches(e.namespace, namespace)) && (e.name === undefined || globMatches(e.name, name)),
  );
}
