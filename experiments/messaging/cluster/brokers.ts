/**
 * Where each broker lives on a cluster once its operator or chart has made it: object names,
 * the address the harness connects to, the labels of the broker pods (for metrics, placement
 * and faults), the pod a fault deletes, and the credentials Secret (RabbitMQ).
 */
import { MessagingVariant } from '../experiment';

/** Name of the Kafka / RabbitmqCluster resource. */
export const MQ_CLUSTER_NAME = 'mq';
/** Name of the Strimzi KafkaNodePool (its pods are `mq-broker-<node id>`). */
export const KAFKA_POOL_NAME = 'broker';
/** Helm release name of the NATS server (its pods are `nats-<ordinal>`, server names = pod names). */
export const NATS_RELEASE_NAME = 'nats';

/** How the harness reaches a broker on the cluster. */
export interface ClusterBroker {
  /** Address for the harness, resolvable from the experiment's namespace. */
  readonly url: string;
  /** Labels that select the broker pods. */
  readonly podSelector: Readonly<Record<string, string>>;
  /** Pod deleted when the leader cannot be resolved. */
  readonly fallbackPod: string;
  /** Kafka: broker id → pod name prefix. */
  readonly podPrefix: string;
  /** Secret with `username` and `password` keys (the operator's default user), when the broker needs one. */
  readonly credentialsSecret?: string;
}

/** The broker of `variant` in `namespace`. */
export function clusterBroker(variant: MessagingVariant, namespace: string): ClusterBroker {
  switch (variant) {
    case 'kafka':
      return {
        url: `${MQ_CLUSTER_NAME}-kafka-bootstrap.${namespace}.svc:9092`,
        podSelector: { 'strimzi.io/cluster': MQ_CLUSTER_NAME, 'strimzi.io/pool-name': KAFKA_POOL_NAME },
        fallbackPod: `${MQ_CLUSTER_NAME}-${KAFKA_POOL_NAME}-0`,
        podPrefix: `${MQ_CLUSTER_NAME}-${KAFKA_POOL_NAME}-`,
      };
    case 'rabbitmq':
      return {
        url: `amqp://${MQ_CLUSTER_NAME}.${namespace}.svc:5672/`,
        podSelector: { 'app.kubernetes.io/name': MQ_CLUSTER_NAME, 'app.kubernetes.io/component': 'rabbitmq' },
        fallbackPod: `${MQ_CLUSTER_NAME}-server-0`,
        podPrefix: `${MQ_CLUSTER_NAME}-server-`,
        credentialsSecret: `${MQ_CLUSTER_NAME}-default-user`,
      };
    case 'nats':
      return {
        url: `nats://${NATS_RELEASE_NAME}.${namespace}.svc:4222`,
        podSelector: { 'app.kubernetes.io/name': 'nats', 'app.kubernetes.io/instance': NATS_RELEASE_NAME, 'app.kubernetes.io/component': 'nats' },
        fallbackPod: `${NATS_RELEASE_NAME}-0`,
        podPrefix: `${NATS_RELEASE_NAME}-`,
      };
  }
}
