/**
 * The operational-complexity score of a database variant: how many moving parts a platform
 * team owns to run it, computed from the synthesized manifests plus what the provisioning path
 * installs (facts per path below). Lower is simpler. The formula (also in the README):
 *
 *   score = objects + 0.25·crds + 3·controllers + pods + sidecars + configLines/20 + 2·external
 *
 * - objects: what the stack writes to define the database — its manifests (custom resources,
 *   Secrets) and Pulumi cloud resources, and one per Helm release it installs;
 * - crds: CustomResourceDefinitions the path puts into the cluster (operator, Crossplane and
 *   provider, ASO);
 * - controllers: reconcilers that must run for the database to exist or heal;
 * - pods: database pods at steady state (instances; none for a cloud database) plus the
 *   controllers' pods;
 * - sidecars: extra containers or exporter pods beside the database (metrics exporters);
 * - configLines: lines of YAML of the database-defining manifests / resource arguments;
 * - external: things to arrange outside the cluster (cloud credentials, a network path from
 *   the cluster to the database).
 */
import { stringify } from 'yaml';
import { DatabasePath } from './manifests/chart';

/** What a provisioning path brings beyond the manifests perflab writes. */
export interface PathFacts {
  /** Helm releases perflab installs for it (when perflab:installOperator is true). */
  readonly helmReleases: number;
  /** CRDs it installs (counted from the release's CRD list / the operator's API groups). */
  readonly crds: number;
  /** Controllers (operator deployments, Crossplane core + RBAC manager + provider, ...). */
  readonly controllers: number;
  /** External prerequisites: credentials / provider config, network path to the database. */
  readonly external: number;
}

/**
 * Facts per path. CRD counts: CloudNativePG 1.27 10 (postgresql.cnpg.io); mariadb-operator 0.38
 * 11 (k8s.mariadb.com); Oracle MySQL Operator 9.1.0-2.2.2 4 (mysql.oracle.com InnoDBCluster and
 * MySQLBackup, kopf's ClusterKopfPeering and KopfPeering: helm/mysql-operator/crds/crd.yaml); Crossplane 1.20 core 17 plus provider-aws-rds 22 (rds.aws.upbound.io)
 * and its family provider's 3 (aws.upbound.io ProviderConfig, ProviderConfigUsage, StoreConfig);
 * ASO with crdPattern dbforpostgresql.azure.com/* 8. The @pulumi paths install nothing in the cluster.
 */
export const PATH_FACTS: Readonly<Record<DatabasePath, PathFacts>> = {
  cnpg: { helmReleases: 1, crds: 10, controllers: 1, external: 0 },
  'mariadb-operator': { helmReleases: 2, crds: 11, controllers: 3, external: 0 },
  'mysql-operator': { helmReleases: 1, crds: 4, controllers: 1, external: 0 },
  'rds-crossplane': { helmReleases: 1, crds: 42, controllers: 4, external: 2 },
  'rds-pulumi': { helmReleases: 0, crds: 0, controllers: 0, external: 2 },
  'azure-aso': { helmReleases: 1, crds: 8, controllers: 1, external: 2 },
  'azure-pulumi': { helmReleases: 0, crds: 0, controllers: 0, external: 2 },
};

/** The score and its parts. */
export interface ComplexityScore {
  readonly score: number;
  readonly objects: number;
  readonly crds: number;
  readonly controllers: number;
  readonly pods: number;
  readonly sidecars: number;
  readonly configLines: number;
  readonly external: number;
}

/** Inputs: the database-defining objects and what is known about the path. */
export interface ComplexityInput {
  readonly path: DatabasePath;
  /** Database-defining manifests (chart objects of the database, without the workload Job). */
  readonly manifests: readonly object[];
  /** Other objects perflab creates for the database (Secrets, Pulumi cloud resources' arguments). */
  readonly otherObjects: readonly object[];
  /** Database instances (pods for in-cluster variants). */
  readonly instances: number;
  /** Whether metrics exporters run beside the database. */
  readonly monitoring: boolean;
  /** Whether perflab installs the operator (Helm releases count as objects then). */
  readonly installOperator: boolean;
}

/** The operational-complexity score of one variant's configuration. */
export function complexityScore(i: ComplexityInput): ComplexityScore {
  const f = PATH_FACTS[i.path];
  const inCluster = i.path === 'cnpg' || i.path === 'mariadb-operator' || i.path === 'mysql-operator';
  const objects = i.manifests.length + i.otherObjects.length + (i.installOperator ? f.helmReleases : 0);
  const pods = (inCluster ? i.instances : 0) + f.controllers;
  // mariadb-operator runs mysqld-exporter as its own Deployment per MariaDB; CNPG's exporter is built into the instance manager.
  // The Oracle operator puts a `sidecar` container in every server pod and a MySQL Router pod in front (one here).
  const sidecars = i.path === 'mysql-operator' ? i.instances + 1 : i.monitoring && i.path === 'mariadb-operator' ? 1 : 0;
  const configLines = [...i.manifests, ...i.otherObjects].reduce((n: number, o) => n + stringify(o).trimEnd().split('\n').length, 0);
  const score = objects + 0.25 * f.crds + 3 * f.controllers + pods + sidecars + configLines / 20 + 2 * f.external;
  return { score: Math.round(score * 10) / 10, objects, crds: f.crds, controllers: f.controllers, pods, sidecars, configLines, external: f.external };
}

/** One line for notes and tables: `complexity 41.3 (objects 3, CRDs 10, ...)`. */
export function describeComplexity(c: ComplexityScore): string {
  return `operational complexity ${c.score} (objects ${c.objects}, CRDs ${c.crds}, controllers ${c.controllers}, pods ${c.pods}, sidecars ${c.sidecars}, config lines ${c.configLines}, external prerequisites ${c.external})`;
}
