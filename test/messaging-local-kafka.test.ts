/**
 * The local Kafka broker for real: Kafka 4.1.1 (KRaft, one node) from the jars
 * scripts/kafka-broker.sh fetched from Maven Central, run by Java 17, driven by the mqbench
 * harness through `perflab run messaging --target local`'s own code: a short max-throughput
 * run and a recovery run (broker SIGKILLed and restarted on the same data). Skipped, naming
 * the command to run, when Java, the jars or Go are missing. The broker's files and its wire
 * probe are checked without a broker.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseExperimentConfig } from '../src/config/spec';
import { VariantOutcome } from '../src/local/local-target';
import { createProgress } from '../src/local/progress';
import { autocannonDriver } from '../src/local/autocannon-driver';
import { RunResult } from '../src/results/run-result';
import { runMessagingLocal } from '../experiments/messaging/local-run';
import { GO_INSTALL_HINT, harnessAvailable } from '../experiments/messaging/local/harness-binary';
import { kafkaLocalSpec } from '../experiments/messaging/local/kafka-broker';
import { log4jProperties, serverProperties } from '../experiments/messaging/local/kafka-config';
import { KAFKA_HOME_ENV, kafkaMissing } from '../experiments/messaging/local/kafka-install';
import { brokersInMetadataResponse, kafkaServes, metadataRequest } from '../experiments/messaging/local/kafka-probe';
import { createdScratchDirs, liveScratchDirs } from '../experiments/messaging/local/scratch-dir';
import { brokerProcesses, withEnv } from './helpers/messaging-local';
import { scratchDir } from './helpers/scratch-dirs';

const profile = parseExperimentConfig({ experiment: 'messaging', variant: 'kafka', load: 'smoke', timeScale: 0.5 }).profile;
const baseOptions = { profile, progress: createProgress({ quiet: true }), driver: autocannonDriver() };

const missing = kafkaLocalSpec.installedVersion() === undefined ? kafkaLocalSpec.missing() : undefined;
if (missing) console.warn(`messaging-local-kafka: real runs skipped — ${missing.what} is not installed: ${missing.hint}`);
const harness = harnessAvailable();
if (!harness) console.warn(`messaging-local-kafka: real runs skipped — ${GO_INSTALL_HINT}`);

/** `acknowledged A of S published; delivered U first deliveries ...; duplicates D; lost L` of a result's notes. */
function counts(r: RunResult): { acked: number; sent: number; unique: number; duplicates: number; lost: number } {
  const note = r.notes.find((n) => n.startsWith('acknowledged '));
  const m = /^acknowledged (\d+) of (\d+) published; delivered (\d+) first deliveries .*; duplicates (\d+); lost (\d+)$/.exec(note ?? '');
  if (!m) throw new Error(`no counts note in ${JSON.stringify(r.notes)}`);
  const [acked, sent, unique, duplicates, lost] = m.slice(1).map(Number);
  return { acked, sent, unique, duplicates, lost };
}

describe('the local Kafka broker without a broker', () => {
  it('configures one KRaft node on 127.0.0.1 with every internal topic at replication 1', () => {
    const props = serverProperties({ port: 40001, controllerPort: 40002, logDir: '/tmp/x/data' });
    const map = Object.fromEntries(props.trim().split('\n').map((l) => l.split(/=(.*)/).slice(0, 2)));
    expect(map).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.quorum.bootstrap.servers': '127.0.0.1:40002',
      listeners: 'PLAINTEXT://127.0.0.1:40001,CONTROLLER://127.0.0.1:40002',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:40001',
      'log.dirs': '/tmp/x/data',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'min.insync.replicas': '1',
      'group.initial.rebalance.delay.ms': '0',
    });
    // --standalone formatting refuses a static voter list (kafka_2.13-4.1.1.jar, kafka.tools.StorageTool format --help).
    expect(map['controller.quorum.voters']).toBeUndefined();
    expect(log4jProperties('/tmp/x/server.log')).toContain('appender.file.fileName = /tmp/x/server.log');
  });

  it('writes a Metadata v4 request and reads the broker count of its answer', () => {
    const req = metadataRequest(7);
    expect(req.readInt32BE(0)).toBe(req.length - 4);
    expect([req.readInt16BE(4), req.readInt16BE(6), req.readInt32BE(8)]).toEqual([3, 4, 7]);
    // size, correlation id, throttle ms, brokers array length (then the brokers, cut here)
    const resp = Buffer.alloc(16);
    resp.writeInt32BE(12, 0);
    resp.writeInt32BE(7, 4);
    resp.writeInt32BE(0, 8);
    resp.writeInt32BE(1, 12);
    expect(brokersInMetadataResponse(resp, 7)).toBe(1);
    expect(brokersInMetadataResponse(resp, 8)).toBeUndefined();
    expect(brokersInMetadataResponse(resp.subarray(0, 10), 7)).toBeUndefined();
  });

  it('a port nobody listens on does not serve', async () => {
    expect(await kafkaServes(1, 500)).toBe(false);
  });

  it('names the fetch script when the jars are not in the cache', async () => {
    const emptyCache = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-kafka-cache-'));
    try {
      const found = await withEnv({ [KAFKA_HOME_ENV]: emptyCache }, async () => kafkaMissing());
      expect(found?.hint).toMatch(/bash scripts\/kafka-broker\.sh$/);
      if (!found?.what.startsWith('Java')) expect(found?.what).toBe(`the Kafka 4.1.1 broker (${path.join(emptyCache, 'kafka-4.1.1', 'lib', 'kafka_2.13-4.1.1.jar')})`);
    } finally {
      fs.rmSync(emptyCache, { recursive: true, force: true });
    }
  });

  it('names Java when there is no java on PATH', async () => {
    const found = await withEnv({ PATH: scratchDir('perflab-empty-path-') }, async () => kafkaMissing());
    expect(found).toEqual({ what: 'Java (java on PATH)', hint: expect.stringMatching(/^install Java 17 and Maven, .*bash scripts\/kafka-broker\.sh$/) });
  });
});

(!missing && harness ? describe : describe.skip)('a real local Kafka broker (max-throughput 2 s, recovery 30 s)', () => {
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-mq-results-'));
  let outcome: VariantOutcome;

  beforeAll(async () => {
    [outcome] = await withEnv({ PERFLAB_MQ_SCENARIO: 'max-throughput,recovery', PERFLAB_MQ_MESSAGE_SIZE: '512', PERFLAB_MQ_PRODUCER_RATE: '500', PERFLAB_MQ_FAULT_AT_SECONDS: '6' }, () =>
      runMessagingLocal({ ...baseOptions, variants: ['kafka'], resultsDir }),
    );
  }, 240_000);

  afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

  it('measured both scenarios with acks=all on a single broker', () => {
    expect(outcome.reason).toBeUndefined();
    expect(outcome.status).toBe('measured');
    expect(outcome.results.map((r) => r.label)).toEqual(['kafka:max-throughput:acks-all', 'kafka:recovery:acks-all']);
    for (const r of outcome.results) {
      expect(r.target).toBe('local');
      expect(r.notes).toContain('durability: Kafka acks=all on a single broker (the leader is the only in-sync replica), idempotent producer: acknowledged once the leader has the message in its page cache; no fsync per message (flushing is left to the OS), so it survives a broker process crash but not a machine crash before writeback');
      expect(r.coldStartMs).toBeGreaterThan(0);
      const broker = r.resources.find((x) => x.component === 'broker')!;
      // The JVM was sampled (a 512 MiB heap: well over 100 MiB resident).
      expect(broker.samples).toBeGreaterThan(1);
      expect(broker.memoryPeakBytes).toBeGreaterThan(100 * 1024 * 1024);
    }
  });

  it('max-throughput: messages acknowledged and every one consumed once', () => {
    const r = outcome.results[0];
    expect(r.throughput.messagesPerSecond).toBeGreaterThan(0);
    const c = counts(r);
    expect(c.acked).toBeGreaterThan(0);
    expect(c).toEqual({ acked: c.sent, sent: c.sent, unique: c.acked, duplicates: 0, lost: 0 });
    expect(r.errors.total).toBe(0);
    expect(r.latency.p50).toBeGreaterThan(0);
    expect(r.latency.p50).toBeLessThanOrEqual(r.latency.p99);
  });

  it('recovery: the broker was killed and restarted, no acknowledged message was lost, and the recovery time is measured', () => {
    const r = outcome.results[1];
    const restarted = r.notes.find((n) => n.startsWith('local fault: broker process SIGKILLed'));
    expect(restarted).toMatch(/served clients again \d+\.\d+ s after the kill$/);
    const c = counts(r);
    expect(c.acked).toBeGreaterThan(0);
    // acks=all with the idempotent producer: every acknowledged message is consumed, none lost;
    // duplicates are consumer redeliveries from the group's last committed offset (at-least-once).
    expect(c.lost).toBe(0);
    expect(c.unique).toBe(c.acked);
    expect(c.acked).toBeLessThanOrEqual(c.sent);
    expect(c.duplicates).toBeGreaterThanOrEqual(0);
    expect(c.duplicates).toBeLessThanOrEqual(c.acked);
    expect(r.thresholds.find((t) => t.metric === 'messaging.lostMessages')).toMatchObject({ observed: 0, passed: true });
    const rec = r.thresholds.find((t) => t.metric === 'messaging.recoverySeconds')!;
    // Throughput cannot be back before the broker serves again.
    const servedAfter = Number(/again (\d+\.\d+) s/.exec(restarted!)![1]);
    expect(rec.passed).toBe(true);
    expect(rec.observed).toBeGreaterThanOrEqual(servedAfter - 1);
  });

  it('stop() left no broker process and no folder', () => {
    expect(liveScratchDirs()).toEqual([]);
    const ours = createdScratchDirs().filter((d) => path.basename(d).startsWith('perflab-mq-kafka-'));
    expect(ours).toHaveLength(1);
    expect(ours.filter((d) => fs.existsSync(d))).toEqual([]);
    expect(brokerProcesses()).toEqual([]);
  });
});
