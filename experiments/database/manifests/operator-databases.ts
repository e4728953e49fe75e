/**
 * The in-cluster databases as operator custom resources (cdk8s ApiObjects): a CloudNativePG
 * `Cluster`, a mariadb-operator `MariaDB` and an Oracle MySQL Operator `InnoDBCluster`. CNPG and
 * mariadb-operator generate the passwords: CNPG writes
 * the owner's credentials into `<cluster>-app` when initdb names no secret, the mariadb-operator
 * generates the root and user Secrets (`generate: true`). No password exists in perflab's code,
 * manifests or state; the workload reads it from the Secret (`endpoint.password`). The Oracle
 * operator generates none: its Secret is made by Pulumi from a secret output (component.ts) and
 * only named here. Pods carry perflab's selector labels (inheritedMetadata / podMetadata),
 * so the results reader finds them like any other system under test.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { LABEL, RunIdentity, perflabLabels, selectorLabels } from '../../../constructs/labels';
import { PropChecker } from '../../../constructs/validation';
import { CNPG_POSTGRES_IMAGE, MARIADB_IMAGE } from '../versions';

/** `app.kubernetes.io/component` of database pods. */
export const DATABASE_COMPONENT = 'database';

/** What both database resources take. */
export interface DatabaseProps {
  readonly identity: RunIdentity;
  /** Name of the custom resource (and the prefix of what the operator creates). */
  readonly name: string;
  /** Namespace it lives in (for the Service host names). */
  readonly namespace: string;
  /** Instances: 1 primary + n-1 replicas. */
  readonly instances: number;
  readonly storageSize: string;
  /** @default the cluster's default StorageClass */
  readonly storageClass?: string;
  /** CPU and memory request (= limit) of each database pod. */
  readonly cpu: string;
  readonly memory: string;
  /** Engine version: PostgreSQL major (`17`) or MariaDB `11.4`. */
  readonly version: string;
  /** Database created for the workload. */
  readonly database: string;
  /** Owner / user of that database. */
  readonly user: string;
  /** Export metrics (CNPG PodMonitor, mariadb-operator exporter). */
  readonly monitoring: boolean;
}

/** What the workload needs to reach a database and what the reader samples. */
export interface DatabaseEndpoint {
  /** Host from inside the cluster (`<svc>.<namespace>.svc`). */
  readonly host: string;
  readonly port: number;
  /** Labels of the database pods. */
  readonly podSelector: Readonly<Record<string, string>>;
  /** The operator-generated Secret and key holding the user's password. */
  readonly password: { readonly secret: string; readonly key: string };
}

function checkCommon(check: PropChecker, p: DatabaseProps): void {
  check.int('instances', p.instances, 1, 9);
  check.memory('storageSize', p.storageSize);
  check.cpu('cpu', p.cpu);
  check.memory('memory', p.memory);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p.name) || p.name.length > 50) check.fail('name', p.name, 'a DNS-1123 label of at most 50 characters');
  if (!/^[a-z_][a-z0-9_]*$/.test(p.database)) check.fail('database', p.database, 'a lowercase SQL identifier');
  if (!/^[a-z_][a-z0-9_]*$/.test(p.user)) check.fail('user', p.user, 'a lowercase SQL identifier');
}

/** The Secret CloudNativePG generates for the owner of a Cluster's app database. */
export function cnpgAppSecret(cluster: string): string {
  return `${cluster}-app`;
}

/** A CloudNativePG Cluster (postgresql.cnpg.io/v1). */
export class CnpgCluster extends Construct {
  readonly resource: ApiObject;
  readonly endpoint: DatabaseEndpoint;

  constructor(scope: Construct, id: string, p: DatabaseProps) {
    super(scope, id);
    const check = new PropChecker(`CnpgCluster "${id}"`);
    checkCommon(check, p);
    if (!/^\d+$/.test(p.version)) check.fail('version', p.version, 'a PostgreSQL major version such as 17');
    const workload = { ...p.identity, name: 'postgres', component: DATABASE_COMPONENT };
    const selector = selectorLabels(workload);
    this.resource = new ApiObject(this, 'cluster', {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: p.name, labels: perflabLabels(workload) },
      spec: {
        instances: p.instances,
        imageName: CNPG_POSTGRES_IMAGE(p.version),
        // Every perflab label on the pods: the reader selects them, OpenCost allocates by perflab.dev/run.
        inheritedMetadata: { labels: perflabLabels(workload) },
        // No `secret`: CNPG generates the owner's password into `<name>-app` (username, password, uri, ...).
        bootstrap: { initdb: { database: p.database, owner: p.user } },
        storage: { size: p.storageSize, ...(p.storageClass ? { storageClass: p.storageClass } : {}) },
        resources: { requests: { cpu: p.cpu, memory: p.memory }, limits: { cpu: p.cpu, memory: p.memory } },
        postgresql: { parameters: { max_connections: '300' } },
        enableSuperuserAccess: false,
        // CNPG always serves metrics on :9187; the PodMonitor is made when the Prometheus operator's CRD exists.
        monitoring: { enablePodMonitor: p.monitoring },
      },
    });
    this.endpoint = { host: `${p.name}-rw.${p.namespace}.svc`, port: 5432, podSelector: selector, password: { secret: cnpgAppSecret(p.name), key: 'password' } };
  }
}

/** A mariadb-operator MariaDB (k8s.mariadb.com/v1alpha1), with async replication beyond one instance. */
export class MariaDbCluster extends Construct {
  readonly resource: ApiObject;
  readonly endpoint: DatabaseEndpoint;

  /** Name of the generated root-password Secret (key `password`). */
  readonly rootSecret: string;

  constructor(scope: Construct, id: string, p: DatabaseProps) {
    super(scope, id);
    const check = new PropChecker(`MariaDbCluster "${id}"`);
    checkCommon(check, p);
    if (!/^\d+\.\d+(\.\d+)?$/.test(p.version)) check.fail('version', p.version, 'a MariaDB version such as 11.4');
    const workload = { ...p.identity, name: 'mariadb', component: DATABASE_COMPONENT };
    this.rootSecret = `${p.name}-root`;
    const userSecret = `${p.name}-app`;
    const selector = selectorLabels(workload);
    this.resource = new ApiObject(this, 'mariadb', {
      apiVersion: 'k8s.mariadb.com/v1alpha1',
      kind: 'MariaDB',
      metadata: { name: p.name, labels: perflabLabels(workload) },
      spec: {
        image: MARIADB_IMAGE(p.version),
        replicas: p.instances,
        ...(p.instances > 1 ? { replication: { enabled: true } } : {}),
        // The operator generates both Secrets when they do not exist.
        rootPasswordSecretKeyRef: { name: this.rootSecret, key: 'password', generate: true },
        database: p.database,
        username: p.user,
        passwordSecretKeyRef: { name: userSecret, key: 'password', generate: true },
        podMetadata: { labels: perflabLabels(workload) },
        // No voluntary eviction (node drain) of a database pod mid-measurement; CNPG makes its own PDBs.
        podDisruptionBudget: { maxUnavailable: 0 },
        storage: { size: p.storageSize, ...(p.storageClass ? { storageClassName: p.storageClass } : {}) },
        resources: { requests: { cpu: p.cpu, memory: p.memory }, limits: { cpu: p.cpu, memory: p.memory } },
        myCnf: '[mariadb]\nbind-address=*\ndefault_storage_engine=InnoDB\nmax_connections=300\n',
        ...(p.monitoring ? { metrics: { enabled: true } } : {}),
      },
    });
    // The operator's Service `<name>` selects every pod; with replication `<name>-primary` is the writer.
    this.endpoint = { host: `${p.instances > 1 ? `${p.name}-primary` : p.name}.${p.namespace}.svc`, port: 3306, podSelector: selector, password: { secret: userSecret, key: 'password' } };
  }
}

/** Keys of the Secret an InnoDBCluster's `secretName` names (mysql-operator 9.1.0-2.2.2, helm/mysql-innodbcluster/templates/cluster_secret.yaml). */
export const INNODB_SECRET_KEYS = { user: 'rootUser', host: 'rootHost', password: 'rootPassword' } as const;

/**
 * An Oracle MySQL Operator InnoDBCluster (mysql.oracle.com/v2): MySQL servers in Group
 * Replication plus a MySQL Router Deployment in front, reached through the Service named after
 * the cluster (port 3306, the Router's read-write route). The operator's administrative account
 * (named `user` here) comes from `passwordSecret`, which the component creates; the workload
 * logs in with it. The operator labels the pods itself and uses those labels in its
 * StatefulSet selector, so perflab adds only labels outside that selector (`podLabels`).
 */
export class MySqlInnoDbCluster extends Construct {
  readonly resource: ApiObject;
  readonly endpoint: DatabaseEndpoint;

  constructor(scope: Construct, id: string, p: DatabaseProps & { readonly passwordSecret: string }) {
    super(scope, id);
    const check = new PropChecker(`MySqlInnoDbCluster "${id}"`);
    checkCommon(check, p);
    if (!/^\d+\.\d+\.\d+$/.test(p.version)) check.fail('version', p.version, 'a MySQL server version such as 9.1.0');
    const workload = { ...p.identity, name: 'mysql', component: DATABASE_COMPONENT };
    const all = perflabLabels(workload);
    // app.kubernetes.io/{name,instance,component,managed-by} are the operator's own (its selector); the run labels are ours.
    const podLabels = { [LABEL.partOf]: all[LABEL.partOf], [LABEL.experiment]: all[LABEL.experiment], [LABEL.variant]: all[LABEL.variant], [LABEL.run]: all[LABEL.run] };
    const resources = { requests: { cpu: p.cpu, memory: p.memory }, limits: { cpu: p.cpu, memory: p.memory } };
    this.resource = new ApiObject(this, 'innodbcluster', {
      apiVersion: 'mysql.oracle.com/v2',
      kind: 'InnoDBCluster',
      metadata: { name: p.name, labels: all },
      spec: {
        secretName: p.passwordSecret,
        version: p.version,
        instances: p.instances,
        tlsUseSelfSigned: true,
        router: { instances: 1, podLabels },
        podLabels,
        // Merged into the StatefulSet's pod template by container name.
        podSpec: { containers: [{ name: 'mysql', resources }] },
        datadirVolumeClaimTemplate: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: p.storageSize } },
          ...(p.storageClass ? { storageClassName: p.storageClass } : {}),
        },
        mycnf: '[mysqld]\nmax_connections=300\n',
      },
    });
    this.endpoint = {
      host: `${p.name}.${p.namespace}.svc`,
      port: 3306,
      // The server pods (not the Router's): cluster_objects.py labels them mysql.oracle.com/cluster=<name>, component=mysqld.
      podSelector: { 'mysql.oracle.com/cluster': p.name, component: 'mysqld', [LABEL.run]: p.identity.run },
      password: { secret: p.passwordSecret, key: INNODB_SECRET_KEYS.password },
    };
  }
}
