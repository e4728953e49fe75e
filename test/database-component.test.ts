/**
 * DatabaseExperiment under `pulumi.runtime.setMocks`, for every db stack file (and the
 * Crossplane / ASO alternatives): the resources each variant registers, the synthesized
 * manifests against the Kubernetes and operator CRD schemas, and the generated password — the
 * random mock's — never anywhere in plain text: every resource input holding it holds it as a
 * secret, and no output, manifest or log line contains it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { fromNamespacedConfig, parseExperimentConfig } from '../src/config/spec';
import { DEFAULT_CLUSTER_OPTIONS } from '../src/cluster/cluster-config';
import { parseCostSettings } from '../src/cluster/cost-settings';
import { deriveRunId } from '../src/cluster/run-id';
import { readStackConfig } from '../src/cluster/stack-file';
import { formatProblem, validateManifests } from '../src/cluster/validate-manifests';
import { synthesizeDatabase } from '../experiments/database/manifests/chart';
import { databaseClusterProgram } from '../experiments/database/cluster-program';
import { Pulumi, waitForRPCs } from './helpers/pulumi-program';

process.setMaxListeners(100);

const STACK_DIR = path.join(__dirname, '..', 'stacks');
const MOCK_PASSWORD = 'Mockpw7Zq9XgenerateD0nly4TestsX';
/** Pulumi's marker of a secret value in serialized inputs. */
const SECRET_SIG = '4dabf18193072939515e22adb298388d';
const DYNAMIC = 'pulumi-nodejs:dynamic/perflab:DatabaseRunResults';

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, any>;
}

interface Case {
  stack: string;
  overrides?: Record<string, string>;
}

const stackConfig = (stack: string): Record<string, string> => readStackConfig(path.join(STACK_DIR, `Pulumi.${stack}.yaml`));

const CASES: Case[] = [
  { stack: 'db-cnpg' },
  { stack: 'db-mariadb-operator' },
  { stack: 'db-mysql-operator' },
  { stack: 'db-rds' },
  { stack: 'db-azure-postgres' },
  { stack: 'db-rds', overrides: { 'perflab:provisioner': 'crossplane' } },
  { stack: 'db-rds', overrides: { 'perflab:engine': 'mysql', 'perflab:engineVersion': '8.0.42' } },
  { stack: 'db-azure-postgres', overrides: { 'perflab:provisioner': 'aso', 'perflab:subscriptionId': '00000000-1111-2222-3333-444444444444' } },
  { stack: 'db-mariadb-operator', overrides: { 'perflab:instances': '3', 'perflab:monitoring': 'true', 'perflab:installOperator': 'false' } },
];
const caseName = (c: Case): string => `${c.stack}${c.overrides ? ` ${JSON.stringify(c.overrides)}` : ''}`;

function specOf(c: Case) {
  const config = { ...stackConfig(c.stack), ...(c.overrides ?? {}) };
  const spec = parseExperimentConfig(fromNamespacedConfig(config));
  return { config, spec, runId: deriveRunId(spec, DEFAULT_CLUSTER_OPTIONS, c.stack) };
}

/** Runs DatabaseExperiment for a case under mocks; returns what was registered, its outputs and the log lines. */
async function runComponent(c: Case): Promise<{ resources: Registered[]; outputs: Record<string, unknown>; logs: string[]; urns: string[] }> {
  const { spec, runId } = specOf(c);
  const resources: Registered[] = [];
  const logs: string[] = [];
  const spies = (['log', 'info', 'warn', 'error'] as const).map((k) => jest.spyOn(console, k).mockImplementation((...a: unknown[]) => void logs.push(a.map(String).join(' '))));
  let pulumi!: Pulumi;
  let experiment: any;
  jest.isolateModules(() => {
    pulumi = require('@pulumi/pulumi') as Pulumi;
    void pulumi.runtime.setMocks(
      {
        newResource(args) {
          resources.push({ type: args.type, name: args.name, inputs: args.inputs });
          if (args.type === 'random:index/randomPassword:RandomPassword') return { id: `${args.name}-id`, state: { ...args.inputs, result: MOCK_PASSWORD } };
          if (args.type === 'aws:rds/instance:Instance') return { id: 'db-id', state: { ...args.inputs, address: 'perflab-database-rds.abc.us-east-1.rds.amazonaws.com' } };
          if (args.type === 'azure-native:dbforpostgresql:Server') return { id: 'srv-id', state: { ...args.inputs, name: args.inputs.serverName, fullyQualifiedDomainName: `${args.inputs.serverName}.postgres.database.azure.com` } };
          if (args.type === DYNAMIC) {
            const { __provider: _p, ...inputs } = args.inputs as Record<string, unknown>;
            void _p;
            return { id: 'run-id', state: { ...inputs, p50Ms: 1.2, p95Ms: 3.4, p99Ms: 5.6, rps: 1234.5, errorRate: 0, thresholdsPassed: true, runResult: { kind: 'perflab.dev/RunResult', id: 'run-id' } } };
          }
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call(args) {
          throw new Error(`unexpected call ${args.token}`);
        },
      },
      'perflab',
      c.stack,
      false,
    );
    const { DatabaseExperiment } = require('../experiments/database/component');
    experiment = new DatabaseExperiment(`database-${spec.variant}`, { spec, runId, label: c.stack });
  });
  const outputs: Record<string, unknown> = {};
  for (const k of ['tps', 'p95Ms', 'runResult', 'thresholdsPassed']) outputs[k] = await experiment[k].promise();
  outputs.complexity = experiment.complexity;
  outputs.hourlyUsd = experiment.hourlyUsd;
  await waitForRPCs(pulumi);
  spies.forEach((s) => s.mockRestore());
  const monitor = pulumi.runtime.getMonitor() as unknown as { getRegisteredResources(): Map<string, unknown> };
  return { resources, outputs, logs, urns: [...monitor.getRegisteredResources().keys()] };
}

/** Paths inside `value` where the password appears outside a secret wrapper. */
function plainPasswordPaths(value: unknown, at = '', password = MOCK_PASSWORD): string[] {
  if (typeof value === 'string') return value.includes(password) ? [at || '.'] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => plainPasswordPaths(v, `${at}[${i}]`, password));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o[SECRET_SIG] === '1b47061264138c4ac30d75fd1eb44270') return [];
    return Object.entries(o).flatMap(([k, v]) => plainPasswordPaths(v, `${at}.${k}`, password));
  }
  return [];
}

describe('database stack files', () => {
  it('exist for cnpg, mariadb-operator, mysql-operator, rds and azure-postgres, each named after what it deploys, and validate', () => {
    expect(fs.readdirSync(STACK_DIR).filter((f) => f.startsWith('Pulumi.db-')).sort()).toEqual(['Pulumi.db-azure-postgres.yaml', 'Pulumi.db-cnpg.yaml', 'Pulumi.db-mariadb-operator.yaml', 'Pulumi.db-mysql-operator.yaml', 'Pulumi.db-rds.yaml']);
    for (const s of ['db-cnpg', 'db-mariadb-operator', 'db-mysql-operator', 'db-rds', 'db-azure-postgres']) expect(specOf({ stack: s }).spec.variant).toBe(s.slice(3));
  });

  it('reject combinations that cannot work, naming the key', () => {
    const bad = (o: Record<string, string>, stack = 'db-rds') => () => synthesizeDatabase(specOf({ stack, overrides: o }).spec, 'r-1');
    expect(bad({ 'perflab:provisioner': 'aso' })).toThrow(/perflab:provisioner: "aso" is not available for variant rds; allowed: pulumi, crossplane/);
    expect(bad({ 'perflab:engine': 'mysql', 'perflab:workload': 'pgbench-tpcb' })).toThrow(/perflab:workload: "pgbench-tpcb" needs postgres/);
    expect(bad({ 'perflab:provisioner': 'aso', 'perflab:subscriptionId': '00000000-1111-2222-3333-444444444444', 'perflab:engineVersion': '17' }, 'db-azure-postgres')).toThrow(/not offered by ASO's FlexibleServer/);
    expect(bad({ 'perflab:resourceGroup': '' }, 'db-azure-postgres')).toThrow(/resourceGroup/);
    expect(bad({ 'perflab:variant': 'postgres' }, 'db-cnpg')).toThrow(/runs on the local target only/);
    expect(bad({ 'perflab:engineVersion': '9.1' }, 'db-mysql-operator')).toThrow(/perflab:engineVersion: "9.1" is not a full MySQL server version; the Oracle MySQL Operator's InnoDBCluster needs one such as 9.1.0/);
  });

  it('reject the retired names azuresql and mysql, naming the variant that replaced each', () => {
    const retired = (variant: string, stack: string) => () => specOf({ stack, overrides: { 'perflab:variant': variant } });
    expect(retired('azuresql', 'db-azure-postgres')).toThrow(
      /perflab:variant: "azuresql" was renamed to "azure-postgres": it deploys Azure Database for PostgreSQL flexible server, not Azure SQL Database.*; allowed: cnpg, mariadb-operator, mysql-operator, rds, azure-postgres, postgres, mariadb/,
    );
    expect(retired('mysql', 'db-mariadb-operator')).toThrow(/perflab:variant: "mysql" was renamed to "mariadb-operator": it deploys MariaDB through the mariadb-operator, not Oracle MySQL/);
    // An unknown name still gets the schema's own message, without a rename note.
    expect(retired('azure-sql', 'db-azure-postgres')).toThrow(/perflab:variant/);
    expect(retired('azure-sql', 'db-azure-postgres')).not.toThrow(/renamed/);
  });
});

describe.each(CASES.map((c) => [caseName(c), c] as const))('DatabaseExperiment %s (under mocks)', (_name, c) => {
  let run: Awaited<ReturnType<typeof runComponent>>;
  const { spec, runId } = specOf(c);
  const m = synthesizeDatabase(spec, runId);

  beforeAll(async () => {
    run = await runComponent(c);
  });

  const types = (): string[] => run.resources.map((r) => r.type);
  const count = (t: string): number => types().filter((x) => x === t).length;

  it('registers the component, its namespace, passwords, Secrets, database, workload Job and results resource', () => {
    expect(count('perflab:database:DatabaseExperiment')).toBe(1);
    expect(count('kubernetes:core/v1:Namespace')).toBe(1);
    const pulumiSecret = m.secrets.credentialsBy === 'pulumi';
    // The in-cluster InnoDBCluster's password is generated in the program: no random provider.
    expect(count('random:index/randomPassword:RandomPassword')).toBe(pulumiSecret && m.path !== 'mysql-operator' ? 1 : 0);
    expect(count('kubernetes:core/v1:Secret')).toBe((pulumiSecret ? 1 : 0) + (m.path === 'rds-pulumi' || m.path === 'azure-pulumi' ? 1 : 0));
    expect(count('kubernetes:batch/v1:Job')).toBe(1);
    expect(count(DYNAMIC)).toBe(1);
    const releases = run.resources.filter((r) => r.type === 'kubernetes:helm.sh/v3:Release').map((r) => `${r.inputs.chart}@${r.inputs.version}`);
    const expected: Record<string, string[]> = {
      cnpg: ['cloudnative-pg@0.26.0'],
      'mariadb-operator': m.settings.installOperator ? ['mariadb-operator-crds@0.38.1', 'mariadb-operator@0.38.1'] : [],
      'mysql-operator': ['mysql-operator@2.2.2'],
      'rds-crossplane': ['crossplane@1.20.0'],
      'azure-aso': ['azure-service-operator@v2.15.0'],
      'rds-pulumi': [],
      'azure-pulumi': [],
    };
    expect(releases).toEqual(expected[m.path]);
    const dbTypes: Record<string, string[]> = {
      cnpg: ['kubernetes:postgresql.cnpg.io/v1:Cluster'],
      'mariadb-operator': ['kubernetes:k8s.mariadb.com/v1alpha1:MariaDB'],
      'mysql-operator': ['kubernetes:mysql.oracle.com/v2:InnoDBCluster'],
      'rds-crossplane': ['kubernetes:pkg.crossplane.io/v1:Provider', 'kubernetes:rds.aws.upbound.io/v1beta3:Instance'],
      'rds-pulumi': ['aws:rds/instance:Instance'],
      'azure-aso': ['kubernetes:dbforpostgresql.azure.com/v1api20240801:FlexibleServer', 'kubernetes:dbforpostgresql.azure.com/v1api20240801:FlexibleServersDatabase', 'kubernetes:dbforpostgresql.azure.com/v1api20240801:FlexibleServersFirewallRule'],
      'azure-pulumi': ['azure-native:dbforpostgresql:Server', 'azure-native:dbforpostgresql:Database', 'azure-native:dbforpostgresql:FirewallRule'],
    };
    for (const t of dbTypes[m.path]) expect(count(t)).toBe(1);
  });

  it('parents every resource to the component and wires the results request to the Job', () => {
    const own = run.urns.filter((u) => !u.includes('::perflab:database:DatabaseExperiment::'));
    expect(own.length).toBeGreaterThan(5);
    // Mock URNs name the immediate parent's type: the component, or one of its ConfigGroups.
    for (const u of own) expect(u).toMatch(/::(perflab:database:DatabaseExperiment|kubernetes:yaml:ConfigGroup)\$/);
    expect(own.filter((u) => u.includes('::perflab:database:DatabaseExperiment$kubernetes:yaml:ConfigGroup::')).length).toBeGreaterThanOrEqual(1);
    const results = run.resources.find((r) => r.type === DYNAMIC) as Registered;
    expect(results.inputs.job.name).toBe(m.job.name);
    expect(results.inputs.workload).toBe(m.settings.workload);
    expect(results.inputs.notes.join('\n')).toMatch(/operational complexity \d/);
    const job = run.resources.find((r) => r.type === 'kubernetes:batch/v1:Job') as Registered;
    const env = job.inputs.spec.template.spec.containers[0].env;
    // The Oracle operator's Secret layout keeps the password under rootPassword.
    expect(env.find((e: any) => e.name === 'DB_PASSWORD')).toEqual({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: m.secrets.credentials, key: m.path === 'mysql-operator' ? 'rootPassword' : 'password' } } });
    expect(run.outputs.tps).toBe(1234.5);
    expect((run.outputs.complexity as { score: number }).score).toBeGreaterThan(0);
  });

  if (m.path === 'mysql-operator') {
    it('makes the operator\'s account Secret from a generated Pulumi secret, in the operator\'s layout, and never shows the password', () => {
      const secret = run.resources.find((r) => r.type === 'kubernetes:core/v1:Secret') as Registered;
      expect(secret.inputs.metadata.name).toBe(m.secrets.credentials);
      // Keys of mysql-operator 9.1.0-2.2.2 helm/mysql-innodbcluster/templates/cluster_secret.yaml.
      // The secret password makes the whole stringData a secret.
      expect(secret.inputs.stringData[SECRET_SIG]).toBe('1b47061264138c4ac30d75fd1eb44270');
      const data = secret.inputs.stringData.value as Record<string, string>;
      expect(Object.keys(data).sort()).toEqual(['rootHost', 'rootPassword', 'rootUser']);
      expect(data.rootUser).toBe('perflab');
      const pw = data.rootPassword;
      expect(pw).toMatch(/^[A-Za-z0-9]{32}$/);
      for (const r of run.resources) expect({ resource: `${r.type} ${r.name}`, plain: plainPasswordPaths(r.inputs, '', pw) }).toEqual({ resource: `${r.type} ${r.name}`, plain: [] });
      expect(JSON.stringify(run.outputs)).not.toContain(pw);
      expect(run.logs.join('\n')).not.toContain(pw);
      expect(stringify([...m.namespaced, ...m.clusterScoped])).not.toContain(pw);
      const cluster = run.resources.find((r) => r.type === 'kubernetes:mysql.oracle.com/v2:InnoDBCluster') as Registered;
      expect(cluster.inputs.spec.secretName).toBe(m.secrets.credentials);
    });

    it('leaves the operator\'s own pod labels alone (they are its StatefulSet selector) and reads the server pods by its labels', () => {
      const cluster = run.resources.find((r) => r.type === 'kubernetes:mysql.oracle.com/v2:InnoDBCluster') as Registered;
      for (const labels of [cluster.inputs.spec.podLabels, cluster.inputs.spec.router.podLabels]) {
        expect(Object.keys(labels).filter((k) => ['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/component', 'app.kubernetes.io/managed-by'].includes(k))).toEqual([]);
        expect(labels['perflab.dev/run']).toBe(runId);
      }
      expect(m.databaseSelector).toEqual({ 'mysql.oracle.com/cluster': cluster.inputs.metadata.name, component: 'mysqld', 'perflab.dev/run': runId });
    });

    it('creates the database the operator does not, and connects over TLS', () => {
      const script = (m.namespaced.find((o) => (o.metadata as { name: string }).name === `${m.job.name}-scripts`) as { data: Record<string, string> }).data['run.sh'];
      expect(script).toContain('mariadb --no-defaults --ssl -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -e "CREATE DATABASE IF NOT EXISTS \\`$DB_NAME\\`"');
      expect(script.indexOf('CREATE DATABASE')).toBeLessThan(script.indexOf('sysbench'));
      for (const l of script.split('\n').filter((x) => x.startsWith('sysbench') || x.includes(' sysbench '))) expect(l).toContain('--mysql-ssl=on');
    });
  } else if (m.secrets.credentialsBy === 'pulumi') {
    it('never has the generated password in plain text: inputs hold it only as a secret; outputs, manifests and logs not at all', () => {
      const holders = run.resources.filter((r) => JSON.stringify(r.inputs).includes(MOCK_PASSWORD));
      expect(holders.length).toBeGreaterThan(0);
      for (const r of run.resources) expect({ resource: `${r.type} ${r.name}`, plain: plainPasswordPaths(r.inputs) }).toEqual({ resource: `${r.type} ${r.name}`, plain: [] });
      for (const r of holders) expect(['kubernetes:core/v1:Secret', 'aws:rds/instance:Instance', 'azure-native:dbforpostgresql:Server']).toContain(r.type);
      expect(JSON.stringify(run.outputs)).not.toContain(MOCK_PASSWORD);
      expect(run.logs.join('\n')).not.toContain(MOCK_PASSWORD);
      expect(stringify([...m.namespaced, ...m.clusterScoped])).not.toContain(MOCK_PASSWORD);
    });
  } else {
    it('takes its credentials from the Secrets the operator generates: no password anywhere in perflab', () => {
      expect(count('random:index/randomPassword:RandomPassword')).toBe(0);
      expect(run.resources.filter((r) => r.type === 'kubernetes:core/v1:Secret')).toEqual([]);
      const db = run.resources.find((r) => r.type === (m.path === 'cnpg' ? 'kubernetes:postgresql.cnpg.io/v1:Cluster' : 'kubernetes:k8s.mariadb.com/v1alpha1:MariaDB')) as Registered;
      if (m.path === 'cnpg') {
        // No initdb secret: CNPG generates `<cluster>-app` with the owner's password.
        expect(db.inputs.spec.bootstrap.initdb).toEqual({ database: 'perflab', owner: 'perflab' });
        expect(m.secrets.credentials).toBe(`${db.inputs.metadata.name}-app`);
      } else {
        expect(db.inputs.spec.rootPasswordSecretKeyRef).toEqual({ name: m.secrets.root, key: 'password', generate: true });
        expect(db.inputs.spec.passwordSecretKeyRef).toEqual({ name: m.secrets.credentials, key: 'password', generate: true });
      }
      const job = run.resources.find((r) => r.type === 'kubernetes:batch/v1:Job') as Registered;
      const env: Array<{ name: string; value?: string; valueFrom?: unknown }> = job.inputs.spec.template.spec.containers[0].env;
      expect(env.find((e) => e.name === 'DB_PASSWORD')).toEqual({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: m.secrets.credentials, key: 'password' } } });
      // Nothing carries a password value: no `password` key with a literal, no stringData, in any input or manifest.
      const text = JSON.stringify([run.resources.map((r) => r.inputs), m.namespaced, m.clusterScoped]);
      expect(text).not.toMatch(/"(stringData|password)":"/i);
      expect(env.filter((e) => /PASSWORD/i.test(e.name) && e.value !== undefined)).toEqual([]);
    });
  }

  it('synthesizes manifests that validate against the Kubernetes schemas and the operators\' CRD schemas', () => {
    const { config } = specOf(c);
    const objs = databaseClusterProgram.synthesize({ stack: c.stack, spec, runId, options: DEFAULT_CLUSTER_OPTIONS, cost: parseCostSettings(fromNamespacedConfig(config)) });
    const report = validateManifests(objs);
    expect(report.problems.map(formatProblem)).toEqual([]);
    for (const o of objs as any[]) if (o.kind !== 'Provider' && o.kind !== 'Instance') expect(o.metadata.namespace).toBe(spec.namespace);
  });
});

describe('operational complexity', () => {
  it('ranks the paths: @pulumi cloud < in-cluster operator < Crossplane', () => {
    const score = (c: Case): number => {
      const { spec, runId } = specOf(c);
      return require('../experiments/database/variant-complexity').databaseComplexity(synthesizeDatabase(spec, runId)).score;
    };
    const cnpg = score({ stack: 'db-cnpg' });
    const mysql = score({ stack: 'db-mariadb-operator' });
    const rds = score({ stack: 'db-rds' });
    const crossplane = score({ stack: 'db-rds', overrides: { 'perflab:provisioner': 'crossplane' } });
    expect(rds).toBeLessThan(cnpg);
    expect(cnpg).toBeLessThan(mysql);
    expect(mysql).toBeLessThan(crossplane);
  });
});
