/**
 * The messaging experiment's manifests for one ExperimentSpec: the broker's custom resources
 * (Kafka + KafkaNodePool + KafkaTopic, a RabbitmqCluster, or a NACK Stream) and the harness
 * Job with the scenario's workload, in the spec's namespace. Operators and Helm charts are not
 * manifests here; component.ts installs them. With the operators preinstalled, the NATS servers
 * (otherwise the nats chart) are manifests here too (constructs/nats-servers.ts).
 */
import * as crypto from 'crypto';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { RunIdentity } from '../../../constructs/labels';
import { ExperimentSpec } from '../../../src/config/spec';
import { MessagingSettings } from '../config';
import { MessagingVariant } from '../experiment';
import { ScenarioRun, scenarioRuns } from '../scenarios';
import { HARNESS_IMAGE, NATS_SERVER_IMAGE } from '../versions';
import { NATS_CLIENT_PORT, NatsServers, NatsServersProps } from '../../../constructs/nats-servers';
import { OperatorSource } from '../../../src/cluster/cluster-config';
import { MessagingWorkload, buildWorkload } from '../workload';
import { ClusterBroker, NATS_RELEASE_NAME, clusterBroker } from './brokers';
import { MqbenchJob } from './harness-job';
import { KafkaCluster } from './kafka-cluster';
import { NatsStream } from './nats-stream';
import { RabbitmqBroker } from './rabbitmq-cluster';

/** Seconds the harness waits for the broker and topic (operators take minutes on a fresh cluster). */
export const CLUSTER_CONNECT_SECONDS = 900;
/** Counter sampling interval on clusters. */
export const CLUSTER_SAMPLE_MILLIS = 1000;

/** Props of MessagingChart. */
export interface MessagingChartProps {
  /** A validated messaging spec (parseExperimentConfig) whose target is a cluster. */
  readonly spec: ExperimentSpec;
  /** Run id (src/cluster/run-id.ts). */
  readonly runId: string;
  /** `preinstalled`: no chart installs the NATS servers, so the chart makes them. @default helm */
  readonly operators?: OperatorSource;
}

/** The run's topic: a DNS-1123 name unique to the run (KafkaTopic and Stream names, NATS subjects). */
export function runTopic(runId: string): string {
  return `perflab-${crypto.createHash('sha256').update(runId).digest('hex').slice(0, 10)}`;
}

/** Broker resources + harness Job for one messaging variant and scenario. */
export class MessagingChart extends Chart {
  readonly variant: MessagingVariant;
  readonly broker: ClusterBroker;
  readonly run: ScenarioRun;
  readonly workload: MessagingWorkload;
  readonly harness: MqbenchJob;
  readonly settings: MessagingSettings;

  constructor(scope: Construct, id: string, props: MessagingChartProps) {
    super(scope, id, { namespace: props.spec.namespace, disableResourceNameHashes: true });
    const { spec } = props;
    if (spec.experiment.name !== 'messaging') throw new Error(`MessagingChart: spec.experiment: ${JSON.stringify(spec.experiment.name)} is not allowed; expected "messaging"`);
    const settings = spec.settings as unknown as MessagingSettings;
    const runs = scenarioRuns(settings.scenario, settings);
    if (runs.length !== 1) {
      throw new Error(
        `perflab:scenario: "${settings.scenario}" runs persistence on and off on one broker, which only the local target can do; on a cluster the broker's storage is part of the stack — deploy two stacks with perflab:persistence true and false (scenario fixed-rate; on RabbitMQ both with perflab:rabbitmqQueueType classic) and compare them`,
      );
    }
    this.settings = settings;
    this.run = runs[0];
    this.variant = spec.variant as MessagingVariant;
    this.broker = clusterBroker(this.variant, spec.namespace);
    const identity: RunIdentity = { experiment: spec.experiment.name, variant: spec.variant, run: props.runId };
    const topic = runTopic(props.runId);
    if (this.variant === 'kafka') new KafkaCluster(this, 'kafka', { identity, settings, topic });
    else if (this.variant === 'rabbitmq') new RabbitmqBroker(this, 'rabbitmq', { identity, settings });
    else {
      const servers = props.operators === 'preinstalled' ? natsServers(this, identity, settings) : undefined;
      // A cluster-wide NACK is told where this run's servers are; the stack's own NACK knows already.
      new NatsStream(this, 'nats', { identity, settings, topic, servers: servers ? [`nats://${NATS_RELEASE_NAME}.${spec.namespace}.svc:${NATS_CLIENT_PORT}`] : undefined });
    }
    this.workload = buildWorkload(settings, this.run, spec.profile, {
      broker: this.variant,
      url: this.broker.url,
      topic,
      replicationFactor: Math.min(settings.replicationFactor, settings.brokers),
      // RabbitMQ has no topology resources here: the harness declares its queues.
      createTopology: this.variant === 'rabbitmq',
      connectSeconds: CLUSTER_CONNECT_SECONDS,
      sampleMillis: CLUSTER_SAMPLE_MILLIS,
      fault: { target: 'leader', fallbackPod: this.broker.fallbackPod, namespace: spec.namespace, podPrefix: this.broker.podPrefix },
    });
    this.harness = new MqbenchJob(this, 'harness', {
      identity,
      workload: this.workload,
      image: settings.harnessImage ?? HARNESS_IMAGE,
      brokerSelector: this.broker.podSelector,
      credentialsSecret: this.broker.credentialsSecret,
      thresholds: { ...spec.profile.thresholds, ...(this.run.fault ? { lostMessages: 0 } : {}) },
    });
  }
}

/** The NATS servers the nats chart would make for `settings` (JetStream; file store with persistence). */
export function natsServers(scope: Construct, identity: RunIdentity, s: MessagingSettings, extra: Pick<NatsServersProps, 'podLabels' | 'podAnnotations'> = {}): NatsServers {
  return new NatsServers(scope, 'nats-servers', {
    identity,
    image: NATS_SERVER_IMAGE,
    name: NATS_RELEASE_NAME,
    replicas: s.brokers,
    cpu: s.brokerCpu,
    memory: s.brokerMemory,
    ...(s.persistence ? { fileStore: { size: s.storageSize, storageClass: s.storageClass } } : {}),
    ...extra,
  });
}

/** The chart for a spec in a fresh cdk8s App (nothing is written to disk). */
export function buildMessagingChart(spec: ExperimentSpec, runId: string, operators?: OperatorSource): MessagingChart {
  return new MessagingChart(new App(), 'messaging', { spec, runId, operators });
}
