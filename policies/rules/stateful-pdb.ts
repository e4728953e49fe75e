/**
 * Stateful workloads have a PodDisruptionBudget: a StatefulSet, or an operator's database /
 * broker cluster (CloudNativePG Cluster, RabbitmqCluster, MariaDB, InnoDBCluster). A node drain during a run
 * (an upgrade, the autoscaler) would otherwise evict the data store mid-measurement and the
 * variant would be charged with the failover. Operators that create their own PDB pass unless
 * it is switched off.
 */
import { LabelSelector, groupOf, isKind, metaOf, nameOf, podViewOf, selectorMatches } from '../../src/policy/manifest';
import { Manifest, StackRule, StackViolation } from '../../src/policy/types';

/** How to tell a stateful object's pods and whether its operator makes a PDB itself. */
interface StatefulKind {
  readonly group: string;
  readonly kind: string;
  /** Labels the object's pods carry. */
  podLabels(m: Manifest): Record<string, string>;
  /** Whether the operator creates a PDB of its own for this object. */
  operatorPdb?(m: Manifest): boolean;
}

const spec = (m: Manifest): Record<string, unknown> => (m.spec && typeof m.spec === 'object' ? (m.spec as Record<string, unknown>) : {});

/** The stateful kinds the rule knows. */
export const STATEFUL_KINDS: readonly StatefulKind[] = [
  { group: 'apps', kind: 'StatefulSet', podLabels: (m) => podViewOf(m)?.metadata.labels ?? {} },
  // CloudNativePG creates a PDB for the primary and one for replicas unless spec.enablePDB is false.
  { group: 'postgresql.cnpg.io', kind: 'Cluster', podLabels: (m) => ({ 'cnpg.io/cluster': nameOf(m) }), operatorPdb: (m) => spec(m).enablePDB !== false },
  // The RabbitMQ cluster operator labels pods app.kubernetes.io/name=<cluster> and makes no PDB.
  { group: 'rabbitmq.com', kind: 'RabbitmqCluster', podLabels: (m) => ({ 'app.kubernetes.io/name': nameOf(m) }) },
  // The MariaDB operator creates a PDB when spec.podDisruptionBudget is set.
  { group: 'k8s.mariadb.com', kind: 'MariaDB', podLabels: (m) => ({ 'app.kubernetes.io/instance': nameOf(m) }), operatorPdb: (m) => !!spec(m).podDisruptionBudget },
  // The Oracle MySQL Operator always creates `<cluster>-pdb` (maxUnavailable 1) over its server pods
  // (mysql-operator 9.1.0-2.2.2, cluster_objects.py prepare_cluster_pod_disruption_budget).
  { group: 'mysql.oracle.com', kind: 'InnoDBCluster', podLabels: (m) => ({ 'mysql.oracle.com/cluster': nameOf(m), component: 'mysqld' }), operatorPdb: () => true },
];

function pdbsIn(objects: readonly Manifest[], namespace: string | undefined): LabelSelector[] {
  return objects
    .filter((o) => isKind(o, 'policy', 'PodDisruptionBudget') && metaOf(o).namespace === namespace)
    .map((o) => (spec(o).selector ?? {}) as LabelSelector);
}

/** Every stateful workload in the stack is covered by a PodDisruptionBudget (its own, or its operator's). */
export const statefulPdb: StackRule<Record<string, never>> = {
  scope: 'stack',
  id: 'stateful-pdb',
  description: 'StatefulSets and operator-managed data stores (CNPG Cluster, RabbitmqCluster, MariaDB) are covered by a PodDisruptionBudget.',
  level: 'mandatory',
  mirrors: ['Polaris missingPodDisruptionBudget', 'Kyverno other/require-pdb'],
  settingsSchema: {},
  defaults: {},
  check(objects) {
    const out: StackViolation[] = [];
    for (const object of objects) {
      const known = STATEFUL_KINDS.find((k) => k.kind === object.kind && k.group === groupOf(object));
      if (!known || known.operatorPdb?.(object)) continue;
      const labels = known.podLabels(object);
      const covered = pdbsIn(objects, metaOf(object).namespace).some((selector) => selectorMatches(selector, labels));
      if (covered) continue;
      const shown = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ') || 'none';
      const off = object.kind === 'Cluster' ? 'spec.enablePDB is false and ' : object.kind === 'MariaDB' ? 'spec.podDisruptionBudget is not set and ' : '';
      out.push({ object, message: `${off}no PodDisruptionBudget in its namespace selects its pods (${shown}): a node drain during a run could evict it mid-measurement` });
    }
    return out;
  },
};
