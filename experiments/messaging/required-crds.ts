/**
 * The CRDs each broker variant's custom resources need, and who provides them: the one list the
 * preinstalled-operators check reads for the messaging experiment and the full-stack broker
 * layer. With the operators preinstalled the NATS servers themselves are perflab's own
 * manifests (constructs/nats-servers.ts); only NACK (the Stream CRD) must already run.
 */
import { OperatorSource } from '../../src/cluster/cluster-config';
import { NO_PREREQUISITES, Prerequisites, RequiredCrd } from '../../src/cluster/prerequisites';
import { MessagingVariant } from './experiment';
import { NACK_CHART, RABBITMQ_OPERATOR, STRIMZI } from './versions';

/** CRDs by broker. */
export const MESSAGING_CRDS: Readonly<Record<MessagingVariant, readonly RequiredCrd[]>> = {
  kafka: ['kafkas', 'kafkanodepools', 'kafkatopics'].map((plural) => ({
    name: `${plural}.kafka.strimzi.io`,
    providedBy: `Strimzi (chart ${STRIMZI.chart} ${STRIMZI.version} from ${STRIMZI.repo}, watching the run's namespace)`,
  })),
  rabbitmq: [{ name: 'rabbitmqclusters.rabbitmq.com', providedBy: `the RabbitMQ Cluster Operator ${RABBITMQ_OPERATOR.version} (${RABBITMQ_OPERATOR.manifestUrl})` }],
  nats: [{ name: 'streams.jetstream.nats.io', providedBy: `NACK, the JetStream controller (chart ${NACK_CHART.chart} ${NACK_CHART.version} from ${NACK_CHART.repo}, cluster-wide)` }],
};

/** What a broker needs on the cluster when its operator is preinstalled (nothing when the stack installs it). */
export function messagingPrerequisites(variant: MessagingVariant, operators: OperatorSource): Prerequisites {
  return operators === 'preinstalled' ? { crds: MESSAGING_CRDS[variant] } : NO_PREREQUISITES;
}
