/**
 * MessagingExperiment: the messaging experiment on a cluster as one Pulumi component. It
 * creates the Namespace, installs the variant's operator or charts (cluster/operators.ts) unless
 * `perflab-cluster:operators` is `preinstalled` (then NATS servers are its own manifests),
 * applies the broker's custom resources (Kafka + KafkaNodePool + KafkaTopic, RabbitmqCluster,
 * or NACK Stream) and then the harness Job as two ConfigGroups, and a MessagingRunResults
 * resource that waits for the run and exports its RunResult and headline figures.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { LABEL } from '../../constructs/labels';
import { experimentNamespace, requireClusterTarget } from '../../src/cluster/experiment-namespace';
import { CostReadRequest } from '../../src/cluster/run-cost';
import { ExperimentSpec } from '../../src/config/spec';
import { RunResult } from '../../src/results/run-result';
import { BROKER_COMPONENT } from './cluster/kafka-cluster';
import { buildMessagingChart } from './cluster/messaging-chart';
import { installOperators } from './cluster/operators';
import { NATS_RELEASE_NAME } from './cluster/brokers';
import { OperatorSource } from '../../src/cluster/cluster-config';
import { MessagingResultsRequest } from './cluster/results-request';
import { MessagingRunResults } from './cluster/results-resource';
import { HARNESS_VERSION, NATS_CHART } from './versions';

/** Pulumi type token of the component. */
export const MESSAGING_EXPERIMENT_TYPE = 'perflab:messaging:MessagingExperiment';

/** Extra seconds the results reader waits beyond the harness Job's own deadline. */
export const READER_SLACK_SECONDS = 120;

/** Arguments of MessagingExperiment. */
export interface MessagingExperimentArgs {
  /** The validated messaging spec (parseExperimentConfig); its target must be a cluster. */
  readonly spec: ExperimentSpec;
  /** Run id (src/cluster/run-id.ts): labels, Job name, topic, RunResult id. */
  readonly runId: string;
  /** Label of the RunResult, usually the stack name. @default none */
  readonly label?: string;
  /** Seconds between the reader's status polls and PodMetrics samples. @default 10 */
  readonly pollSeconds?: number;
  /** Where the reader reads the run's cost (OpenCost / Kubecost). @default none: modelled from measured resources */
  readonly cost?: CostReadRequest;
  /** `preinstalled`: install no operator or chart (the program checked their CRDs). @default helm */
  readonly operators?: OperatorSource;
}

type ManifestObject = { kind: string; metadata: { labels?: Record<string, string> } };

/** One messaging variant deployed, run and measured on a cluster. */
export class MessagingExperiment extends pulumi.ComponentResource {
  readonly namespace: k8s.core.v1.Namespace;
  /** The operator / chart installs the broker resources wait for. */
  readonly operators: pulumi.Resource[];
  readonly results: MessagingRunResults;
  readonly runResult: pulumi.Output<RunResult>;
  readonly messagesPerSecond: pulumi.Output<number>;
  readonly p50Ms: pulumi.Output<number>;
  readonly p95Ms: pulumi.Output<number>;
  readonly p99Ms: pulumi.Output<number>;
  readonly publishP99Ms: pulumi.Output<number>;
  readonly errorRate: pulumi.Output<number>;
  readonly lostMessages: pulumi.Output<number>;
  readonly recoverySeconds: pulumi.Output<number | undefined>;
  readonly brokerCpuCoreSeconds: pulumi.Output<number | undefined>;
  readonly brokerMemoryPeakBytes: pulumi.Output<number | undefined>;
  readonly thresholdsPassed: pulumi.Output<boolean>;

  constructor(name: string, args: MessagingExperimentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(MESSAGING_EXPERIMENT_TYPE, name, {}, opts);
    const { spec, runId } = args;
    requireClusterTarget('MessagingExperiment', spec);
    const chart = buildMessagingChart(spec, runId, args.operators);
    const objs = chart.toJson() as ManifestObject[];
    // The broker's resources, and with the operators preinstalled perflab's own NATS servers.
    const brokerObjs = objs.filter((o) => [BROKER_COMPONENT, NATS_RELEASE_NAME].includes(o.metadata.labels?.[LABEL.component] ?? ''));
    const loadObjs = objs.filter((o) => !brokerObjs.includes(o));

    this.namespace = experimentNamespace(name, spec, runId, this);
    this.operators = args.operators === 'preinstalled' ? [] : installOperators(name, chart.variant, this.namespace.metadata.name, chart.settings, { parent: this, dependsOn: this.namespace });
    const broker = new k8s.yaml.ConfigGroup(`${name}-broker`, { objs: brokerObjs }, { parent: this, dependsOn: [this.namespace, ...this.operators] });
    const load = new k8s.yaml.ConfigGroup(`${name}-load`, { objs: loadObjs }, { parent: this, dependsOn: [this.namespace, broker] });

    const request: MessagingResultsRequest = {
      namespace: spec.namespace,
      runId,
      label: args.label,
      experiment: spec.experiment.name,
      variant: spec.variant,
      target: spec.target,
      runner: { kind: 'Job', name: chart.harness.name, selector: chart.harness.selector, parallelism: 1 },
      sut: { selector: chart.broker.podSelector, component: 'broker' },
      profile: spec.profile,
      timeoutSeconds: chart.harness.deadlineSeconds + READER_SLACK_SECONDS,
      pollSeconds: args.pollSeconds ?? 10,
      k6Version: HARNESS_VERSION,
      scenarioRun: chart.run,
      workload: chart.workload,
      recoveryTolerance: chart.settings.recoveryTolerance,
      natsSync: { interval: chart.settings.natsSyncInterval, serverVersion: NATS_CHART.serverImageTag },
      cost: args.cost,
    };
    this.results = new MessagingRunResults(`${name}-results`, JSON.parse(JSON.stringify(request)) as MessagingResultsRequest, { parent: this, dependsOn: [load] });
    this.runResult = this.results.runResult;
    this.messagesPerSecond = this.results.messagesPerSecond;
    this.p50Ms = this.results.p50Ms;
    this.p95Ms = this.results.p95Ms;
    this.p99Ms = this.results.p99Ms;
    this.publishP99Ms = this.results.publishP99Ms;
    this.errorRate = this.results.errorRate;
    this.lostMessages = this.results.lostMessages;
    this.recoverySeconds = this.results.recoverySeconds;
    this.brokerCpuCoreSeconds = this.results.brokerCpuCoreSeconds;
    this.brokerMemoryPeakBytes = this.results.brokerMemoryPeakBytes;
    this.thresholdsPassed = this.results.thresholdsPassed;
    this.registerOutputs({
      messagesPerSecond: this.messagesPerSecond,
      p50Ms: this.p50Ms,
      p95Ms: this.p95Ms,
      p99Ms: this.p99Ms,
      publishP99Ms: this.publishP99Ms,
      errorRate: this.errorRate,
      lostMessages: this.lostMessages,
      recoverySeconds: this.recoverySeconds,
      brokerCpuCoreSeconds: this.brokerCpuCoreSeconds,
      brokerMemoryPeakBytes: this.brokerMemoryPeakBytes,
      thresholdsPassed: this.thresholdsPassed,
      runResult: this.runResult,
    });
  }
}
