/**
 * The complexity score of a synthesized database plan: its database manifests, the Secrets the
 * component creates for it (counted by name, never by value) and, on the @pulumi paths, the
 * cloud resources' arguments with the password replaced by a placeholder.
 */
import { azurePostgresArgs, rdsInstanceArgs } from './cloud';
import { ComplexityScore, complexityScore } from './complexity';
import { DatabaseManifests } from './manifests/chart';
import { exportsMetrics } from './metrics-export';

const PLACEHOLDER = '<secret>';

/** Objects besides the manifests that define the database of `m`. */
export function otherDatabaseObjects(m: DatabaseManifests): object[] {
  const secrets = Object.values(m.secrets)
    .filter((n): n is string => typeof n === 'string')
    // Crossplane and ASO write the connection Secret themselves.
    .filter((n) => !(n === m.secrets.connection && (m.path === 'rds-crossplane' || m.path === 'azure-aso')))
    .map((name) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name } }));
  const cloud: object[] = [];
  if (m.path === 'rds-pulumi') cloud.push({ kind: 'aws:rds:Instance', args: rdsInstanceArgs(m, PLACEHOLDER) });
  if (m.path === 'azure-pulumi') {
    const a = azurePostgresArgs(m, PLACEHOLDER);
    cloud.push({ kind: 'azure-native:dbforpostgresql:Server', args: a.server }, { kind: 'azure-native:dbforpostgresql:Database', args: a.database });
    if (a.firewall) cloud.push({ kind: 'azure-native:dbforpostgresql:FirewallRule', args: a.firewall });
  }
  return [...secrets, ...JSON.parse(JSON.stringify(cloud)) as object[]];
}

/** The operational-complexity score of a plan. */
export function databaseComplexity(m: DatabaseManifests): ComplexityScore {
  return complexityScore({
    path: m.path,
    manifests: m.databaseObjects,
    otherObjects: otherDatabaseObjects(m),
    instances: m.settings.instances,
    monitoring: exportsMetrics(m.settings, m.path),
    installOperator: m.settings.installOperator,
  });
}
