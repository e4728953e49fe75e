/**
 * What a stack left behind: every object the API server lists — of every listable kind it
 * serves, namespaced and cluster-scoped, custom resources included (API discovery) — that carries
 * one of perflab's labels, plus the stack's namespace itself.
 */
import { KubeHttp } from './kube-http';

interface ResourceList {
  groupVersion: string;
  resources: Array<{ name: string; namespaced: boolean; kind: string; verbs: string[] }>;
}

interface ObjectList {
  items: Array<{ metadata: { name: string; namespace?: string; labels?: Record<string, string> } }>;
}

/** `/api/v1`, then `/apis/<group>/<preferred version>` of every group. */
async function groupVersionPaths(kube: KubeHttp): Promise<string[]> {
  const groups = await kube.get<{ groups: Array<{ preferredVersion: { groupVersion: string } }> }>('/apis');
  return ['/api/v1', ...groups.groups.map((g) => `/apis/${g.preferredVersion.groupVersion}`)];
}

/** `Kind namespace/name` of every object with label `key` (any value, or `value`), across all kinds. */
export async function labelledObjects(kube: KubeHttp, key: string, value?: string): Promise<string[]> {
  const found: string[] = [];
  const selector = encodeURIComponent(value === undefined ? key : `${key}=${value}`);
  for (const gv of await groupVersionPaths(kube)) {
    const list = await kube.get<ResourceList>(gv);
    for (const r of list.resources) {
      // Subresources (pods/log) and kinds that cannot be listed are not objects to look for.
      if (r.name.includes('/') || !r.verbs.includes('list') || r.kind === 'Event') continue;
      const objects = await kube.get<ObjectList>(`${gv}/${r.name}?labelSelector=${selector}`);
      for (const o of objects.items) found.push(`${r.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`);
    }
  }
  return found;
}

/** Whether namespace `name` still exists (a namespace being deleted counts as existing). */
export async function namespaceExists(kube: KubeHttp, name: string): Promise<boolean> {
  return (await kube.find(`/api/v1/namespaces/${name}`)) !== undefined;
}
