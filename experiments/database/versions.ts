/**
 * Every version the database experiment pins, in one place: the Helm charts of the operators
 * (CloudNativePG, mariadb-operator, Crossplane, Azure Service Operator), the Crossplane AWS
 * RDS provider package, database images, default engine versions of the cloud services, and
 * the workload image. Change a pin here only.
 */

/** A Helm chart pinned by repository, name and version. */
export interface PinnedChart {
  readonly repo: string;
  readonly chart: string;
  readonly version: string;
  /** Namespace the operator is installed into. */
  readonly namespace: string;
}

/** CloudNativePG operator 1.27.0. */
export const CNPG_CHART: PinnedChart = {
  repo: 'https://cloudnative-pg.github.io/charts',
  chart: 'cloudnative-pg',
  version: '0.26.0',
  namespace: 'cnpg-system',
};

/** mariadb-operator CRDs (installed as their own chart, before the operator). */
export const MARIADB_OPERATOR_CRDS_CHART: PinnedChart = {
  repo: 'https://helm.mariadb.com/mariadb-operator',
  chart: 'mariadb-operator-crds',
  version: '0.38.1',
  namespace: 'mariadb-operator',
};

/** mariadb-operator (the MySQL-protocol operator chosen in docs/adr/0003-mysql-operator.md). */
export const MARIADB_OPERATOR_CHART: PinnedChart = { ...MARIADB_OPERATOR_CRDS_CHART, chart: 'mariadb-operator' };

/**
 * Oracle MySQL Operator 9.1.0-2.2.2 (chart version and appVersion from helm/mysql-operator/Chart.yaml
 * at tag 9.1.0-2.2.2 of github.com/mysql/mysql-operator). That the chart repository serves this
 * version was not checked (no network here): `perflab preflight` asks the repository.
 */
export const MYSQL_OPERATOR_CHART: PinnedChart = {
  repo: 'https://mysql.github.io/mysql-operator/',
  chart: 'mysql-operator',
  version: '2.2.2',
  namespace: 'mysql-operator',
};

/** Crossplane core. */
export const CROSSPLANE_CHART: PinnedChart = {
  repo: 'https://charts.crossplane.io/stable',
  chart: 'crossplane',
  version: '1.20.0',
  namespace: 'crossplane-system',
};

/** Upbound's AWS RDS provider package (installed by a pkg.crossplane.io/v1 Provider). */
export const PROVIDER_AWS_RDS_PACKAGE = 'xpkg.upbound.io/upbound/provider-aws-rds:v1.23.0';

/** Azure Service Operator v2. */
export const ASO_CHART: PinnedChart = {
  repo: 'https://raw.githubusercontent.com/Azure/azure-service-operator/main/v2/charts',
  chart: 'azure-service-operator',
  version: 'v2.15.0',
  namespace: 'azureserviceoperator-system',
};

/** CRD groups ASO is told to install (`crdPattern`): only what this experiment uses. */
export const ASO_CRD_PATTERN = 'dbforpostgresql.azure.com/*';

/** PostgreSQL image of CNPG clusters (the operator's own minimal images). */
export const CNPG_POSTGRES_IMAGE = (major: string): string => `ghcr.io/cloudnative-pg/postgresql:${CNPG_POSTGRES_MINOR[major] ?? major}`;
const CNPG_POSTGRES_MINOR: Record<string, string> = { '15': '15.13', '16': '16.9', '17': '17.5' };

/** MariaDB image of mariadb-operator clusters. */
export const MARIADB_IMAGE = (version: string): string => `docker.io/library/mariadb:${MARIADB_PATCH[version] ?? version}`;
const MARIADB_PATCH: Record<string, string> = { '10.11': '10.11.13', '11.4': '11.4.7' };

/** Default engine version by variant and engine (`perflab:engineVersion` overrides it). */
export const DEFAULT_ENGINE_VERSIONS: Readonly<Record<string, string>> = {
  'cnpg/postgres': '17',
  'mariadb-operator/mysql': '11.4',
  // The operator's own server version (its default image container-registry.oracle.com/mysql/community-server:9.1.0).
  'mysql-operator/mysql': '9.1.0',
  'rds/postgres': '17.5',
  'rds/mysql': '8.0.42',
  'azure-postgres/postgres': '16',
};

/** PostgreSQL majors ASO's FlexibleServer v1api20240801 accepts (its CRD enum). */
export const ASO_POSTGRES_VERSIONS: readonly string[] = ['11', '12', '13', '14', '15', '16'];

/** Default cloud instance classes / SKUs (`perflab:instanceClass`). */
export const DEFAULT_INSTANCE_CLASS: Readonly<Record<string, string>> = {
  rds: 'db.m6g.large',
  'azure-postgres': 'Standard_D2s_v3',
};

/** Default cloud regions (`perflab:region`). */
export const DEFAULT_REGION: Readonly<Record<string, string>> = {
  rds: 'us-east-1',
  'azure-postgres': 'eastus',
};

/** Version of the perflab workload image (pgbench, sysbench, sysbench-tpcc, tpccstyle; image/Dockerfile). */
export const DB_BENCH_IMAGE_VERSION = '0.2.0';
/** The workload image, pinned by tag (build it from experiments/database/image/Dockerfile). */
export const DB_BENCH_IMAGE = `perflab/db-bench:${DB_BENCH_IMAGE_VERSION}`;
/** Numeric user of the workload image (non-root). */
export const DB_BENCH_UID = 10001;
/** Commit of Percona-Lab/sysbench-tpcc the image carries under /opt/sysbench-tpcc. */
export const SYSBENCH_TPCC_COMMIT = '446d7e48e55b1bd7a51fc18f9e57feb8f2a45d9d';
/** Folder of the sysbench-tpcc Lua scripts inside the workload image. */
export const SYSBENCH_TPCC_DIR_IN_IMAGE = '/opt/sysbench-tpcc';
