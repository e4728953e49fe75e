/**
 * The database experiment: PostgreSQL through CloudNativePG, MariaDB through the
 * mariadb-operator, and cloud-managed PostgreSQL/MySQL (Amazon RDS, Azure Database for
 * PostgreSQL) under pgbench, sysbench OLTP and a TPC-C-style workload; locally the same
 * workloads against throwaway PostgreSQL and MariaDB servers.
 */
import { z } from 'zod';
import { CpuQuantity, Dns1123Label, MemoryQuantity } from '../../src/config/quantities';
import { ExperimentDefinition } from '../../src/experiment';
import { DATABASE_VARIANTS, ENGINES, PROVISIONERS, RETIRED_DATABASE_VARIANTS } from './variants';
import { WORKLOAD_NAMES } from './workloads';

/** A boolean config value: `true`/`false` as booleans or as the strings the Pulumi CLI passes. */
const Flag = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

/** The database experiment's own `perflab:*` keys. */
export const databaseConfigShape = {
  /** What runs: pgbench-tpcb, pgbench-read-only, pgbench-write-heavy, oltp-read-only, oltp-write-only, oltp-read-write, tpcc, tpcc-style. @default oltp-read-write */
  workload: z.enum(WORKLOAD_NAMES).default('oltp-read-write'),
  /** Engine family for variants that offer two (rds: postgres or mysql). @default the variant's first */
  engine: z.enum(ENGINES).optional(),
  /** Engine version (`17`, `11.4`, `8.0.42`, ...). @default per variant, experiments/database/versions.ts */
  engineVersion: z.string().regex(/^\d+(\.\d+){0,2}$/, 'a version such as 17, 11.4 or 8.0.42').optional(),
  /** How a cloud database is made: rds: pulumi | crossplane; azure-postgres: pulumi | aso. @default pulumi */
  provisioner: z.enum(PROVISIONERS).optional(),
  /** Install the operator (Helm) with the stack; false when it already runs in the cluster. @default true */
  installOperator: Flag.default(true),
  /** Database instances (CNPG instances, MariaDB replicas; 1 primary + n-1 replicas). @default 1 */
  instances: z.coerce.number().int().min(1).max(9).default(1),
  /** StorageClass of the data volumes. @default the cluster's default StorageClass */
  storageClass: Dns1123Label.optional(),
  /** Data volume size per instance (cloud: allocated storage). @default 20Gi */
  storageSize: MemoryQuantity.default('20Gi'),
  /** CPU request and limit of each database pod. @default 1 */
  cpu: CpuQuantity.default('1'),
  /** Memory request and limit of each database pod. @default 2Gi */
  memory: MemoryQuantity.default('2Gi'),
  /** Export database metrics (CNPG PodMonitor, mariadb-operator exporter). @default true */
  monitoring: Flag.default(true),
  /**
   * The cluster runs the Prometheus operator (CRD servicemonitors.monitoring.coreos.com, checked
   * before anything is created). mariadb-operator's exporter needs it: without it the metrics
   * stay off (metrics-export.ts). @default false
   */
  prometheusOperator: Flag.default(false),
  /** pgbench scaling factor (100 000 accounts each). @default 10 */
  scale: z.coerce.number().int().min(1).max(100000).default(10),
  /** sysbench OLTP tables. @default 4 */
  tables: z.coerce.number().int().min(1).max(1000).default(4),
  /** Rows per sysbench OLTP table. @default 100000 */
  tableSize: z.coerce.number().int().min(100).max(100000000).default(100000),
  /** TPC-C-style warehouses (tpccstyle --warehouses, sysbench-tpcc --scale). @default 2 */
  warehouses: z.coerce.number().int().min(1).max(10000).default(2),
  /** Client connections; overrides the profile's peak VUs. @default the profile's peak VUs */
  clients: z.coerce.number().int().min(1).max(10000).optional(),
  /** pgbench worker threads. @default min(clients, 4) */
  threads: z.coerce.number().int().min(1).max(1000).optional(),
  /** Seconds of discarded warm-up before the measured run. @default 10% of the profile, 1..60 s */
  warmupSeconds: z.coerce.number().min(0).max(3600).optional(),
  /** Cloud instance class or SKU (db.m6g.large, Standard_D2s_v3). @default per variant */
  instanceClass: z.string().regex(/^[A-Za-z0-9._-]+$/, 'an instance class such as db.m6g.large').optional(),
  /** Cloud region. @default us-east-1 (rds), eastus (azure-postgres) */
  region: z.string().regex(/^[a-z0-9-]+$/, 'a region such as us-east-1').optional(),
  /** Azure resource group the server goes into (azure-postgres; must exist). */
  resourceGroup: z.string().regex(/^[-\w._()]+$/, 'an Azure resource group name').optional(),
  /** Azure subscription id (azure-postgres with provisioner aso: the ARM owner of the server). */
  subscriptionId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'an Azure subscription id (a GUID)').optional(),
  /** Make the cloud database reachable from outside its network (needs allowedCidr). @default false */
  publiclyAccessible: Flag.default(false),
  /** Source range allowed in (Azure firewall rule), e.g. the cluster's egress `203.0.113.7/32`. */
  allowedCidr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'an IPv4 CIDR such as 203.0.113.7/32').optional(),
  /** RDS DB subnet group (in the cluster's VPC). @default the account's default */
  subnetGroup: z.string().min(1).optional(),
  /** RDS security groups, comma-separated. @default the VPC's default */
  securityGroupIds: z.string().regex(/^sg-[0-9a-f]+(,sg-[0-9a-f]+)*$/, 'comma-separated security group ids (sg-...)').optional(),
  /** Crossplane ProviderConfig with the AWS credentials. @default default */
  providerConfig: Dns1123Label.default('default'),
  /** `owner` tag of cloud resources: who answers for them. @default perflab */
  owner: z.string().regex(/^[\w.@+=:/ -]{1,128}$/, 'a tag value such as team-perf or jane@example.com').default('perflab'),
  /** `budget` tag of cloud resources: the most they may cost, USD per hour. @default 1 */
  budgetUsdPerHour: z.coerce.number().positive().max(1000).default(1),
  /** Workload image (pgbench, sysbench, sysbench-tpcc). @default perflab/db-bench:<version> */
  benchImage: z.string().min(1).optional(),
};

/** The database experiment's declaration. */
export const databaseExperiment: ExperimentDefinition<typeof databaseConfigShape> = {
  name: 'database',
  description: 'CloudNativePG vs mariadb-operator vs RDS / Azure PostgreSQL under pgbench, sysbench OLTP and TPC-C-style load',
  variants: DATABASE_VARIANTS,
  retiredVariants: RETIRED_DATABASE_VARIANTS,
  configShape: databaseConfigShape,
  // Database workloads take their statements from the workload (pgbench/sysbench scripts), not
  // from an HTTP request mix; this one entry only names the unit the profile's VUs drive.
  defaultRequestMix: [{ name: 'transaction', method: 'GET', path: '/transaction', weight: 1, expectStatus: 200 }],
  throughputUnit: 'transactions',
};
