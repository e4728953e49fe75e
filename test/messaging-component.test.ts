/**
 * MessagingExperiment under `pulumi.runtime.setMocks`, once per mq stack file: the resources
 * each broker variant registers (operator / charts, broker custom resources, harness Job,
 * results resource), and the synthesized manifests validated offline against the Kubernetes
 * schemas and the Strimzi, RabbitMQ and NACK CRD schemas in schemas/crds.
 */
import { REQUIRED_LABEL_KEYS } from '../constructs/labels';
import { readStackConfig, stackFilePath } from '../src/cluster/stack-file';
import { formatProblem, validateManifests } from '../src/cluster/validate-manifests';
import { fromNamespacedConfig, parseExperimentConfig } from '../src/config/spec';
import { buildMessagingChart } from '../experiments/messaging/cluster/messaging-chart';
import { MESSAGING_RUN_RESULTS_TYPE } from '../experiments/messaging/cluster/results-resource';
import { MessagingWorkload } from '../experiments/messaging/workload';

type Pulumi = typeof import('@pulumi/pulumi');

interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
}

const STACKS = ['mq-kafka', 'mq-rabbitmq', 'mq-nats'] as const;
const stackFile = (stack: string): string => stackFilePath(stack);
const runId = (variant: string): string => `messaging-${variant}-0123abcd`;
const FAKE = { messagesPerSecond: 4999.5, p50Ms: 1.2, p95Ms: 3.4, p99Ms: 6.5, errorRate: 0, lostMessages: 0, thresholdsPassed: true };

function waitForRPCs(pulumi: Pulumi): Promise<void> {
  return (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

/** Builds MessagingExperiment for a stack config under mocks; returns what was registered. */
async function runComponent(config: Record<string, string>, stack: string): Promise<{ resources: Registered[]; providerLoaded: boolean; outputs: Record<string, unknown> }> {
  let pulumi!: Pulumi;
  const resources: Registered[] = [];
  let providerLoaded = false;
  let component: Record<string, any> | undefined;
  let error: unknown;
  jest.isolateModules(() => {
    jest.doMock(require.resolve('../experiments/messaging/cluster/provider-entry'), () => {
      providerLoaded = true;
      return { createRunResults: () => Promise.reject(new Error('the dynamic provider ran under mocks')) };
    });
    pulumi = require('@pulumi/pulumi') as Pulumi;
    void pulumi.runtime.setMocks(
      {
        newResource(args) {
          resources.push({ type: args.type, name: args.name, inputs: args.inputs });
          if (args.type === MESSAGING_RUN_RESULTS_TYPE) return { id: 'fake', state: { ...args.inputs, ...FAKE, runResult: { kind: 'perflab.dev/RunResult' } } };
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call(args) {
          throw new Error(`unexpected call: ${args.token}`);
        },
      },
      'perflab',
      stack,
      false,
    );
    try {
      const { MessagingExperiment } = require('../experiments/messaging/component') as typeof import('../experiments/messaging/component');
      const spec = parseExperimentConfig(fromNamespacedConfig(config));
      component = new MessagingExperiment(`messaging-${spec.variant}`, { spec, runId: runId(spec.variant), label: stack }) as unknown as Record<string, any>;
    } catch (err) {
      error = err;
    }
  });
  await waitForRPCs(pulumi);
  if (error) throw error;
  const outputs: Record<string, unknown> = {};
  for (const k of ['messagesPerSecond', 'p99Ms', 'lostMessages', 'thresholdsPassed']) {
    outputs[k] = await new Promise((resolve) => (component as Record<string, any>)[k].apply((v: unknown) => resolve(v)));
  }
  return { resources, providerLoaded, outputs };
}

const EXPECTED_KINDS: Record<string, string[]> = {
  'mq-kafka': ['kubernetes:helm.sh/v3:Release', 'kubernetes:kafka.strimzi.io/v1:Kafka', 'kubernetes:kafka.strimzi.io/v1:KafkaNodePool', 'kubernetes:kafka.strimzi.io/v1:KafkaTopic'],
  'mq-rabbitmq': ['kubernetes:yaml/v2:ConfigFile', 'kubernetes:rabbitmq.com/v1beta1:RabbitmqCluster'],
  'mq-nats': ['kubernetes:helm.sh/v3:Release', 'kubernetes:jetstream.nats.io/v1beta2:Stream'],
};

describe.each(STACKS)('stack %s', (stack) => {
  const config = readStackConfig(stackFile(stack));
  const spec = parseExperimentConfig(fromNamespacedConfig(config));
  let run: Awaited<ReturnType<typeof runComponent>>;
  const of = (type: string): Registered[] => run.resources.filter((r) => r.type === type);

  beforeAll(async () => {
    run = await runComponent(config, stack);
  });

  it('registers the operator or charts, the broker resources, the harness Job and the results resource', () => {
    const types = new Set(run.resources.map((r) => r.type));
    for (const t of [...EXPECTED_KINDS[stack], 'perflab:messaging:MessagingExperiment', 'kubernetes:core/v1:Namespace', 'kubernetes:yaml:ConfigGroup', 'kubernetes:batch/v1:Job', 'kubernetes:core/v1:ServiceAccount', MESSAGING_RUN_RESULTS_TYPE]) {
      expect({ stack, type: t, registered: types.has(t) }).toEqual({ stack, type: t, registered: true });
    }
    expect(of('kubernetes:yaml:ConfigGroup')).toHaveLength(2);
    expect(of('kubernetes:batch/v1:Job')).toHaveLength(1);
    if (stack === 'mq-nats') expect(of('kubernetes:helm.sh/v3:Release').map((r) => r.inputs.chart).sort()).toEqual(['nack', 'nats']);
    if (stack === 'mq-kafka') expect(of('kubernetes:helm.sh/v3:Release')[0].inputs).toMatchObject({ chart: 'strimzi-kafka-operator', version: '0.49.1', repositoryOpts: { repo: 'https://strimzi.io/charts/' } });
    if (stack === 'mq-rabbitmq') expect(of('kubernetes:yaml/v2:ConfigFile')[0].inputs.file).toMatch(/cluster-operator\/releases\/download\/v\d+\.\d+\.\d+\/cluster-operator\.yml$/);
  });

  it('pins every chart and image', () => {
    for (const r of of('kubernetes:helm.sh/v3:Release')) expect(r.inputs.version).toMatch(/^\d+\.\d+\.\d+$/);
    const images = run.resources.flatMap((r) => JSON.stringify(r.inputs).match(/"image":"[^"]+"/g) ?? []);
    expect(images.length).toBeGreaterThan(0);
    for (const i of images) expect(i).toMatch(/:[0-9][\w.-]*"$/);
  });

  it('runs the harness with the one workload definition, pointed at the broker', () => {
    const job = of('kubernetes:batch/v1:Job')[0];
    const container = job.inputs.spec.template.spec.containers[0];
    expect(container.args[0]).toBe('--workload');
    const w = JSON.parse(container.args[1]) as MessagingWorkload;
    expect(w).toMatchObject({ broker: spec.variant, messageSize: 1024, producers: 2, consumers: 2, partitions: 6, subscriptions: 1, persistence: true, replicationFactor: 3 });
    expect(w.createTopology).toBe(spec.variant === 'rabbitmq');
    expect(w.schedule.reduce((a, s) => a + s.durationSeconds, 0)).toBeCloseTo(180, 3);
    expect(Math.max(...w.schedule.map((s) => s.rate))).toBe(5000);
    expect(w.fault).toBeUndefined();
    expect(job.inputs.spec.backoffLimit).toBe(0);
    expect(job.inputs.metadata.annotations['pulumi.com/skipAwait']).toBe('true');
    expect(job.inputs.spec.template.spec.automountServiceAccountToken).toBe(false);
    if (spec.variant === 'rabbitmq') expect(container.env.map((e: { name: string }) => e.name)).toEqual(['MQBENCH_USERNAME', 'MQBENCH_PASSWORD']);
  });

  it('labels the objects it creates with the run', () => {
    const own = run.resources.filter((r) => r.type.startsWith('kubernetes:') && r.inputs.metadata?.labels?.['app.kubernetes.io/part-of'] === 'perflab');
    expect(own.length).toBeGreaterThanOrEqual(4);
    for (const r of own) for (const key of REQUIRED_LABEL_KEYS) expect({ r: `${r.type}/${r.name}`, key, has: key in r.inputs.metadata.labels }).toMatchObject({ has: true });
  });

  it('creates the results resource with the harness Job as runner and the broker pods as system under test', () => {
    const r = of(MESSAGING_RUN_RESULTS_TYPE)[0];
    const job = of('kubernetes:batch/v1:Job')[0];
    expect(r.inputs).toMatchObject({ namespace: spec.namespace, experiment: 'messaging', variant: spec.variant, target: 'k3s', label: stack, sut: { component: 'broker' } });
    expect(r.inputs.runner).toMatchObject({ kind: 'Job', name: job.inputs.metadata.name, parallelism: 1 });
    expect(r.inputs.timeoutSeconds).toBeGreaterThan(job.inputs.spec.activeDeadlineSeconds);
    expect(r.inputs.scenarioRun).toMatchObject({ scenario: 'fixed-rate', subscriptions: 1 });
    expect(run.providerLoaded).toBe(false);
    expect(run.outputs).toMatchObject({ messagesPerSecond: FAKE.messagesPerSecond, p99Ms: FAKE.p99Ms, lostMessages: 0, thresholdsPassed: true });
  });

  it('synthesizes manifests that validate against the Kubernetes and CRD schemas', () => {
    for (const scenario of ['fixed-rate', 'max-throughput', 'fan-out', 'recovery']) {
      const s = parseExperimentConfig(fromNamespacedConfig({ ...config, 'perflab:scenario': scenario }));
      const objs = buildMessagingChart(s, runId(s.variant)).toJson();
      const report = validateManifests(objs);
      expect({ scenario, problems: report.problems.map(formatProblem) }).toEqual({ scenario, problems: [] });
      expect(report.checked).toBe(objs.length);
    }
  });
});

describe('cluster scenarios', () => {
  const config = readStackConfig(stackFile('mq-kafka'));
  const chartFor = (extra: Record<string, string>) => buildMessagingChart(parseExperimentConfig(fromNamespacedConfig({ ...config, ...extra })), runId('kafka'));

  it('recovery: the harness may delete broker pods (only that) and kills the partition leader', () => {
    const objs = chartFor({ 'perflab:scenario': 'recovery' }).toJson() as Array<Record<string, any>>;
    const role = objs.find((o) => o.kind === 'Role')!;
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete'] }]);
    expect(objs.some((o) => o.kind === 'RoleBinding')).toBe(true);
    const job = objs.find((o) => o.kind === 'Job')!;
    expect(job.spec.template.spec.automountServiceAccountToken).toBe(true);
    const w = JSON.parse(job.spec.template.spec.containers[0].args[1]) as MessagingWorkload;
    expect(w.fault).toMatchObject({ target: 'leader', fallbackPod: 'mq-broker-0', podPrefix: 'mq-broker-', namespace: 'perflab-messaging-kafka' });
    expect(w.fault!.atSeconds).toBeCloseTo(54, 3);
  });

  it('fan-out: one subscription per consumer group', () => {
    const chart = chartFor({ 'perflab:scenario': 'fan-out' });
    expect(chart.workload.subscriptions).toBe(4);
  });

  it('persistence off: ephemeral Kafka storage and leader acks', () => {
    const chart = chartFor({ 'perflab:persistence': 'false' });
    const pool = (chart.toJson() as Array<Record<string, any>>).find((o) => o.kind === 'KafkaNodePool')!;
    expect(pool.spec.storage).toEqual({ type: 'ephemeral' });
    expect(chart.workload.persistence).toBe(false);
  });

  it('persistence scenario: explains that a cluster compares two stacks', () => {
    expect(() => chartFor({ 'perflab:scenario': 'persistence' })).toThrow(/deploy two stacks with perflab:persistence true and false/);
  });
});
