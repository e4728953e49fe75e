/**
 * KafkaCluster: a Strimzi Kafka cluster in KRaft mode — one KafkaNodePool whose nodes are both
 * controllers and brokers (`brokers` replicas, persistent-claim storage with persistence on,
 * ephemeral without), the Kafka resource (plain internal listener, topic operator) and the
 * run's KafkaTopic (partitions, replication factor, min.insync.replicas).
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { RunIdentity, perflabLabels } from '../../../constructs/labels';
import { MessagingSettings } from '../config';
import { STRIMZI } from '../versions';
import { KAFKA_POOL_NAME, MQ_CLUSTER_NAME } from './brokers';

/** Props of KafkaCluster. */
export interface KafkaClusterProps {
  readonly identity: RunIdentity;
  readonly settings: MessagingSettings;
  /** Topic of the run (a DNS-1123 name). */
  readonly topic: string;
}

/** `app.kubernetes.io/component` of the broker objects. */
export const BROKER_COMPONENT = 'broker';

/** The Kafka cluster and the run's topic. */
export class KafkaCluster extends Construct {
  readonly kafka: ApiObject;
  readonly nodePool: ApiObject;
  readonly topic: ApiObject;

  constructor(scope: Construct, id: string, props: KafkaClusterProps) {
    super(scope, id);
    const s = props.settings;
    const labels = perflabLabels({ ...props.identity, name: 'kafka', component: BROKER_COMPONENT });
    const cluster = { 'strimzi.io/cluster': MQ_CLUSTER_NAME };
    const resources = { requests: { cpu: s.brokerCpu, memory: s.brokerMemory }, limits: { cpu: s.brokerCpu, memory: s.brokerMemory } };
    const storage = s.persistence
      ? { type: 'persistent-claim', size: s.storageSize, deleteClaim: true, ...(s.storageClass ? { class: s.storageClass } : {}) }
      : { type: 'ephemeral' };
    const rf = Math.min(s.replicationFactor, s.brokers);
    const minIsr = rf >= 3 ? 2 : 1;
    this.nodePool = new ApiObject(this, 'node-pool', {
      apiVersion: STRIMZI.apiVersion,
      kind: 'KafkaNodePool',
      metadata: { name: KAFKA_POOL_NAME, labels: { ...labels, ...cluster } },
      spec: { replicas: s.brokers, roles: ['controller', 'broker'], storage, resources },
    });
    this.kafka = new ApiObject(this, 'kafka', {
      apiVersion: STRIMZI.apiVersion,
      kind: 'Kafka',
      metadata: { name: MQ_CLUSTER_NAME, labels },
      spec: {
        kafka: {
          version: STRIMZI.kafkaVersion,
          listeners: [{ name: 'plain', port: 9092, type: 'internal', tls: false }],
          config: {
            'default.replication.factor': rf,
            'min.insync.replicas': minIsr,
            'offsets.topic.replication.factor': Math.min(3, s.brokers),
            'transaction.state.log.replication.factor': Math.min(3, s.brokers),
            'transaction.state.log.min.isr': Math.min(2, s.brokers),
          },
        },
        entityOperator: { topicOperator: {} },
      },
    });
    this.topic = new ApiObject(this, 'topic', {
      apiVersion: STRIMZI.apiVersion,
      kind: 'KafkaTopic',
      metadata: { name: props.topic, labels: { ...labels, ...cluster } },
      spec: { topicName: props.topic, partitions: s.partitions, replicas: rf, config: { 'min.insync.replicas': minIsr } },
    });
  }
}
