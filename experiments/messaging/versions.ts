/**
 * Every version the messaging experiment pins, in one place: the operators and charts the
 * stack installs, the broker images, the CRD API versions the manifests are written (and
 * validated) against, and the harness image. Change a pin here only.
 */

/** Strimzi (Kafka operator): Helm chart and the Kafka it runs. 0.49 introduced the `v1` CRD API. */
export const STRIMZI = {
  chart: 'strimzi-kafka-operator',
  repo: 'https://strimzi.io/charts/',
  version: '0.49.1',
  /** Kafka version of the Kafka resource (Strimzi 0.49.1 supports 4.0.x and 4.1.x; KRaft only). */
  kafkaVersion: '4.1.1',
  apiVersion: 'kafka.strimzi.io/v1',
} as const;

/** RabbitMQ Cluster Operator: its release manifest (it ships no Helm chart) and the broker image. */
export const RABBITMQ_OPERATOR = {
  version: 'v2.14.0',
  manifestUrl: 'https://github.com/rabbitmq/cluster-operator/releases/download/v2.14.0/cluster-operator.yml',
  /** RabbitMQ image of the RabbitmqCluster, pinned instead of the operator's default. */
  image: 'rabbitmq:4.1.1-management',
  apiVersion: 'rabbitmq.com/v1beta1',
} as const;

/** NATS server Helm chart (JetStream enabled) and the server image. */
export const NATS_CHART = {
  chart: 'nats',
  repo: 'https://nats-io.github.io/k8s/helm/charts/',
  version: '1.3.7',
  /** nats-server image tag. */
  serverImageTag: '2.11.8-alpine',
} as const;

/** The nats-server image (the chart's, and perflab's own NATS manifests when no chart is installed). */
export const NATS_SERVER_IMAGE = `nats:${NATS_CHART.serverImageTag}`;

/** NACK, the JetStream controller (Stream / Consumer CRDs), from the same chart repository. */
export const NACK_CHART = {
  chart: 'nack',
  repo: 'https://nats-io.github.io/k8s/helm/charts/',
  version: '0.36.0',
  apiVersion: 'jetstream.nats.io/v1beta2',
} as const;

/** Version of mqbench (harness/report.go's HarnessVersion) and its image. */
export const HARNESS_VERSION = '0.3.0';
/** The harness image built from harness/Dockerfile. */
export const HARNESS_IMAGE = `perflab/mqbench:${HARNESS_VERSION}`;
