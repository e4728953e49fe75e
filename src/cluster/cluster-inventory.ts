/**
 * The seam between the preinstalled-operators check (prerequisites.ts) and a cluster: whether a
 * CRD or a Service exists. In `pulumi up` it is the API server the Kubernetes provider uses
 * (kube-inventory.ts, loaded only then); under `pulumi.runtime.setMocks` there is no cluster, so
 * the check is skipped unless a test sets an inventory with `setClusterInventory`.
 */
import * as pulumi from '@pulumi/pulumi';

/** What the check asks of a cluster. */
export interface ClusterInventory {
  /** Whether the CustomResourceDefinition `plural.group` exists. */
  crdExists(name: string): Promise<boolean>;
  /** Whether Service `namespace/name` exists. */
  serviceExists(namespace: string, name: string): Promise<boolean>;
  /** Which cluster this is, for messages (e.g. `the cluster of context kwok-perflab`). */
  describe(): string;
}

/** An inventory that holds exactly the given CRD names and `namespace/name` Services (tests, offline checks). */
export function staticInventory(crds: Iterable<string>, services: Iterable<string> = [], name = 'the cluster'): ClusterInventory {
  const c = new Set(crds);
  const s = new Set(services);
  return {
    crdExists: async (n) => c.has(n),
    serviceExists: async (ns, n) => s.has(`${ns}/${n}`),
    describe: () => name,
  };
}

let injected: ClusterInventory | undefined;

/** Sets (or with undefined clears) the inventory the Pulumi program checks against. */
export function setClusterInventory(inventory: ClusterInventory | undefined): void {
  injected = inventory;
}

/** Whether the program runs under `pulumi.runtime.setMocks`. */
function underMocks(): boolean {
  const monitor = pulumi.runtime.getMonitor() as { mocks?: unknown } | undefined;
  return monitor?.mocks !== undefined;
}

/**
 * The inventory to check against: the injected one, else none under mocks (skip the check), else
 * the cluster of the stack's Kubernetes provider config (`kubernetes:kubeconfig`,
 * `kubernetes:context`), defaulting to $KUBECONFIG / ~/.kube/config / in-cluster.
 */
export function resolveClusterInventory(): ClusterInventory | undefined {
  if (injected) return injected;
  if (underMocks()) return undefined;
  const k8sConfig = new pulumi.Config('kubernetes');
  // client-node 1.x is an ES module that jest cannot load: require it only on the real path.
  const { kubeInventory } = require('./kube-inventory') as typeof import('./kube-inventory');
  return kubeInventory({ kubeconfig: k8sConfig.get('kubeconfig'), context: k8sConfig.get('context') });
}
