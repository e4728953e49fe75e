/**
 * What mqbench 0.2.0 adds to a result, on recorded runs (test/fixtures/messaging): the pacing
 * error as its own histogram (and a warning when its p99 is above 100 µs), the delivered rate
 * beside the acknowledged one (and a flag when the consumer fell behind), and the storage axes —
 * persistence and RabbitMQ queue type separately, NATS sync — in the label and the durability note.
 */
import * as fs from 'fs';
import * as path from 'path';
import { deliveredRateOf } from '../experiments/messaging/delivered-rate';
import { parseHarnessOutput } from '../experiments/messaging/harness-output';
import { messagingRunResult } from '../experiments/messaging/messaging-result';
import { PACING_ENDPOINT, pacingOf } from '../experiments/messaging/pacing';
import { scenarioRuns } from '../experiments/messaging/scenarios';
import { durabilityOf, natsDefaultSync, storageLabel, storageProblems } from '../experiments/messaging/storage-axes';
import { buildWorkload } from '../experiments/messaging/workload';
import { natsChartValues } from '../experiments/messaging/cluster/operators';
import { defaultMessagingSettings } from '../experiments/messaging/config';
import { parseExperimentConfig } from '../src/config/spec';
import { ConfigError } from '../src/config/errors';
import { localEnvironment } from '../src/results/environment';

const read = (name: string): string => fs.readFileSync(path.join(__dirname, 'fixtures', 'messaging', name), 'utf8');
const profile = parseExperimentConfig({ experiment: 'messaging', variant: 'nats', load: 'smoke' }).profile;
const settings = defaultMessagingSettings();
const target = { broker: 'nats' as const, url: 'nats://x', topic: 't', replicationFactor: 1, createTopology: true, connectSeconds: 30, sampleMillis: 250 };

function resultOf(file: string, scenario: 'fixed-rate' | 'max-throughput') {
  const out = parseHarnessOutput(read(file), file);
  const run = scenarioRuns(scenario, settings)[0];
  const workload = buildWorkload(settings, run, profile, target);
  return { out, r: messagingRunResult(out, { variant: 'nats', run, target: 'local', profile, workload, resources: [], environment: localEnvironment('local', {}), natsSync: { interval: 'default', serverVersion: 'nats-server: v2.9.10' } }) };
}

describe('pacing error (fixed rate, recorded on a busy machine)', () => {
  const { out, r } = resultOf('nats-fixed-rate-busy-machine.jsonl', 'fixed-rate');

  it('is its own histogram, one value per on-schedule message, not part of the latency', () => {
    const pacing = r.endpoints.find((e) => e.name === PACING_ENDPOINT)!;
    expect(pacing.requests + (out.result.heldBack ?? 0)).toBe(out.result.sent);
    expect(pacing.latency.p50).toBeGreaterThan(0);
    expect(pacing.latency.p99).toBeGreaterThan(pacing.latency.p50);
    expect(r.endpoints.map((e) => e.name)).toEqual(['publish', 'deliver', PACING_ENDPOINT]);
  });

  it('a p99 above 100 µs is reported: the producer could not keep its schedule precisely', () => {
    const p = pacingOf(out.result)!;
    expect(p.p99Us).toBeGreaterThan(100);
    expect(r.notes.join('\n')).toContain(`pacing error p99 ${p.p99Us} µs is above 100 µs`);
  });

  it('says where latency is timed from', () => {
    expect(r.notes.join('\n')).toContain('from the actual send time while the producer kept its schedule, from the intended send time while the broker held it back');
  });

  it('kept up: delivered ≈ acknowledged, no flag', () => {
    expect(deliveredRateOf(out.result)).toMatchObject({ consumerBehind: false, backlogAtEnd: 0 });
    expect(r.notes.join('\n')).not.toContain('consumer fell behind');
  });
});

describe('delivered rate beside the acknowledged rate (NATS max-throughput)', () => {
  const { out, r } = resultOf('nats-max-throughput-consumer-behind.jsonl', 'max-throughput');

  it('reports both rates and flags the consumer that fell behind', () => {
    const rates = deliveredRateOf(out.result)!;
    expect(rates.ackedPerSecond).toBeCloseTo(out.result.acked / out.result.productionSeconds, 3);
    expect(rates.deliveredPerSecond).toBeCloseTo(out.result.deliveredAtProductionEnd![0] / out.result.productionSeconds, 3);
    expect(rates.deliveredPerSecond).toBeLessThan(0.95 * rates.ackedPerSecond);
    expect(rates.backlogAtEnd).toBe(out.result.acked - out.result.deliveredAtProductionEnd![0]);
    expect(r.notes.join('\n')).toMatch(/consumer fell behind: delivered [\d.]+ msgs\/s is below 95% of the acknowledged/);
  });

  it('has no pacing figures: there is no schedule', () => {
    expect(pacingOf(out.result)).toBeUndefined();
    expect(r.endpoints.map((e) => e.name)).toEqual(['publish', 'deliver']);
  });

  it('names the storage in the label and the durability in the notes', () => {
    expect(r.label).toBe('nats:max-throughput:file-sync-60s');
    expect(r.notes).toContain('durability: NATS JetStream file storage: acknowledged after the write reaches the OS page cache; fsynced every 60s (server default), so a machine crash can lose up to 60s of messages');
  });
});

describe('storage axes', () => {
  it('persistence and queue type are separate: the persistence scenario runs classic queues both ways, alternating the order', () => {
    const s = { fanOut: 4, persistence: true, rabbitmqQueueType: 'quorum' as const };
    expect(scenarioRuns('persistence', s, 0).map((r) => [r.name, r.persistence, r.queueType])).toEqual([
      ['persistence-on', true, 'classic'],
      ['persistence-off', false, 'classic'],
    ]);
    expect(scenarioRuns('persistence', s, 1).map((r) => r.name)).toEqual(['persistence-off', 'persistence-on']);
    expect(scenarioRuns('fixed-rate', s)[0]).toMatchObject({ persistence: true, queueType: 'quorum' });
  });

  it('label every combination', () => {
    const rabbit = { broker: 'rabbitmq' as const, natsSyncInterval: 'default' };
    expect(storageLabel({ ...rabbit, persistence: true, queueType: 'quorum' })).toBe('quorum-persistent');
    expect(storageLabel({ ...rabbit, persistence: true, queueType: 'classic' })).toBe('classic-persistent');
    expect(storageLabel({ ...rabbit, persistence: false, queueType: 'classic' })).toBe('classic-transient');
    const nats = { broker: 'nats' as const, queueType: 'classic' as const };
    expect(storageLabel({ ...nats, persistence: true, natsSyncInterval: 'always' })).toBe('file-sync-always');
    expect(storageLabel({ ...nats, persistence: true, natsSyncInterval: 'default', natsServerVersion: 'v2.11.8' })).toBe('file-sync-2m');
    expect(storageLabel({ ...nats, persistence: false, natsSyncInterval: 'default' })).toBe('memory');
  });

  it('state what an acknowledgement guarantees', () => {
    expect(durabilityOf({ broker: 'rabbitmq', persistence: true, queueType: 'quorum', natsSyncInterval: 'default' })).toMatch(/fsynced .* Raft log/);
    expect(durabilityOf({ broker: 'nats', persistence: true, queueType: 'classic', natsSyncInterval: 'always' })).toMatch(/after the write is fsynced/);
    // A local Kafka is one broker: acks=all and acks=1 wait for the same page-cache write to the same folder.
    const kafka = { broker: 'kafka' as const, queueType: 'classic' as const, natsSyncInterval: 'default' };
    expect(durabilityOf({ ...kafka, persistence: true })).toMatch(/^Kafka acks=all: acknowledged when every in-sync replica/);
    expect(durabilityOf({ ...kafka, persistence: true, singleNode: true })).toMatch(/^Kafka acks=all on a single broker .* survives a broker process crash but not a machine crash/);
    expect(durabilityOf({ ...kafka, persistence: false, singleNode: true })).toMatch(/^Kafka acks=1 on a single broker, idempotence off: .* same log folder/);
    expect(natsDefaultSync('nats-server: v2.9.10')).toBe('60s');
    expect(natsDefaultSync('2.11.8-alpine')).toBe('2m');
  });

  it('persistence off on quorum queues is an error naming both keys', () => {
    expect(storageProblems({ broker: 'rabbitmq', persistence: false, queueType: 'quorum' })).toEqual([
      'perflab:persistence: false needs perflab:rabbitmqQueueType classic: quorum queues always write to disk (got perflab:rabbitmqQueueType quorum)',
    ]);
    expect(storageProblems({ broker: 'nats', persistence: false, queueType: 'quorum' })).toEqual([]);
    const run = { ...scenarioRuns('fixed-rate', settings)[0], persistence: false };
    expect(() => buildWorkload(settings, run, profile, { ...target, broker: 'rabbitmq' })).toThrow(ConfigError);
  });
});

describe('NATS sync interval on a cluster', () => {
  it('reaches the nats chart as jetstream.merge.sync_interval, and only when set', () => {
    const js = (interval: string) => (natsChartValues({ ...settings, natsSyncInterval: interval }).config as { jetstream: Record<string, unknown> }).jetstream;
    expect(js('always').merge).toEqual({ sync_interval: 'always' });
    expect(js('default').merge).toBeUndefined();
  });
});
