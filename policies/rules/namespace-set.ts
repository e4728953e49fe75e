/**
 * Namespaced objects name their namespace, and it is not `default`: each experiment run lives in
 * its own namespace, so one `pulumi destroy` (or namespace delete) removes all of it and two
 * runs never share objects. Cluster-scoped kinds (Namespace, ClusterRole, CRDs, Crossplane
 * managed resources, ...) are exempt.
 */
import { isClusterScoped, isKubernetesObject, metaOf } from '../../src/policy/manifest';
import { ResourceRule } from '../../src/policy/types';

/** Settings of namespace-set. */
export interface NamespaceSettings {
  /** Namespaces the lab's objects must not go to. */
  readonly forbidden: readonly string[];
}

/** Every namespaced Kubernetes object sets metadata.namespace to a namespace other than the forbidden ones. */
export const namespaceSet: ResourceRule<NamespaceSettings> = {
  scope: 'resource',
  id: 'namespace-set',
  description: 'Namespaced objects set metadata.namespace, and not to default.',
  level: 'mandatory',
  mirrors: ['kube-linter use-namespace', 'Kyverno best-practices disallow-default-namespace', 'Checkov CKV_K8S_21', 'CIS Kubernetes Benchmark 5.7.4'],
  settingsSchema: { forbidden: { type: 'array', items: { type: 'string' }, default: ['default'] } },
  defaults: { forbidden: ['default'] },
  check(object, { settings }) {
    if (!isKubernetesObject(object) || isClusterScoped(object)) return [];
    const namespace = metaOf(object).namespace;
    if (typeof namespace !== 'string' || namespace === '') return ['metadata.namespace is not set, so the object lands in whatever namespace the kubeconfig context defaults to'];
    if (settings.forbidden.includes(namespace)) return [`metadata.namespace is "${namespace}"; put the experiment in its own namespace`];
    return [];
  },
};
