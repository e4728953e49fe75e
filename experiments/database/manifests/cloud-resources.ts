/**
 * Cloud-managed databases as Kubernetes resources: an Upbound provider-aws-rds `Instance`
 * managed resource (Crossplane; cluster-scoped) and Azure Service Operator's PostgreSQL
 * `FlexibleServer` with its database and firewall rule. The admin password is a reference to a
 * Secret Pulumi creates from a secret output; the operators write the endpoint into connection
 * Secrets the workload Job reads.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { RunIdentity, perflabLabels } from '../../../constructs/labels';
import { PropChecker } from '../../../constructs/validation';
import { memoryBytes } from '../../../src/config/quantities';
import { PROVIDER_AWS_RDS_PACKAGE } from '../versions';
import { Engine } from '../variants';

/** Whole GiB of a storage quantity, at least `min`. */
export function storageGiB(q: string, min = 20): number {
  return Math.max(min, Math.ceil(memoryBytes(q) / 1024 ** 3));
}

/** First and last IPv4 address of a CIDR. */
export function cidrRange(cidr: string): { start: string; end: string } {
  const [ip, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const n = ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const size = 2 ** (32 - bits);
  const start = Math.floor(n / size) * size;
  const dotted = (x: number): string => [24, 16, 8, 0].map((s) => Math.floor(x / 2 ** s) % 256).join('.');
  return { start: dotted(start), end: dotted(start + size - 1) };
}

/** API group of Crossplane packages (Provider, Configuration, Function). */
export const CROSSPLANE_PACKAGE_GROUP = 'pkg.crossplane.io';

/** True for a Crossplane package object: it must be healthy before its managed resources are applied. */
export function isCrossplanePackage(o: { apiVersion?: unknown }): boolean {
  return typeof o.apiVersion === 'string' && o.apiVersion.startsWith(`${CROSSPLANE_PACKAGE_GROUP}/`);
}

/**
 * Annotations that make the Pulumi Kubernetes provider (≥ 4.18, `pulumi.com/waitFor`) wait until
 * the package reports `Healthy` (crossplane v1.20.0 apis/pkg/v1/conditions.go: `TypeHealthy`):
 * only then does the provider's CRD (the `Instance` kind) exist. Pulling and starting the
 * provider package takes minutes. @default timeout 600 s
 */
export function packageHealthyAnnotations(timeoutSeconds = 600): Record<string, string> {
  return { 'pulumi.com/waitFor': 'condition=Healthy', 'pulumi.com/timeoutSeconds': String(timeoutSeconds) };
}

/** A Crossplane Provider package install (pkg.crossplane.io/v1, cluster-scoped), awaited until Healthy. */
export class CrossplaneProvider extends Construct {
  readonly resource: ApiObject;
  constructor(scope: Construct, id: string, props: { readonly identity: RunIdentity; readonly name?: string; readonly package?: string }) {
    super(scope, id);
    this.resource = new ApiObject(this, 'provider', {
      apiVersion: `${CROSSPLANE_PACKAGE_GROUP}/v1`,
      kind: 'Provider',
      metadata: {
        name: props.name ?? 'provider-aws-rds',
        labels: perflabLabels({ ...props.identity, name: 'provider-aws-rds', component: 'provisioner' }),
        annotations: packageHealthyAnnotations(),
      },
      spec: { package: props.package ?? PROVIDER_AWS_RDS_PACKAGE, packagePullPolicy: 'IfNotPresent', revisionActivationPolicy: 'Automatic' },
    });
  }
}

/** Props of RdsInstanceClaim. */
export interface RdsInstanceProps {
  readonly identity: RunIdentity;
  /** Name of the managed resource (and the RDS identifier). */
  readonly name: string;
  /** Namespace of the password and connection Secrets. */
  readonly secretNamespace: string;
  readonly engine: Engine;
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly region: string;
  readonly storageSize: string;
  readonly database: string;
  readonly user: string;
  /** Secret (key `password`) with the master password. */
  readonly passwordSecret: string;
  /** Secret Crossplane writes `host` (= `address`), `endpoint` (host:port), `port`, `username`, `password` into. */
  readonly connectionSecret: string;
  readonly providerConfig: string;
  readonly publiclyAccessible: boolean;
  readonly subnetGroup?: string;
  readonly securityGroupIds?: readonly string[];
}

/** An RDS DB instance as a Crossplane managed resource (rds.aws.upbound.io/v1beta3 Instance). */
export class RdsInstanceClaim extends Construct {
  readonly resource: ApiObject;
  constructor(scope: Construct, id: string, p: RdsInstanceProps) {
    super(scope, id);
    const check = new PropChecker(`RdsInstanceClaim "${id}"`);
    if (!/^[a-z][-a-z0-9]{0,62}$/.test(p.name) || p.name.endsWith('-') || p.name.includes('--')) check.fail('name', p.name, 'an RDS identifier: a letter, then letters, digits and single hyphens, at most 63');
    this.resource = new ApiObject(this, 'instance', {
      apiVersion: 'rds.aws.upbound.io/v1beta3',
      kind: 'Instance',
      metadata: { name: p.name, labels: perflabLabels({ ...p.identity, name: `rds-${p.engine}`, component: 'database' }) },
      spec: {
        forProvider: {
          region: p.region,
          engine: p.engine,
          engineVersion: p.engineVersion,
          instanceClass: p.instanceClass,
          allocatedStorage: storageGiB(p.storageSize),
          storageType: 'gp3',
          dbName: p.database,
          username: p.user,
          passwordSecretRef: { name: p.passwordSecret, namespace: p.secretNamespace, key: 'password' },
          publiclyAccessible: p.publiclyAccessible,
          skipFinalSnapshot: true,
          applyImmediately: true,
          autoMinorVersionUpgrade: false,
          backupRetentionPeriod: 0,
          ...(p.subnetGroup ? { dbSubnetGroupName: p.subnetGroup } : {}),
          ...(p.securityGroupIds?.length ? { vpcSecurityGroupIds: [...p.securityGroupIds] } : {}),
        },
        providerConfigRef: { name: p.providerConfig },
        writeConnectionSecretToRef: { name: p.connectionSecret, namespace: p.secretNamespace },
      },
    });
  }
}

/** Props of AzurePostgresServer. */
export interface AzurePostgresProps {
  readonly identity: RunIdentity;
  readonly name: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location: string;
  /** PostgreSQL major (ASO v1api20240801 offers 11..16). */
  readonly version: string;
  /** SKU, e.g. Standard_D2s_v3 (tier from its family: B Burstable, E MemoryOptimized, else GeneralPurpose). */
  readonly sku: string;
  readonly storageSize: string;
  readonly database: string;
  readonly user: string;
  /** Secret (key `password`) with the admin password. */
  readonly passwordSecret: string;
  /** Secret ASO writes the server's host name into (key `host`). */
  readonly connectionSecret: string;
  /** CIDR allowed through the firewall; none: no rule. */
  readonly allowedCidr?: string;
}

/** Tier of an Azure flexible-server SKU name. */
export function azureSkuTier(sku: string): 'Burstable' | 'GeneralPurpose' | 'MemoryOptimized' {
  if (/^Standard_B/i.test(sku)) return 'Burstable';
  if (/^Standard_E/i.test(sku)) return 'MemoryOptimized';
  return 'GeneralPurpose';
}

/** Azure Database for PostgreSQL flexible server via ASO (dbforpostgresql.azure.com/v1api20240801). */
export class AzurePostgresServer extends Construct {
  readonly resources: ApiObject[];
  constructor(scope: Construct, id: string, p: AzurePostgresProps) {
    super(scope, id);
    const labels = perflabLabels({ ...p.identity, name: 'azure-postgres', component: 'database' });
    const apiVersion = 'dbforpostgresql.azure.com/v1api20240801';
    const server = new ApiObject(this, 'server', {
      apiVersion,
      kind: 'FlexibleServer',
      metadata: { name: p.name, labels },
      spec: {
        location: p.location,
        owner: { armId: `/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroup}` },
        version: p.version,
        sku: { name: p.sku, tier: azureSkuTier(p.sku) },
        storage: { storageSizeGB: storageGiB(p.storageSize, 32) },
        administratorLogin: p.user,
        administratorLoginPassword: { name: p.passwordSecret, key: 'password' },
        operatorSpec: { secrets: { fullyQualifiedDomainName: { name: p.connectionSecret, key: 'host' } } },
      },
    });
    const database = new ApiObject(this, 'database', {
      apiVersion,
      kind: 'FlexibleServersDatabase',
      metadata: { name: `${p.name}-${p.database}`, labels },
      spec: { owner: { name: p.name }, azureName: p.database, charset: 'UTF8', collation: 'en_US.utf8' },
    });
    this.resources = [server, database];
    if (p.allowedCidr) {
      const { start, end } = cidrRange(p.allowedCidr);
      this.resources.push(
        new ApiObject(this, 'firewall', {
          apiVersion,
          kind: 'FlexibleServersFirewallRule',
          metadata: { name: `${p.name}-allow`, labels },
          spec: { owner: { name: p.name }, startIpAddress: start, endIpAddress: end },
        }),
      );
    }
  }
}
