/**
 * Which broker runs each variant on the local target: NATS and RabbitMQ from Debian packages,
 * Kafka from Maven Central (scripts/kafka-broker.sh; Debian ships no Kafka server package).
 */
import { MessagingVariant } from '../experiment';
import { kafkaLocalSpec } from './kafka-broker';
import { LocalBrokerSpec } from './local-broker';
import { natsLocalSpec } from './nats-broker';
import { rabbitmqLocalSpec } from './rabbitmq-broker';

/** Local broker specs by variant. */
export const localBrokerSpecs: Readonly<Record<MessagingVariant, LocalBrokerSpec>> = {
  kafka: kafkaLocalSpec,
  rabbitmq: rabbitmqLocalSpec,
  nats: natsLocalSpec,
};
