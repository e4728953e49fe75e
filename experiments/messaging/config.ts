/**
 * The messaging experiment's own `perflab:*` keys: the workload (message size, rate,
 * producers, consumers, partitions, fan-out, replication), the storage axes (persistence,
 * RabbitMQ queue type, NATS sync interval: storage-axes.ts), the scenario, and the brokers'
 * cluster resources. Persistence, queue type and replication are config, never code.
 */
import { z } from 'zod';
import { CpuQuantity, MemoryQuantity } from '../../src/config/quantities';
import { SCENARIOS } from './scenarios';
import { NATS_SYNC_PATTERN, RABBITMQ_QUEUE_TYPES } from './storage-axes';

/** Pulumi config values arrive as strings: accept `true`/`false` as well as booleans. */
const BooleanFlag = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

/** Bytes of the payload header (timestamp, producer, sequence): the smallest message. */
export const MESSAGE_HEADER_BYTES = 20;

/** The messaging experiment's own keys, with defaults. */
export const messagingConfigShape = {
  /** Which scenario a stack runs (locally: PERFLAB_MQ_SCENARIO, default all). @default max-throughput */
  scenario: z.enum(SCENARIOS).default('max-throughput'),
  /** Payload bytes per message (≥ 20, the timestamp header). @default 1024 */
  messageSize: z.coerce.number().int().min(MESSAGE_HEADER_BYTES).max(10 * 1024 * 1024).default(1024),
  /** Messages per second across all producers at the profile's peak; 0 = as fast as acks allow. @default 1000 */
  producerRate: z.coerce.number().min(0).max(10_000_000).default(1000),
  /** Producer connections. @default 1 */
  producers: z.coerce.number().int().min(1).max(64).default(1),
  /** Consumer connections per subscription. @default 1 */
  consumers: z.coerce.number().int().min(1).max(64).default(1),
  /** Kafka partitions / RabbitMQ queues per subscription / NATS subjects. @default 1 */
  partitions: z.coerce.number().int().min(1).max(1000).default(1),
  /** Subscriptions (consumer groups) receiving every message in the fan-out scenario. @default 4 */
  fanOut: z.coerce.number().int().min(2).max(64).default(4),
  /** Messages survive a broker restart: RabbitMQ durable queues + persistent messages, NATS file storage, Kafka acks=all. @default true */
  persistence: BooleanFlag.default(true),
  /** Copies of every message in the cluster (local brokers are single nodes: always 1). @default 3 */
  replicationFactor: z.coerce.number().int().min(1).max(5).default(3),
  /** Broker nodes on a cluster. @default 3 */
  brokers: z.coerce.number().int().min(1).max(9).default(3),
  /** RabbitMQ queue type, an axis of its own: classic, quorum or stream (quorum and stream always persist; persistence false needs classic). @default quorum */
  rabbitmqQueueType: z.enum(RABBITMQ_QUEUE_TYPES).default('quorum'),
  /** NATS file store sync: `default` (the server's: 2 min; fixed 60 s before nats-server 2.10), `always` (fsync before every ack), or a duration like `1s`. @default default */
  natsSyncInterval: z.string().regex(NATS_SYNC_PATTERN, 'must be default, always or a duration like 500ms, 1s, 2m').default('default'),
  /** Unacknowledged publishes each producer may have in flight. @default 1000 */
  maxInFlight: z.coerce.number().int().min(1).max(100_000).default(1000),
  /** Recovery scenario: seconds into the run the broker is killed. @default 30% of the run, at least 5 s */
  faultAtSeconds: z.coerce.number().positive().optional(),
  /** Recovery scenario: throughput counts as recovered within this fraction of steady state. @default 0.1 */
  recoveryTolerance: z.coerce.number().gt(0).lt(1).default(0.1),
  /** CPU request and limit of each broker pod. @default 1 */
  brokerCpu: CpuQuantity.default('1'),
  /** Memory request and limit of each broker pod. @default 2Gi */
  brokerMemory: MemoryQuantity.default('2Gi'),
  /** Volume size per broker when persistence is on. @default 10Gi */
  storageSize: MemoryQuantity.default('10Gi'),
  /** StorageClass of broker volumes. @default the cluster's default class */
  storageClass: z.string().min(1).optional(),
  /** Image of the harness Job. @default perflab/mqbench:<harness version> */
  harnessImage: z.string().min(1).optional(),
};

/** The validated messaging settings (ExperimentSpec.settings of a messaging spec). */
export type MessagingSettings = z.output<z.ZodObject<typeof messagingConfigShape>>;

/** Every setting at its default. */
export function defaultMessagingSettings(): MessagingSettings {
  return z.object(messagingConfigShape).parse({});
}
