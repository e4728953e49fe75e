/**
 * The database experiment's variants: two that run on this machine (`postgres`, `mariadb`:
 * throwaway Debian servers on 127.0.0.1) and five that run on a cluster (`cnpg`,
 * `mariadb-operator`, `mysql-operator`, `rds`, `azure-postgres`), each with the engine it serves and how it may
 * be provisioned. Each is named after what it deploys.
 */

/** Every variant name (`perflab:variant`). */
export const DATABASE_VARIANTS = ['cnpg', 'mariadb-operator', 'mysql-operator', 'rds', 'azure-postgres', 'postgres', 'mariadb'] as const;
/** One variant name. */
export type DatabaseVariantName = (typeof DATABASE_VARIANTS)[number];

/** Variants the local target runs (real servers from Debian packages). */
export const LOCAL_VARIANTS = ['postgres', 'mariadb'] as const;
/** One local variant. */
export type LocalVariantName = (typeof LOCAL_VARIANTS)[number];

/** Wire protocols the workload tools speak: PostgreSQL, or MySQL (which MariaDB speaks too). */
export const ENGINES = ['postgres', 'mysql'] as const;
/** One engine family. */
export type Engine = (typeof ENGINES)[number];

/** How the database comes to exist. */
export const PROVISIONERS = ['operator', 'crossplane', 'aso', 'pulumi'] as const;
/** One provisioner. */
export type Provisioner = (typeof PROVISIONERS)[number];

/** What a variant is and what it allows. */
export interface DatabaseVariantSpec {
  readonly name: DatabaseVariantName;
  /** One line for tables and docs. */
  readonly description: string;
  /** Where it runs. */
  readonly target: 'local' | 'cluster';
  /** `self-managed` (an operator or a local server) or `cloud-managed`. */
  readonly management: 'self-managed' | 'cloud-managed';
  /** Engines the variant can serve; the first is the default. */
  readonly engines: readonly [Engine, ...Engine[]];
  /** Provisioners allowed (`perflab:provisioner`); the first is the default; none for local variants. */
  readonly provisioners: readonly Provisioner[];
}

/** Every variant by name. */
export const databaseVariants: Readonly<Record<DatabaseVariantName, DatabaseVariantSpec>> = {
  cnpg: {
    name: 'cnpg',
    description: 'PostgreSQL through the CloudNativePG operator (Cluster postgresql.cnpg.io/v1)',
    target: 'cluster',
    management: 'self-managed',
    engines: ['postgres'],
    provisioners: ['operator'],
  },
  'mariadb-operator': {
    name: 'mariadb-operator',
    description: 'MariaDB (MySQL protocol) through the mariadb-operator (MariaDB k8s.mariadb.com/v1alpha1); see docs/adr/0003-mysql-operator.md',
    target: 'cluster',
    management: 'self-managed',
    engines: ['mysql'],
    provisioners: ['operator'],
  },
  'mysql-operator': {
    name: 'mysql-operator',
    description: 'Oracle MySQL (InnoDB Cluster: Group Replication behind MySQL Router) through the Oracle MySQL Operator (InnoDBCluster mysql.oracle.com/v2)',
    target: 'cluster',
    management: 'self-managed',
    engines: ['mysql'],
    provisioners: ['operator'],
  },
  rds: {
    name: 'rds',
    description: 'Amazon RDS (PostgreSQL or MySQL), by @pulumi/aws or a Crossplane managed resource (Upbound provider-aws-rds)',
    target: 'cluster',
    management: 'cloud-managed',
    engines: ['postgres', 'mysql'],
    provisioners: ['pulumi', 'crossplane'],
  },
  'azure-postgres': {
    name: 'azure-postgres',
    description: 'Azure Database for PostgreSQL flexible server, by @pulumi/azure-native or Azure Service Operator',
    target: 'cluster',
    management: 'cloud-managed',
    engines: ['postgres'],
    provisioners: ['pulumi', 'aso'],
  },
  postgres: {
    name: 'postgres',
    description: 'PostgreSQL from Debian packages, a throwaway server on 127.0.0.1 (local target)',
    target: 'local',
    management: 'self-managed',
    engines: ['postgres'],
    provisioners: [],
  },
  mariadb: {
    name: 'mariadb',
    description: 'MariaDB from Debian packages, a throwaway server on 127.0.0.1 (local target)',
    target: 'local',
    management: 'self-managed',
    engines: ['mysql'],
    provisioners: [],
  },
};

/**
 * Former variant names and why they went: each named a service it did not deploy. A stack that
 * still sets one gets a config error naming the variant to use.
 */
export const RETIRED_DATABASE_VARIANTS: Readonly<Record<string, string>> = {
  azuresql:
    'was renamed to "azure-postgres": it deploys Azure Database for PostgreSQL flexible server, not Azure SQL Database (which speaks TDS, a protocol no workload tool here drives)',
  mysql: 'was renamed to "mariadb-operator": it deploys MariaDB through the mariadb-operator, not Oracle MySQL (Oracle MySQL through its operator is "mysql-operator")',
};
