/**
 * ClusterInventory on @kubernetes/client-node 1.x: reads a CustomResourceDefinition or a
 * Service by name (404: absent). The kubeconfig is the one the Kubernetes provider would use:
 * the stack's `kubernetes:kubeconfig` (a path or the file's text) and `kubernetes:context` when
 * set, else the default ($KUBECONFIG, ~/.kube/config, in-cluster service account).
 */
import * as k8s from '@kubernetes/client-node';
import type { ClusterInventory } from './cluster-inventory';
import { unlessNotFound } from './not-found';

/** Where the kubeconfig comes from. @default the default kubeconfig, its current context */
export interface KubeInventoryOptions {
  /** A kubeconfig path or its YAML/JSON text (the provider's `kubeconfig`). */
  readonly kubeconfig?: string;
  /** Context to use (the provider's `context`). */
  readonly context?: string;
}

/** The KubeConfig for `o`. */
export function loadKubeConfig(o: KubeInventoryOptions = {}): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  if (o.kubeconfig === undefined) kc.loadFromDefault();
  else if (/\n|^\s*\{|^\s*apiVersion:/.test(o.kubeconfig)) kc.loadFromString(o.kubeconfig);
  else kc.loadFromFile(o.kubeconfig);
  if (o.context) kc.setCurrentContext(o.context);
  return kc;
}

/** The inventory of the cluster of `o`'s kubeconfig. */
export function kubeInventory(o: KubeInventoryOptions = {}): ClusterInventory {
  const kc = loadKubeConfig(o);
  const ext = kc.makeApiClient(k8s.ApiextensionsV1Api);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const exists = async (read: () => Promise<unknown>): Promise<boolean> => unlessNotFound(read().then(() => true), false);
  return {
    crdExists: (name) => exists(() => ext.readCustomResourceDefinition({ name })),
    serviceExists: (namespace, name) => exists(() => core.readNamespacedService({ namespace, name })),
    describe: () => `the cluster of context ${kc.getCurrentContext() || '(default)'} (${kc.getCurrentCluster()?.server ?? 'no server'})`,
  };
}
