/** The messaging experiment's cluster side: its component for `pulumi up`, its chart for synth. */
import { ClusterProgram } from '../../src/cluster/cluster-program';
import { buildMessagingChart } from './cluster/messaging-chart';
import { MessagingExperiment } from './component';
import { MessagingVariant } from './experiment';
import { messagingPrerequisites } from './required-crds';
import { NACK_CHART, NATS_CHART, STRIMZI } from './versions';
import { NATS_RELEASE_NAME } from './cluster/brokers';
import type { ChartRef } from '../../src/cluster/chart-index';

/** The Helm charts each broker variant installs (the RabbitMQ operator comes as a release manifest, not a chart). */
const BROKER_CHARTS: Readonly<Record<MessagingVariant, readonly ChartRef[]>> = {
  kafka: [{ repo: STRIMZI.repo, chart: STRIMZI.chart, version: STRIMZI.version }],
  rabbitmq: [],
  nats: [
    { repo: NATS_CHART.repo, chart: NATS_CHART.chart, version: NATS_CHART.version, release: NATS_RELEASE_NAME },
    { repo: NACK_CHART.repo, chart: NACK_CHART.chart, version: NACK_CHART.version, release: 'nack' },
  ],
};

/** Deploys MessagingExperiment; synthesizes the broker resources and the harness Job. */
export const messagingClusterProgram: ClusterProgram = {
  experiment: 'messaging',
  deploy: (s, extra) => {
    const e = new MessagingExperiment(
      `${s.spec.experiment.name}-${s.spec.variant}`,
      { spec: s.spec, runId: s.runId, label: s.stack, cost: extra.cost, operators: s.options.operators },
      { dependsOn: extra.dependsOn },
    );
    return {
      runResult: e.runResult,
      p50Ms: e.p50Ms,
      p95Ms: e.p95Ms,
      p99Ms: e.p99Ms,
      throughput: e.messagesPerSecond,
      errorRate: e.errorRate,
      cpuCoreSeconds: e.brokerCpuCoreSeconds,
      memoryPeakBytes: e.brokerMemoryPeakBytes,
      thresholdsPassed: e.thresholdsPassed,
    };
  },
  prerequisites: (s) => messagingPrerequisites(s.spec.variant as MessagingVariant, s.options.operators),
  charts: (s) => (s.options.operators === 'helm' ? BROKER_CHARTS[s.spec.variant as MessagingVariant] : []),
  synthesize: (s) => buildMessagingChart(s.spec, s.runId, s.options.operators).toJson() as Record<string, unknown>[],
};
