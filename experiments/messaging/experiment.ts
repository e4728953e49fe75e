/**
 * The messaging experiment: Kafka (Strimzi), RabbitMQ (cluster operator) and NATS JetStream
 * under the same workloads — throughput, p99 at a fixed rate, fan-out, persistence impact and
 * recovery after a broker failure — measured by one harness (mqbench, harness/).
 */
import { ExperimentDefinition } from '../../src/experiment';
import { messagingConfigShape } from './config';

/** Broker variants (`perflab:variant`). */
export const MESSAGING_VARIANTS = ['kafka', 'rabbitmq', 'nats'] as const;
/** One broker variant. */
export type MessagingVariant = (typeof MESSAGING_VARIANTS)[number];

/** The messaging experiment's declaration. */
export const messagingExperiment: ExperimentDefinition<typeof messagingConfigShape> = {
  name: 'messaging',
  description: 'Kafka, RabbitMQ and NATS JetStream under the same workloads: throughput, p99, fan-out, persistence, recovery',
  variants: MESSAGING_VARIANTS,
  configShape: messagingConfigShape,
  // Messaging sends no HTTP; the one entry names the operation so a resolved profile is complete.
  defaultRequestMix: [{ name: 'publish', method: 'POST', path: '/publish', weight: 1, expectStatus: 200 }],
  throughputUnit: 'messages',
};
