/**
 * Cloud-managed databases made directly by Pulumi (`perflab:provisioner: pulumi`): an
 * `aws.rds.Instance`, or an Azure Database for PostgreSQL flexible server (`azure-native`
 * dbforpostgresql Server + Database + FirewallRule). The argument builders are pure so the
 * complexity score and the tests can read them; the password is a Pulumi secret input.
 */
import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
import * as azure from '@pulumi/azure-native';
import { CLUSTER_DATABASE, CLUSTER_USER, DatabaseManifests } from './manifests/chart';
import { azureSkuTier, cidrRange, storageGiB } from './manifests/cloud-resources';

/** Tags every cloud database carries: owner, experiment and budget (policy cloud-tags), plus the lab's own. */
export function cloudTags(s: { variant: string; owner: string; budgetUsdPerHour: number }): Record<string, string> {
  return {
    owner: s.owner,
    experiment: `database-${s.variant}`,
    budget: `${s.budgetUsdPerHour} USD/h`,
    'perflab.dev/experiment': 'database',
    'perflab.dev/variant': s.variant,
  };
}

/** Arguments of the aws.rds.Instance for a manifests plan. */
export function rdsInstanceArgs(m: DatabaseManifests, password: pulumi.Input<string>): aws.rds.InstanceArgs {
  const s = m.settings;
  return {
    identifier: m.databaseName,
    region: s.region,
    engine: s.engine,
    engineVersion: s.engineVersion,
    instanceClass: s.instanceClass as string,
    allocatedStorage: storageGiB(s.storageSize),
    storageType: 'gp3',
    dbName: CLUSTER_DATABASE,
    username: CLUSTER_USER,
    password,
    publiclyAccessible: s.publiclyAccessible,
    skipFinalSnapshot: true,
    applyImmediately: true,
    autoMinorVersionUpgrade: false,
    backupRetentionPeriod: 0,
    ...(s.subnetGroup ? { dbSubnetGroupName: s.subnetGroup } : {}),
    ...(s.securityGroupIds ? { vpcSecurityGroupIds: s.securityGroupIds.split(',') } : {}),
    tags: cloudTags(s),
  };
}

/** Arguments of the Azure PostgreSQL flexible server, its database and (optional) firewall rule. */
export function azurePostgresArgs(m: DatabaseManifests, password: pulumi.Input<string>): {
  server: azure.dbforpostgresql.ServerArgs;
  database: Omit<azure.dbforpostgresql.DatabaseArgs, 'serverName'>;
  firewall?: Omit<azure.dbforpostgresql.FirewallRuleArgs, 'serverName'>;
} {
  const s = m.settings;
  const rg = s.resourceGroup as string;
  const range = s.allowedCidr ? cidrRange(s.allowedCidr) : undefined;
  return {
    server: {
      serverName: m.databaseName,
      resourceGroupName: rg,
      location: s.region,
      version: s.engineVersion,
      sku: { name: s.instanceClass as string, tier: azureSkuTier(s.instanceClass as string) },
      storage: { storageSizeGB: storageGiB(s.storageSize, 32) },
      administratorLogin: CLUSTER_USER,
      administratorLoginPassword: password,
      network: { publicNetworkAccess: s.publiclyAccessible ? 'Enabled' : 'Disabled' },
      tags: cloudTags(s),
    },
    database: { resourceGroupName: rg, databaseName: CLUSTER_DATABASE, charset: 'UTF8', collation: 'en_US.utf8' },
    firewall: range ? { resourceGroupName: rg, firewallRuleName: 'perflab-allow', startIpAddress: range.start, endIpAddress: range.end } : undefined,
  };
}

/** Where the cloud database answers, once created. */
export interface CloudDatabase {
  readonly host: pulumi.Output<string>;
  readonly resources: pulumi.Resource[];
}

/** Creates the cloud database of a `rds-pulumi` or `azure-pulumi` plan, parented to `parent`. */
export function createCloudDatabase(name: string, m: DatabaseManifests, password: pulumi.Output<string>, parent: pulumi.Resource): CloudDatabase {
  if (m.path === 'rds-pulumi') {
    const db = new aws.rds.Instance(`${name}-rds`, rdsInstanceArgs(m, password), { parent });
    return { host: db.address, resources: [db] };
  }
  if (m.path === 'azure-pulumi') {
    const a = azurePostgresArgs(m, password);
    const server = new azure.dbforpostgresql.Server(`${name}-server`, a.server, { parent });
    const resources: pulumi.Resource[] = [server];
    resources.push(new azure.dbforpostgresql.Database(`${name}-database`, { ...a.database, serverName: server.name }, { parent }));
    if (a.firewall) resources.push(new azure.dbforpostgresql.FirewallRule(`${name}-firewall`, { ...a.firewall, serverName: server.name }, { parent }));
    return { host: server.fullyQualifiedDomainName.apply((h) => h ?? ''), resources };
  }
  throw new Error(`createCloudDatabase: path ${m.path} is not made by Pulumi directly`);
}
