/**
 * The database experiment's manifests for one spec: the database (CNPG Cluster, MariaDB,
 * Crossplane RDS Instance + Provider, or ASO FlexibleServer — nothing for the @pulumi/aws and
 * @pulumi/azure-native paths, which are Pulumi resources) and the workload Job. Two cdk8s
 * charts: namespaced objects, and cluster-scoped ones (Crossplane's) without a namespace.
 * Secrets are not here: Pulumi builds them from secret outputs (component.ts).
 */
import * as crypto from 'crypto';
import { App, Chart } from 'cdk8s';
import { ExperimentSpec } from '../../../src/config/spec';
import { LABEL, PERFLAB, RunIdentity } from '../../../constructs/labels';
import { RunPlan, planRun } from '../run-plan';
import { DatabaseSettings, databaseSettingsOf } from '../settings';
import { DB_BENCH_IMAGE, SYSBENCH_TPCC_DIR_IN_IMAGE } from '../versions';
import { workloads } from '../workloads';
import { BenchJob, EnvSource } from './bench-job';
import { AzurePostgresServer, CrossplaneProvider, RdsInstanceClaim } from './cloud-resources';
import { jobScript } from './job-script';
import { CnpgCluster, DATABASE_COMPONENT, MariaDbCluster } from './operator-databases';

/** Database every cluster variant creates for the workload. */
export const CLUSTER_DATABASE = 'perflab';
/** The workload's user (CNPG owner, MariaDB user, cloud master / admin login). */
export const CLUSTER_USER = 'perflab';

/** How the database of a spec is made. */
export type DatabasePath = 'cnpg' | 'mariadb-operator' | 'rds-crossplane' | 'rds-pulumi' | 'azure-aso' | 'azure-pulumi';

/** Names of the Secrets the component must create (values from Pulumi secret outputs). */
export interface SecretNames {
  /** basic-auth `username` / `password` of the workload's user (the master user for cloud). */
  readonly credentials: string;
  /** MariaDB root password (`password`). */
  readonly root?: string;
  /** Connection Secret the Job reads the host from: written by Crossplane / ASO, or by Pulumi for the pulumi paths. */
  readonly connection?: string;
}

/** Everything synthesized for one spec. */
export interface DatabaseManifests {
  readonly settings: DatabaseSettings;
  readonly path: DatabasePath;
  readonly plan: RunPlan;
  /** Name of the database resource (CR name, RDS identifier, Azure server name). */
  readonly databaseName: string;
  /** Namespaced objects: the database's and the workload's. */
  readonly namespaced: Record<string, unknown>[];
  /** Cluster-scoped objects (Crossplane Provider, RDS Instance). */
  readonly clusterScoped: Record<string, unknown>[];
  /** The objects that define the database itself (for the complexity score). */
  readonly databaseObjects: Record<string, unknown>[];
  readonly secrets: SecretNames;
  /** Labels of the database pods (in-cluster variants). */
  readonly databaseSelector?: Readonly<Record<string, string>>;
  readonly job: { readonly name: string; readonly selector: Readonly<Record<string, string>>; readonly deadlineSeconds: number; readonly image: string };
}

/** Rough seconds to load the data (pgbench -i, sysbench prepare, sysbench-tpcc prepare), for the Job's deadline. */
export function prepareSecondsEstimate(s: DatabaseSettings): number {
  const w = workloads[s.workload];
  if (w.tool === 'pgbench') return 60 + s.scale * 3;
  if (w.needsTpccScripts) return 120 + s.warehouses * 120;
  return 60 + Math.ceil((s.tables * s.tableSize) / 20000);
}

function pathOf(s: DatabaseSettings): DatabasePath {
  switch (s.variant) {
    case 'cnpg':
      return 'cnpg';
    case 'mysql':
      return 'mariadb-operator';
    case 'rds':
      return s.provisioner === 'crossplane' ? 'rds-crossplane' : 'rds-pulumi';
    case 'azuresql':
      return s.provisioner === 'aso' ? 'azure-aso' : 'azure-pulumi';
    default:
      throw new Error(`variant ${s.variant} runs on the local target, not on a cluster`);
  }
}

const toJson = (c: Chart): Record<string, unknown>[] => c.toJson() as Record<string, unknown>[];

/** Synthesizes the manifests of a database spec (a cluster target), without writing files. */
export function synthesizeDatabase(spec: ExperimentSpec, runId: string): DatabaseManifests {
  const s = databaseSettingsOf(spec);
  const path = pathOf(s);
  const ns = spec.namespace;
  const identity: RunIdentity = { experiment: spec.experiment.name, variant: spec.variant, run: runId };
  const app = new App();
  const chart = new Chart(app, 'database', { namespace: ns, disableResourceNameHashes: true });
  const cloud = path.startsWith('rds') || path.startsWith('azure');
  const databaseName = path === 'azure-aso' || path === 'azure-pulumi'
    ? `${ns}-${crypto.createHash('sha256').update(`${s.subscriptionId ?? ''}/${s.resourceGroup ?? ''}`).digest('hex').slice(0, 6)}`
    : cloud ? ns : 'perflab-db';
  const credentials = `${databaseName}-app`;
  const secrets: { credentials: string; root?: string; connection?: string } = { credentials };
  const common = {
    identity, name: databaseName, namespace: ns, instances: s.instances, storageSize: s.storageSize, storageClass: s.storageClass,
    cpu: s.cpu, memory: s.memory, version: s.engineVersion as string, database: CLUSTER_DATABASE, user: CLUSTER_USER, credentialsSecret: credentials, monitoring: s.monitoring,
  };
  let host: EnvSource;
  let port: EnvSource;
  let databaseSelector: Record<string, string> | undefined;
  let dbChart: Chart = chart;
  if (path === 'cnpg' || path === 'mariadb-operator') {
    let db: CnpgCluster | MariaDbCluster;
    if (path === 'cnpg') db = new CnpgCluster(chart, 'postgres', common);
    else {
      secrets.root = `${databaseName}-root`;
      db = new MariaDbCluster(chart, 'mariadb', { ...common, rootSecret: secrets.root });
    }
    host = { value: db.endpoint.host };
    port = { value: String(db.endpoint.port) };
    databaseSelector = { ...db.endpoint.podSelector };
  } else {
    secrets.connection = `${databaseName}-conn`;
    // provider-aws-rds writes `host` (= `address`; its `endpoint` is host:port) and `port`; ASO and Pulumi write `host`.
    host = { secret: secrets.connection, key: 'host' };
    port = path === 'rds-crossplane' ? { secret: secrets.connection, key: 'port' } : { value: s.engine === 'postgres' ? '5432' : '3306' };
    if (path === 'rds-crossplane') {
      dbChart = new Chart(app, 'database-rds', { disableResourceNameHashes: true });
      if (s.installOperator) new CrossplaneProvider(dbChart, 'provider', { identity });
      new RdsInstanceClaim(dbChart, 'rds', {
        identity, name: databaseName, secretNamespace: ns, engine: s.engine, engineVersion: s.engineVersion as string, instanceClass: s.instanceClass as string,
        region: s.region as string, storageSize: s.storageSize, database: CLUSTER_DATABASE, user: CLUSTER_USER, passwordSecret: credentials,
        connectionSecret: secrets.connection, providerConfig: s.providerConfig, publiclyAccessible: s.publiclyAccessible,
        subnetGroup: s.subnetGroup, securityGroupIds: s.securityGroupIds?.split(','),
      });
    } else if (path === 'azure-aso') {
      dbChart = new Chart(app, 'database-azure', { namespace: ns, disableResourceNameHashes: true });
      new AzurePostgresServer(dbChart, 'azure', {
        identity, name: databaseName, subscriptionId: s.subscriptionId as string, resourceGroup: s.resourceGroup as string, location: s.region as string,
        version: s.engineVersion as string, sku: s.instanceClass as string, storageSize: s.storageSize, database: CLUSTER_DATABASE, user: CLUSTER_USER,
        passwordSecret: credentials, connectionSecret: secrets.connection, allowedCidr: s.allowedCidr,
      });
    }
  }
  const plan = planRun(spec.profile, { clients: s.clients, threads: s.threads, warmupSeconds: s.warmupSeconds });
  const waitSeconds = cloud ? 1800 : 900;
  const image = s.benchImage ?? DB_BENCH_IMAGE;
  const job = new BenchJob(chart, 'bench', {
    identity,
    image,
    script: jobScript({ workload: workloads[s.workload], engine: s.engine, plan, size: s, tpccDir: SYSBENCH_TPCC_DIR_IN_IMAGE, waitSeconds }),
    connection: { host, port, user: { value: CLUSTER_USER }, database: { value: CLUSTER_DATABASE }, password: { secret: credentials, key: 'password' } },
    thresholds: spec.profile.thresholds,
    deadlineSeconds: Math.ceil(waitSeconds + prepareSecondsEstimate(s) + plan.warmupSeconds + plan.durationSeconds + 300),
    // A cloud database is outside the cluster: the term then only keeps the workload off nodes of any perflab database pods in the namespace.
    databaseSelector: databaseSelector ?? { [LABEL.component]: DATABASE_COMPONENT, [LABEL.partOf]: PERFLAB },
  });
  const namespaced = toJson(chart);
  const jobObjects = new Set([job.name, `${job.name}-scripts`]);
  const dbNamespaced = namespaced.filter((o) => !jobObjects.has((o.metadata as { name: string }).name));
  const extra = dbChart === chart ? [] : toJson(dbChart);
  const clusterScoped = path === 'rds-crossplane' ? extra : [];
  return {
    settings: s,
    path,
    plan,
    databaseName,
    namespaced: path === 'azure-aso' ? [...extra, ...namespaced] : namespaced,
    clusterScoped,
    databaseObjects: [...dbNamespaced, ...extra],
    secrets,
    databaseSelector,
    job: { name: job.name, selector: job.runnerSelector, deadlineSeconds: job.deadlineSeconds, image },
  };
}
