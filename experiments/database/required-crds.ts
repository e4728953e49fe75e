/**
 * The CRDs each database path's custom resources need, and who provides them: the one list the
 * preinstalled-operators check reads (`perflab-cluster:operators: preinstalled`, or
 * `perflab:installOperator: false`). The @pulumi paths make cloud resources directly: none.
 */
import { StackSpec } from '../../src/cluster/stack-spec';
import { NO_PREREQUISITES, Prerequisites, RequiredCrd, mergePrerequisites } from '../../src/cluster/prerequisites';
import { SERVICE_MONITOR_CRD, exportsMetrics } from './metrics-export';
import { DatabasePath, synthesizeDatabase } from './manifests/chart';
import { databaseSettingsOf } from './settings';
import { ASO_CHART, CNPG_CHART, CROSSPLANE_CHART, MARIADB_OPERATOR_CRDS_CHART, MYSQL_OPERATOR_CHART, PROVIDER_AWS_RDS_PACKAGE, PinnedChart } from './versions';

const by = (what: string, c: PinnedChart): string => `${what} (chart ${c.chart} ${c.version} from ${c.repo})`;

/** CRDs by database path. */
export const DATABASE_CRDS: Readonly<Record<DatabasePath, readonly RequiredCrd[]>> = {
  cnpg: [{ name: 'clusters.postgresql.cnpg.io', providedBy: by('the CloudNativePG operator', CNPG_CHART) }],
  'mariadb-operator': [{ name: 'mariadbs.k8s.mariadb.com', providedBy: by('the mariadb-operator CRDs', MARIADB_OPERATOR_CRDS_CHART) }],
  'mysql-operator': [{ name: 'innodbclusters.mysql.oracle.com', providedBy: by('the Oracle MySQL Operator', MYSQL_OPERATOR_CHART) }],
  'rds-crossplane': [
    { name: 'instances.rds.aws.upbound.io', providedBy: `Crossplane (chart ${CROSSPLANE_CHART.chart} ${CROSSPLANE_CHART.version}) with the provider package ${PROVIDER_AWS_RDS_PACKAGE}` },
  ],
  'azure-aso': ['flexibleservers', 'flexibleserversdatabases', 'flexibleserversfirewallrules'].map((plural) => ({
    name: `${plural}.dbforpostgresql.azure.com`,
    providedBy: by('Azure Service Operator v2 (crdPattern dbforpostgresql.azure.com/*)', ASO_CHART),
  })),
  'rds-pulumi': [],
  'azure-pulumi': [],
};

/** Whether the stack installs the database operator itself (Helm), or finds it installed. */
export function installsDatabaseOperator(stack: Pick<StackSpec, 'spec' | 'options'>): boolean {
  return stack.options.operators === 'helm' && databaseSettingsOf(stack.spec).installOperator;
}

/**
 * The CRDs a database stack must find on the cluster: the operator's when it does not install
 * it, and the ServiceMonitor CRD when mariadb-operator's metrics are on (metrics-export.ts).
 */
export function databasePrerequisites(stack: StackSpec): Prerequisites {
  const m = synthesizeDatabase(stack.spec, stack.runId, 'preinstalled');
  const metrics: Prerequisites = m.path === 'mariadb-operator' && exportsMetrics(m.settings, m.path) ? { crds: [SERVICE_MONITOR_CRD] } : NO_PREREQUISITES;
  return mergePrerequisites(installsDatabaseOperator(stack) ? NO_PREREQUISITES : { crds: DATABASE_CRDS[m.path] }, metrics);
}
