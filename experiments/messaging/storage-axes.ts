/**
 * Two separate axes of how a broker stores messages, and what each combination guarantees:
 *
 * - persistence (`perflab:persistence`): messages written to disk and kept over a restart, or
 *   not. RabbitMQ: durable queue + persistent messages vs non-durable queue + transient
 *   messages; NATS: file vs memory storage; Kafka: acks=all on persistent volumes vs acks=1
 *   on ephemeral storage (on a single local broker both write the same log folder: there the
 *   axis is acks=all with the idempotent producer vs acks=1 without it);
 * - RabbitMQ queue type (`perflab:rabbitmqQueueType`): classic, quorum or stream. Quorum queues
 *   and streams always write to disk, so persistence off needs classic queues.
 *
 * NATS adds how often the file store is synced (`perflab:natsSyncInterval`). Every result
 * names its storage (label and notes) and the durability guarantee its acknowledgements carry,
 * so a "cost of persistence" comparison says what it compares.
 */
import { MessagingVariant } from './experiment';

/** RabbitMQ queue types (`perflab:rabbitmqQueueType`). */
export const RABBITMQ_QUEUE_TYPES = ['classic', 'quorum', 'stream'] as const;
/** One RabbitMQ queue type. */
export type RabbitmqQueueType = (typeof RABBITMQ_QUEUE_TYPES)[number];

/** `perflab:natsSyncInterval`: `default` (the server's), `always` (fsync before every ack), or a duration. */
export const NATS_SYNC_PATTERN = /^(default|always|\d+(ms|s|m|h))$/;

/** Sync interval of a NATS file store when not configured: 60 s before nats-server 2.10 (fixed), 2 min from 2.10 on. */
export function natsDefaultSync(serverVersion: string | undefined): string {
  const m = /(\d+)\.(\d+)/.exec(serverVersion ?? '');
  return m && (Number(m[1]) < 2 || (Number(m[1]) === 2 && Number(m[2]) < 10)) ? '60s' : '2m';
}

/** Whether a nats-server version has the `sync_interval` setting (2.10 and newer). */
export function natsHasSyncSetting(serverVersion: string | undefined): boolean {
  return natsDefaultSync(serverVersion) === '2m';
}

/** The storage of one run. */
export interface StorageSpec {
  readonly broker: MessagingVariant;
  readonly persistence: boolean;
  readonly queueType: RabbitmqQueueType;
  /** NATS sync interval setting (`default`, `always`, or a duration). */
  readonly natsSyncInterval: string;
  /** NATS server version, when known (the default sync interval depends on it). */
  readonly natsServerVersion?: string;
  /** The broker is one node on the local target (its log on this machine's disk). @default false */
  readonly singleNode?: boolean;
}

function natsSync(s: StorageSpec): string {
  return s.natsSyncInterval === 'default' ? natsDefaultSync(s.natsServerVersion) : s.natsSyncInterval;
}

/** Short name of the storage, part of a result's label: `quorum-persistent`, `classic-transient`, `file-sync-60s`, `memory`, `acks-all`. */
export function storageLabel(s: StorageSpec): string {
  switch (s.broker) {
    case 'rabbitmq':
      return `${s.queueType}-${s.persistence ? 'persistent' : 'transient'}`;
    case 'nats':
      return s.persistence ? `file-sync-${natsSync(s)}` : 'memory';
    case 'kafka':
      return s.persistence ? 'acks-all' : 'acks-1';
  }
}

/** What a publish acknowledgement guarantees for this storage, in one sentence. */
export function durabilityOf(s: StorageSpec): string {
  switch (s.broker) {
    case 'rabbitmq':
      if (!s.persistence) return 'RabbitMQ classic non-durable queue, transient messages: confirmed once enqueued in memory; lost on a broker restart';
      if (s.queueType === 'quorum') return 'RabbitMQ quorum queue: confirmed after a majority of replicas fsynced the message to the Raft log';
      if (s.queueType === 'stream') return 'RabbitMQ stream: confirmed after a majority of replicas wrote it to the stream log (page cache; streams do not fsync)';
      return 'RabbitMQ classic durable queue, persistent messages: confirmed after the message store fsynced the message (fsyncs are batched)';
    case 'nats': {
      if (!s.persistence) return 'NATS JetStream memory storage: acknowledged once stored in memory; lost on a server restart';
      const sync = natsSync(s);
      return sync === 'always'
        ? 'NATS JetStream file storage, sync always: acknowledged after the write is fsynced'
        : `NATS JetStream file storage: acknowledged after the write reaches the OS page cache; fsynced every ${sync}${s.natsSyncInterval === 'default' ? ' (server default)' : ''}, so a machine crash can lose up to ${sync} of messages`;
    }
    case 'kafka':
      if (s.singleNode) {
        return s.persistence
          ? 'Kafka acks=all on a single broker (the leader is the only in-sync replica), idempotent producer: acknowledged once the leader has the message in its page cache; no fsync per message (flushing is left to the OS), so it survives a broker process crash but not a machine crash before writeback'
          : 'Kafka acks=1 on a single broker, idempotence off: acknowledged once the leader has the message in its page cache — the write acks=all waits for on one node, to the same log folder (kept over a broker process crash); a retried send may be written twice';
      }
      return s.persistence
        ? 'Kafka acks=all: acknowledged when every in-sync replica has the message in its page cache; no fsync per message (flushing is left to the OS)'
        : 'Kafka acks=1 on ephemeral storage: acknowledged when the leader has it in its page cache; lost with the leader or the pod';
  }
}

/** Combinations that cannot run, each naming the keys involved; empty when the storage is valid. */
export function storageProblems(s: Pick<StorageSpec, 'broker' | 'persistence' | 'queueType'>, keys = { persistence: 'perflab:persistence', queueType: 'perflab:rabbitmqQueueType' }): string[] {
  if (s.broker === 'rabbitmq' && !s.persistence && s.queueType !== 'classic') {
    return [`${keys.persistence}: false needs ${keys.queueType} classic: ${s.queueType} queues always write to disk (got ${keys.queueType} ${s.queueType})`];
  }
  return [];
}
