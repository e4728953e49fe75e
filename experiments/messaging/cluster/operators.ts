/**
 * The operators and charts each broker variant needs, as Pulumi resources with the pins from
 * versions.ts: Strimzi (Helm) for Kafka, the RabbitMQ Cluster Operator (its release manifest)
 * for RabbitMQ, and the nats chart (JetStream) plus NACK (Stream CRDs) for NATS. Installed
 * by the stack into the experiment's namespace (the RabbitMQ operator into its own
 * `rabbitmq-system`, as its manifest defines).
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { MessagingSettings } from '../config';
import { MessagingVariant } from '../experiment';
import { NACK_CHART, NATS_CHART, RABBITMQ_OPERATOR, STRIMZI } from '../versions';
import { NATS_RELEASE_NAME } from './brokers';

/** Seconds Helm may take to install a chart (image pulls on a fresh node). */
const HELM_TIMEOUT_SECONDS = 900;

/** Values of the nats chart for the settings: JetStream on, a cluster of `brokers` servers, the file store's sync interval. */
export function natsChartValues(s: MessagingSettings): Record<string, unknown> {
  return {
    config: {
      cluster: { enabled: s.brokers > 1, replicas: s.brokers },
      jetstream: {
        enabled: true,
        fileStore: { enabled: s.persistence, pvc: { enabled: s.persistence, size: s.storageSize, ...(s.storageClass ? { storageClassName: s.storageClass } : {}) } },
        memoryStore: { enabled: true, maxSize: '1Gi' },
        ...(s.natsSyncInterval === 'default' ? {} : { merge: { sync_interval: s.natsSyncInterval } }),
      },
    },
    container: {
      image: { tag: NATS_CHART.serverImageTag },
      merge: { resources: { requests: { cpu: s.brokerCpu, memory: s.brokerMemory }, limits: { cpu: s.brokerCpu, memory: s.brokerMemory } } },
    },
    natsBox: { enabled: false },
  };
}

/** Installs what `variant`'s broker resources need; resolves to the resources to depend on. */
export function installOperators(
  name: string,
  variant: MessagingVariant,
  namespace: pulumi.Input<string>,
  settings: MessagingSettings,
  opts: pulumi.ComponentResourceOptions,
): pulumi.Resource[] {
  const helm = (id: string, chart: string, repo: string, version: string, values: Record<string, unknown>, releaseName?: string): k8s.helm.v3.Release =>
    new k8s.helm.v3.Release(
      `${name}-${id}`,
      { name: releaseName, chart, version, repositoryOpts: { repo }, namespace, values, timeout: HELM_TIMEOUT_SECONDS, atomic: true },
      opts,
    );
  switch (variant) {
    case 'kafka':
      return [helm('strimzi', STRIMZI.chart, STRIMZI.repo, STRIMZI.version, { watchAnyNamespace: false, fullReconciliationIntervalMs: 30000 })];
    case 'rabbitmq':
      return [new k8s.yaml.v2.ConfigFile(`${name}-rabbitmq-operator`, { file: RABBITMQ_OPERATOR.manifestUrl }, opts)];
    case 'nats': {
      const nats = helm('nats', NATS_CHART.chart, NATS_CHART.repo, NATS_CHART.version, natsChartValues(settings), NATS_RELEASE_NAME);
      const nack = helm(
        'nack',
        NACK_CHART.chart,
        NACK_CHART.repo,
        NACK_CHART.version,
        { namespaced: true, jetstream: { nats: { url: pulumi.interpolate`nats://${NATS_RELEASE_NAME}.${namespace}.svc:4222` } } },
        'nack',
      );
      return [nats, nack];
    }
  }
}
