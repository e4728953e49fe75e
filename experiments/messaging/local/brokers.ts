/**
 * Which broker variants run on the local target and how: NATS and RabbitMQ from Debian
 * packages; Kafka has no package in Debian's archive (and no Docker engine is assumed), so it
 * runs on clusters only.
 */
import { MessagingVariant } from '../experiment';
import { LocalBrokerSpec } from './local-broker';
import { natsLocalSpec } from './nats-broker';
import { rabbitmqLocalSpec } from './rabbitmq-broker';

/** Why Kafka is not run locally. */
export const KAFKA_LOCAL_REASON =
  'Kafka runs on a cluster only: Debian ships no Kafka server package and the local target starts no containers — deploy it with `pulumi up --stack mq-kafka` (Strimzi, KRaft)';

const kafkaLocalSpec: LocalBrokerSpec = {
  variant: 'kafka',
  description: 'Apache Kafka (KRaft) through Strimzi — cluster only',
  installedVersion: () => undefined,
  create: () => Promise.reject(new Error(KAFKA_LOCAL_REASON)),
  unavailable: KAFKA_LOCAL_REASON,
};

/** Local broker specs by variant. */
export const localBrokerSpecs: Readonly<Record<MessagingVariant, LocalBrokerSpec>> = {
  kafka: kafkaLocalSpec,
  rabbitmq: rabbitmqLocalSpec,
  nats: natsLocalSpec,
};
