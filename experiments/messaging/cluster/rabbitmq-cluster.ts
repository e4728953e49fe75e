/**
 * RabbitmqBroker: a RabbitmqCluster for the RabbitMQ Cluster Operator — `brokers` replicas of a
 * pinned RabbitMQ image with Guaranteed resources and a volume per pod — and a
 * PodDisruptionBudget over its pods (the operator makes none), so a node drain cannot evict two
 * brokers mid-run. Queues (quorum, stream or classic, by config) are declared by the harness:
 * the operator manages the cluster, and the topology operator is not installed.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { RunIdentity, perflabLabels } from '../../../constructs/labels';
import { MessagingSettings } from '../config';
import { RABBITMQ_OPERATOR } from '../versions';
import { MQ_CLUSTER_NAME } from './brokers';
import { BROKER_COMPONENT } from './kafka-cluster';

/** Props of RabbitmqBroker. */
export interface RabbitmqBrokerProps {
  readonly identity: RunIdentity;
  readonly settings: MessagingSettings;
}

/** The RabbitMQ cluster. */
export class RabbitmqBroker extends Construct {
  readonly cluster: ApiObject;
  readonly disruptionBudget: k8s.KubePodDisruptionBudget;

  constructor(scope: Construct, id: string, props: RabbitmqBrokerProps) {
    super(scope, id);
    const s = props.settings;
    const labels = perflabLabels({ ...props.identity, name: 'rabbitmq', component: BROKER_COMPONENT });
    this.cluster = new ApiObject(this, 'cluster', {
      apiVersion: RABBITMQ_OPERATOR.apiVersion,
      kind: 'RabbitmqCluster',
      metadata: { name: MQ_CLUSTER_NAME, labels },
      spec: {
        replicas: s.brokers,
        image: RABBITMQ_OPERATOR.image,
        resources: { requests: { cpu: s.brokerCpu, memory: s.brokerMemory }, limits: { cpu: s.brokerCpu, memory: s.brokerMemory } },
        persistence: { storage: s.storageSize, ...(s.storageClass ? { storageClassName: s.storageClass } : {}) },
        rabbitmq: { additionalConfig: 'cluster_partition_handling = pause_minority\n' },
      },
    });
    this.disruptionBudget = new k8s.KubePodDisruptionBudget(this, 'pdb', {
      metadata: { name: `${MQ_CLUSTER_NAME}-rabbitmq`, labels },
      spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: { 'app.kubernetes.io/name': MQ_CLUSTER_NAME } } },
    });
  }
}
