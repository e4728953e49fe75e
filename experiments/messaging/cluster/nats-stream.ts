/**
 * NatsStream: the run's JetStream stream as a NACK `Stream` resource — one subject per
 * partition under `<topic>.>`, file storage with persistence on (memory without), `replicas`
 * copies. The NATS servers themselves come from the nats Helm chart (component.ts), or with the
 * operators preinstalled from constructs/nats-servers.ts (then `servers` tells NACK where).
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { RunIdentity, perflabLabels } from '../../../constructs/labels';
import { MessagingSettings } from '../config';
import { NACK_CHART } from '../versions';
import { BROKER_COMPONENT } from './kafka-cluster';

/** Props of NatsStream. */
export interface NatsStreamProps {
  readonly identity: RunIdentity;
  readonly settings: MessagingSettings;
  /** Stream name (also the subject prefix). */
  readonly topic: string;
  /** NATS URLs for a NACK that serves more than this namespace. @default NACK's own */
  readonly servers?: readonly string[];
}

/** The run's stream. */
export class NatsStream extends Construct {
  readonly stream: ApiObject;

  constructor(scope: Construct, id: string, props: NatsStreamProps) {
    super(scope, id);
    const s = props.settings;
    this.stream = new ApiObject(this, 'stream', {
      apiVersion: NACK_CHART.apiVersion,
      kind: 'Stream',
      metadata: { name: props.topic, labels: perflabLabels({ ...props.identity, name: 'nats-stream', component: BROKER_COMPONENT }) },
      spec: {
        name: props.topic,
        subjects: [`${props.topic}.>`],
        storage: s.persistence ? 'file' : 'memory',
        replicas: Math.min(s.replicationFactor, s.brokers),
        retention: 'limits',
        discard: 'old',
        maxAge: '24h',
        ...(props.servers ? { servers: [...props.servers] } : {}),
      },
    });
  }
}
