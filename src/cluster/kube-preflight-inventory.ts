/**
 * PreflightInventory on @kubernetes/client-node 1.x, for the cluster of a kubeconfig (the same
 * loading rules as the operators check, kube-inventory.ts): `/version`, CRDs and APIServices by
 * name (404: absent), and Nodes. Loaded with `require` only on the real path (jest cannot load
 * the ES module).
 */
import * as k8s from '@kubernetes/client-node';
import { KubeInventoryOptions, kubeInventory, loadKubeConfig } from './kube-inventory';
import { unlessNotFound } from './not-found';
import { PreflightInventory, serverVersionOf } from './preflight-inventory';
import { apiServiceStateOf, crdStateOf, nodeStateOf } from './preflight-mappers';

/** The preflight inventory of the cluster of `o`'s kubeconfig. */
export function kubePreflightInventory(o: KubeInventoryOptions = {}): PreflightInventory {
  const kc = loadKubeConfig(o);
  const ext = kc.makeApiClient(k8s.ApiextensionsV1Api);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const registration = kc.makeApiClient(k8s.ApiregistrationV1Api);
  const version = kc.makeApiClient(k8s.VersionApi);
  return {
    ...kubeInventory(o),
    serverVersion: async () => serverVersionOf(await version.getCode()),
    crd: async (name) => {
      const crd = await unlessNotFound(ext.readCustomResourceDefinition({ name }), undefined);
      return crd && crdStateOf(crd);
    },
    apiService: async (name) => {
      const s = await unlessNotFound(registration.readAPIService({ name }), undefined);
      return s && apiServiceStateOf(s);
    },
    nodes: async () => (await core.listNode()).items.map(nodeStateOf),
  };
}
