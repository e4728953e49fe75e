/**
 * The database experiment's settings, typed and resolved: the variant's engine, provisioner,
 * engine version and cloud defaults filled in, and the combinations the flat schema cannot
 * express checked (a pgbench workload on a MySQL engine, a Crossplane provisioner on Azure,
 * a cluster variant on the local target ...). Problems are ConfigErrors naming the key.
 */
import { z } from 'zod';
import { ConfigError } from '../../src/config/errors';
import { ExperimentSpec } from '../../src/config/spec';
import { databaseConfigShape } from './experiment';
import { DatabaseVariantName, Engine, Provisioner, databaseVariants } from './variants';
import { ASO_POSTGRES_VERSIONS, DEFAULT_ENGINE_VERSIONS, DEFAULT_INSTANCE_CLASS, DEFAULT_REGION } from './versions';
import { workloads } from './workloads';

/** The keys as validated by the schema (defaults applied). */
export type DatabaseConfig = z.output<z.ZodObject<typeof databaseConfigShape>>;

/** Settings with every variant-dependent default resolved. */
export interface DatabaseSettings extends DatabaseConfig {
  readonly variant: DatabaseVariantName;
  readonly engine: Engine;
  /** Undefined for the local variants. */
  readonly provisioner?: Provisioner;
  /** Undefined for the local variants (the installed server's version is recorded instead). */
  readonly engineVersion?: string;
}

/** The schema's defaults: what every key is when nothing is set. */
export function defaultDatabaseConfig(): DatabaseConfig {
  return z.object(databaseConfigShape).parse({});
}

/** Resolves and cross-checks the settings of `variant`; throws one ConfigError listing every problem. */
export function resolveDatabaseSettings(variant: string, config: DatabaseConfig, target: string): DatabaseSettings {
  const spec = databaseVariants[variant as DatabaseVariantName];
  if (!spec) throw new ConfigError([`perflab:variant: ${JSON.stringify(variant)} is not one of ${Object.keys(databaseVariants).join(', ')}`]);
  const problems: string[] = [];
  if (spec.target === 'local' && target !== 'local') {
    problems.push(`perflab:variant: "${variant}" runs on the local target only; on a cluster use cnpg (PostgreSQL), mariadb-operator (MariaDB) or mysql-operator (Oracle MySQL)`);
  }
  if (spec.target === 'cluster' && target === 'local') {
    problems.push(`perflab:variant: "${variant}" runs on a cluster; the local target runs postgres and mariadb (npx perflab run database --target local)`);
  }
  const engine = config.engine ?? spec.engines[0];
  if (!spec.engines.includes(engine)) {
    problems.push(`perflab:engine: ${JSON.stringify(engine)} is not offered by variant ${variant}; allowed: ${spec.engines.join(', ')}`);
  }
  const w = workloads[config.workload];
  if (!w.engines.includes(engine)) {
    problems.push(`perflab:workload: ${JSON.stringify(config.workload)} needs ${w.engines.join(' or ')}; variant ${variant} serves ${engine} (use an oltp-* workload, tpcc-style or tpcc)`);
  }
  let provisioner: Provisioner | undefined;
  if (spec.provisioners.length === 0) {
    if (config.provisioner !== undefined) problems.push(`perflab:provisioner: not used by the local variant ${variant}`);
  } else {
    provisioner = config.provisioner ?? spec.provisioners[0];
    if (!spec.provisioners.includes(provisioner)) {
      problems.push(`perflab:provisioner: ${JSON.stringify(provisioner)} is not available for variant ${variant}; allowed: ${spec.provisioners.join(', ')}`);
    }
  }
  if (variant === 'azure-postgres') {
    if (!config.resourceGroup) problems.push('perflab:resourceGroup is required for azure-postgres (an existing Azure resource group)');
    if (config.provisioner === 'aso' && !config.subscriptionId) problems.push('perflab:subscriptionId is required for azure-postgres with provisioner aso (the server\'s ARM owner)');
    if (config.provisioner === 'aso' && config.engineVersion && !ASO_POSTGRES_VERSIONS.includes(config.engineVersion)) {
      problems.push(`perflab:engineVersion: ${JSON.stringify(config.engineVersion)} is not offered by ASO's FlexibleServer (v1api20240801); allowed: ${ASO_POSTGRES_VERSIONS.join(', ')}`);
    }
    if (config.publiclyAccessible && !config.allowedCidr) problems.push('perflab:allowedCidr is required when perflab:publiclyAccessible is true (the firewall rule)');
  }
  if (variant === 'mysql-operator' && config.engineVersion !== undefined && !/^\d+\.\d+\.\d+$/.test(config.engineVersion)) {
    problems.push(`perflab:engineVersion: ${JSON.stringify(config.engineVersion)} is not a full MySQL server version; the Oracle MySQL Operator's InnoDBCluster needs one such as 9.1.0`);
  }
  if (config.threads !== undefined && config.clients !== undefined && config.threads > config.clients) {
    problems.push(`perflab:threads: ${config.threads} is more than perflab:clients (${config.clients}); pgbench needs threads ≤ clients`);
  }
  if (problems.length) throw new ConfigError(problems);
  const cloud = spec.management === 'cloud-managed';
  return {
    ...config,
    variant: spec.name,
    engine,
    provisioner,
    engineVersion: spec.target === 'local' ? undefined : (config.engineVersion ?? DEFAULT_ENGINE_VERSIONS[`${variant}/${engine}`]),
    instanceClass: cloud ? (config.instanceClass ?? DEFAULT_INSTANCE_CLASS[variant]) : config.instanceClass,
    region: cloud ? (config.region ?? DEFAULT_REGION[variant]) : config.region,
  };
}

/** The resolved settings of a validated spec of the database experiment. */
export function databaseSettingsOf(spec: ExperimentSpec): DatabaseSettings {
  if (spec.experiment.name !== 'database') {
    throw new ConfigError([`perflab:experiment: ${JSON.stringify(spec.experiment.name)} is not the database experiment`]);
  }
  return resolveDatabaseSettings(spec.variant, spec.settings as unknown as DatabaseConfig, spec.target);
}
