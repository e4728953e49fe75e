/**
 * The Pulumi program (index.ts) under mocks with `perflab-cluster:operators: preinstalled`, per
 * experiment that installs charts: against a cluster that has what the stack needs it registers
 * NO Helm release (nor the RabbitMQ operator's manifest) and still its workload and custom
 * resources; against one that lacks it, the update fails before anything is registered with
 * one message naming every missing CRD (and the cost tool's Service) and who provides it.
 */
import { staticInventory } from '../src/cluster/cluster-inventory';
import { readStackConfig, stackFilePath } from '../src/cluster/stack-file';
import { ProgramRun, Registered, runProgram } from './helpers/pulumi-program';

process.setMaxListeners(100);

const RELEASE = 'kubernetes:helm.sh/v3:Release';
const PRE = { 'perflab-cluster:operators': 'preinstalled' };

interface Case {
  readonly stack: string;
  readonly overrides?: Record<string, string>;
  /** CRDs the stack must name when they are missing. */
  readonly crds: string[];
  /** `namespace/name` Services it must name when missing. */
  readonly services?: string[];
  /** Resource types it must still register (workload and custom resources). */
  readonly registers: string[];
  /** Resource types it must not register besides Helm releases. */
  readonly not?: string[];
}

const CASES: Case[] = [
  { stack: 'db-cnpg', crds: ['clusters.postgresql.cnpg.io'], registers: ['kubernetes:postgresql.cnpg.io/v1:Cluster', 'kubernetes:batch/v1:Job'] },
  { stack: 'db-mariadb-operator', crds: ['mariadbs.k8s.mariadb.com'], registers: ['kubernetes:k8s.mariadb.com/v1alpha1:MariaDB', 'kubernetes:batch/v1:Job'] },
  { stack: 'db-mysql-operator', crds: ['innodbclusters.mysql.oracle.com'], registers: ['kubernetes:mysql.oracle.com/v2:InnoDBCluster', 'kubernetes:core/v1:Secret', 'kubernetes:batch/v1:Job'] },
  {
    stack: 'db-rds',
    overrides: { 'perflab:provisioner': 'crossplane' },
    crds: ['instances.rds.aws.upbound.io'],
    registers: ['kubernetes:rds.aws.upbound.io/v1beta3:Instance', 'kubernetes:batch/v1:Job'],
    not: ['kubernetes:pkg.crossplane.io/v1:Provider'],
  },
  {
    stack: 'db-azure-postgres',
    overrides: { 'perflab:provisioner': 'aso', 'perflab:subscriptionId': '00000000-1111-2222-3333-444444444444' },
    crds: ['flexibleservers.dbforpostgresql.azure.com', 'flexibleserversdatabases.dbforpostgresql.azure.com', 'flexibleserversfirewallrules.dbforpostgresql.azure.com'],
    registers: ['kubernetes:dbforpostgresql.azure.com/v1api20240801:FlexibleServer', 'kubernetes:batch/v1:Job'],
  },
  { stack: 'mq-kafka', crds: ['kafkas.kafka.strimzi.io', 'kafkanodepools.kafka.strimzi.io', 'kafkatopics.kafka.strimzi.io'], registers: ['kubernetes:kafka.strimzi.io/v1:Kafka', 'kubernetes:kafka.strimzi.io/v1:KafkaTopic', 'kubernetes:batch/v1:Job'] },
  { stack: 'mq-rabbitmq', crds: ['rabbitmqclusters.rabbitmq.com'], registers: ['kubernetes:rabbitmq.com/v1beta1:RabbitmqCluster', 'kubernetes:batch/v1:Job'], not: ['kubernetes:yaml/v2:ConfigFile'] },
  { stack: 'mq-nats', crds: ['streams.jetstream.nats.io'], registers: ['kubernetes:jetstream.nats.io/v1beta2:Stream', 'kubernetes:apps/v1:StatefulSet', 'kubernetes:batch/v1:Job'] },
  { stack: 'mesh-istio', crds: ['peerauthentications.security.istio.io'], registers: ['kubernetes:security.istio.io/v1:PeerAuthentication', 'kubernetes:apps/v1:Deployment'] },
  { stack: 'mesh-istio-ambient', crds: ['peerauthentications.security.istio.io'], registers: ['kubernetes:security.istio.io/v1:PeerAuthentication', 'kubernetes:apps/v1:Deployment'] },
  {
    stack: 'mesh-linkerd',
    crds: ['servers.policy.linkerd.io', 'networkauthentications.policy.linkerd.io', 'authorizationpolicies.policy.linkerd.io'],
    registers: ['kubernetes:policy.linkerd.io/v1beta3:Server', 'kubernetes:apps/v1:Deployment'],
    not: ['pulumi-nodejs:dynamic/perflab:LinkerdIdentity'],
  },
  { stack: 'mesh-cilium', crds: ['ciliumnetworkpolicies.cilium.io'], registers: ['kubernetes:cilium.io/v2:CiliumNetworkPolicy', 'kubernetes:apps/v1:Deployment'] },
  {
    stack: 'fullstack-all',
    crds: ['servers.policy.linkerd.io', 'networkauthentications.policy.linkerd.io', 'authorizationpolicies.policy.linkerd.io', 'clusters.postgresql.cnpg.io', 'gatewayclasses.gateway.networking.k8s.io', 'gateways.gateway.networking.k8s.io', 'httproutes.gateway.networking.k8s.io'],
    registers: ['kubernetes:postgresql.cnpg.io/v1:Cluster', 'kubernetes:apps/v1:StatefulSet', 'kubernetes:gateway.networking.k8s.io/v1:GatewayClass', 'kubernetes:gateway.networking.k8s.io/v1:HTTPRoute', 'kubernetes:batch/v1:Job'],
    not: ['pulumi-nodejs:dynamic/perflab:LinkerdIdentity', 'kubernetes:yaml/v2:ConfigFile'],
  },
  {
    stack: 'fullstack-app-only',
    overrides: { 'perflab:messaging': 'rabbitmq' },
    crds: ['clusters.postgresql.cnpg.io', 'rabbitmqclusters.rabbitmq.com'],
    registers: ['kubernetes:postgresql.cnpg.io/v1:Cluster', 'kubernetes:rabbitmq.com/v1beta1:RabbitmqCluster', 'kubernetes:batch/v1:Job'],
    not: ['kubernetes:yaml/v2:ConfigFile'],
  },
  { stack: 'cost-opencost', crds: [], services: ['opencost/opencost'], registers: ['kubernetes:apps/v1:Deployment', 'kubernetes:core/v1:ConfigMap'] },
  { stack: 'cost-kubecost', crds: [], services: ['kubecost/kubecost-cost-analyzer'], registers: ['kubernetes:apps/v1:Deployment'] },
];

const name = (c: Case): string => `${c.stack}${c.overrides ? ` ${JSON.stringify(c.overrides)}` : ''}`;
const types = (rs: readonly Registered[]): string[] => rs.map((r) => r.type);

describe.each(CASES.map((c) => [name(c), c] as const))('%s with perflab-cluster:operators preinstalled (under mocks)', (_n, c) => {
  const config = { ...readStackConfig(stackFilePath(c.stack)), ...(c.overrides ?? {}), ...PRE };
  let run: ProgramRun;

  beforeAll(async () => {
    run = await runProgram(config, c.stack, { inventory: staticInventory(c.crds, c.services ?? []) });
  });

  it('installs no Helm release and still creates the workload and custom resources', () => {
    expect(types(run.resources).filter((t) => t === RELEASE)).toEqual([]);
    for (const t of c.registers) expect(types(run.resources)).toContain(t);
    for (const t of c.not ?? []) expect(types(run.resources)).not.toContain(t);
    expect(run.outputs.p95Ms).toBeGreaterThan(0);
    expect(run.outputs.preflight).toBe(`found on the cluster: ${[...c.crds, ...(c.services ?? []).map((x) => `service ${x}`)].join(', ')}`);
  });

  it('fails before registering anything when the cluster lacks them, naming each and its provider', async () => {
    const err = (await runProgram(config, c.stack, { inventory: staticInventory([]) }).catch((e: unknown) => e)) as Error & { registered: Registered[] };
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/^Operators not installed: the cluster lacks/);
    for (const crd of c.crds) expect(err.message).toMatch(new RegExp(`CustomResourceDefinition ${crd.replace(/\./g, '\\.')} \\(provided by \\S`));
    for (const svc of c.services ?? []) expect(err.message).toContain(`Service ${svc} (provided by`);
    expect(err.message.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(c.crds.length + (c.services?.length ?? 0));
    expect(err.registered).toEqual([]);
  });
});

describe('perflab:installOperator: false (the database experiment\'s older flag)', () => {
  it('installs no operator and checks its CRDs, even with perflab-cluster:operators helm', async () => {
    const config = { ...readStackConfig(stackFilePath('db-cnpg')), 'perflab:installOperator': 'false' };
    const ok = await runProgram(config, 'db-cnpg', { inventory: staticInventory(['clusters.postgresql.cnpg.io']) });
    expect(types(ok.resources)).not.toContain(RELEASE);
    expect(types(ok.resources)).toContain('kubernetes:postgresql.cnpg.io/v1:Cluster');
    await expect(runProgram(config, 'db-cnpg', { inventory: staticInventory([]) })).rejects.toThrow(/CustomResourceDefinition clusters\.postgresql\.cnpg\.io \(provided by the CloudNativePG operator/);
  });

  it('with helm (the default) the stack asks the cluster nothing and installs the operator', async () => {
    const asked: string[] = [];
    const inventory = { crdExists: async (n: string) => (asked.push(n), false), serviceExists: async () => false, describe: () => 'the cluster' };
    const run = await runProgram(readStackConfig(stackFilePath('db-cnpg')), 'db-cnpg', { inventory });
    expect(asked).toEqual([]);
    expect(run.resources.filter((r) => r.type === RELEASE).map((r) => r.inputs.chart)).toEqual(['cloudnative-pg']);
  });
});
