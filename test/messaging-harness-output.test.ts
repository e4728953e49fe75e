/**
 * mqbench's real output (recorded from local runs against RabbitMQ 3.10 and NATS 2.9, and
 * against a Kafka 4.1.1 KRaft broker started from Maven Central's jars to verify the Kafka
 * driver — in test/fixtures/messaging) parsed into RunResult figures: messages/s and bytes/s, publish and
 * end-to-end latency percentiles from the HDR histograms, errors by kind, lost messages; and
 * output that is not a complete run rejected with the line that is wrong.
 */
import * as fs from 'fs';
import * as path from 'path';
import { HarnessOutputError, parseHarnessOutput } from '../experiments/messaging/harness-output';
import { messagingRunResult } from '../experiments/messaging/messaging-result';
import { scenarioRuns } from '../experiments/messaging/scenarios';
import { MessagingWorkload } from '../experiments/messaging/workload';
import { localEnvironment } from '../src/results/environment';
import { decodeHistogram } from '../src/results/histogram';
import { parseExperimentConfig } from '../src/config/spec';
import { RunResultSchema } from '../src/results/run-result';

const dir = path.join(__dirname, 'fixtures', 'messaging');
const read = (name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');
const profile = parseExperimentConfig({ experiment: 'messaging', variant: 'nats', load: 'smoke' }).profile;

/** A workload matching what produced a fixture (for the result's notes). */
function workload(broker: 'nats' | 'rabbitmq' | 'kafka', over: Partial<MessagingWorkload> = {}): MessagingWorkload {
  return {
    broker,
    url: 'x',
    topic: 't',
    messageSize: 1024,
    producers: 1,
    consumers: 1,
    subscriptions: 1,
    partitions: 1,
    persistence: true,
    replicationFactor: 1,
    queueType: 'quorum',
    createTopology: true,
    schedule: [{ durationSeconds: 4, rate: 1000 }],
    maxInFlight: 1000,
    drainSeconds: 10,
    sampleMillis: 250,
    connectSeconds: 30,
    ackTimeoutSeconds: 30,
    ...over,
  };
}

const FIXTURES: Array<[string, 'nats' | 'rabbitmq' | 'kafka', string]> = [
  ['kafka-max-throughput.jsonl', 'kafka', 'max-throughput'],
  ['kafka-fixed-rate.jsonl', 'kafka', 'fixed-rate'],
  ['kafka-fan-out.jsonl', 'kafka', 'fan-out'],
  ['kafka-recovery.jsonl', 'kafka', 'recovery'],
  ['nats-max-throughput.jsonl', 'nats', 'max-throughput'],
  ['nats-fan-out.jsonl', 'nats', 'fan-out'],
  ['nats-recovery.jsonl', 'nats', 'recovery'],
  ['rabbitmq-fixed-rate.jsonl', 'rabbitmq', 'fixed-rate'],
  ['rabbitmq-persistence-off.jsonl', 'rabbitmq', 'persistence'],
  ['rabbitmq-recovery.jsonl', 'rabbitmq', 'recovery'],
];

/** The storage each fixture ran with, as its label names it (NATS: server version unknown, so the current default sync of 2 min). */
const STORAGE: Record<string, string> = { kafka: 'acks-all', nats: 'file-sync-2m', rabbitmq: 'quorum-persistent', 'rabbitmq:persistence-off': 'classic-transient' };

describe.each(FIXTURES)('%s', (file, broker, scenario) => {
  const out = parseHarnessOutput(read(file), file);
  const run = scenarioRuns(scenario as never, { fanOut: 4, persistence: true, rabbitmqQueueType: 'quorum' as const })[scenario === 'persistence' ? 1 : 0];
  const result = messagingRunResult(out, {
    variant: broker,
    run,
    target: 'local',
    profile,
    workload: workload(broker, { subscriptions: out.result.subscriptions, persistence: run.persistence, queueType: run.queueType }),
    resources: [],
    environment: localEnvironment('local', {}),
    faultAtSeconds: run.fault ? { nats: 8, rabbitmq: 9.001, kafka: 9.053 }[broker] : undefined,
  });

  it('is a complete harness run with samples', () => {
    expect(out.start.broker).toBe(broker);
    expect(out.result.harness).toBe('mqbench 0.1.0');
    expect(out.samples.length).toBeGreaterThan(3);
    expect(out.samples.every((s, i) => i === 0 || s.t >= out.samples[i - 1].t)).toBe(true);
  });

  it('gives a valid RunResult with messages/s and bytes/s from the acknowledged messages', () => {
    expect(RunResultSchema.safeParse(result).success).toBe(true);
    expect(result.throughput.totalMessages).toBe(out.result.acked);
    expect(result.throughput.messagesPerSecond).toBeCloseTo(out.result.acked / out.result.productionSeconds, 1);
    expect(result.throughput.messagesPerSecond).toBeGreaterThan(0);
    expect(result.throughput.bytesPerSecond).toBe(Math.round((out.result.acked / out.result.productionSeconds) * 1024));
    expect(result.label).toBe(`${broker}:${run.name}:${STORAGE[`${broker}:${run.name}`] ?? STORAGE[broker]}`);
    expect(result.loadGenerator).toEqual({ name: 'mqbench', version: '0.1.0' });
  });

  it('reports ordered end-to-end and publish percentiles from the kept HDR histograms', () => {
    for (const l of [result.latency, result.endpoints[0].latency]) {
      expect(l.p50).toBeGreaterThan(0);
      expect(l.p50).toBeLessThanOrEqual(l.p90);
      expect(l.p90).toBeLessThanOrEqual(l.p95);
      expect(l.p95).toBeLessThanOrEqual(l.p99);
      expect(l.p99).toBeLessThanOrEqual(l.p999);
      expect(l.p999).toBeLessThanOrEqual(l.max);
    }
    const h = decodeHistogram(result.latency.histogram!.data);
    expect(h.totalCount).toBe(result.latency.count);
    // Every first delivery over every subscription has an end-to-end latency.
    expect(result.latency.count).toBe(out.result.uniqueDelivered.reduce((a, b) => a + b, 0));
    expect(result.endpoints.map((e) => e.name)).toEqual(['publish', 'deliver']);
    expect(result.endpoints[0].latency.count).toBe(out.result.acked);
  });

  it('accounts for every acknowledged message: consumed by each subscription, none lost', () => {
    for (const n of out.result.uniqueDelivered) expect(n).toBeGreaterThanOrEqual(out.result.acked);
    expect(out.result.lostMessages).toBe(0);
    expect(result.errors.byKind.lost).toBeUndefined();
    const failed = Object.values(out.result.publishErrors).reduce((a, b) => a + b, 0);
    expect(result.errors.total).toBe(failed);
    expect(out.result.sent).toBe(out.result.acked + failed);
  });
});

describe('figures from specific runs', () => {
  it('fan-out delivers every message to each of the 4 subscriptions', () => {
    const out = parseHarnessOutput(read('nats-fan-out.jsonl'), 'nats-fan-out');
    expect(out.result.subscriptions).toBe(4);
    expect(out.result.uniqueDelivered).toEqual([out.result.acked, out.result.acked, out.result.acked, out.result.acked]);
  });

  it('a recovery run records failed publishes by kind and the recovery thresholds', () => {
    const out = parseHarnessOutput(read('rabbitmq-recovery.jsonl'), 'rabbitmq-recovery');
    const run = scenarioRuns('recovery', { fanOut: 4, persistence: true, rabbitmqQueueType: 'quorum' as const })[0];
    const r = messagingRunResult(out, { variant: 'rabbitmq', run, target: 'local', profile, workload: workload('rabbitmq'), resources: [], environment: localEnvironment('local', {}), faultAtSeconds: 9.001 });
    expect(Object.keys(r.errors.byKind)).toEqual(['publish_connection']);
    expect(r.thresholds.find((t) => t.metric === 'messaging.recoverySeconds')).toMatchObject({ observed: 7.5, passed: true });
    expect(r.thresholds.find((t) => t.metric === 'messaging.lostMessages')).toMatchObject({ observed: 0, passed: true });
    expect(r.notes.join('\n')).toContain('recovery: 7.5 s after the broker was killed at 9.001 s');
  });

  it('a fault the harness could not inject (outside a cluster) is reported, and the run does not pass', () => {
    const out = parseHarnessOutput(read('nats-fault-outside-cluster.jsonl'), 'nats-fault');
    expect(out.faults).toEqual([expect.objectContaining({ ok: false, target: 'nats-0', error: expect.stringContaining('not in a cluster') })]);
    const run = scenarioRuns('recovery', { fanOut: 4, persistence: true, rabbitmqQueueType: 'quorum' as const })[0];
    const r = messagingRunResult(out, { variant: 'nats', run, target: 'k3s', profile, workload: workload('nats', { producers: 2, partitions: 2 }), resources: [], environment: localEnvironment('k3s', {}) });
    expect(r.thresholdsPassed).toBe(false);
    expect(r.notes.join('\n')).toMatch(/recovery not measured: no fault was injected \(not in a cluster/);
    // Two producers at 500/s over 3 s.
    expect(out.result.sent).toBe(1500);
  });
});

describe('output that is not a complete run', () => {
  const good = read('rabbitmq-fixed-rate.jsonl');
  const lines = good.trim().split('\n');

  it('skips lines that are not JSON (a shared pod log)', () => {
    const noisy = ['2026-01-01 some runtime log line', ...lines.slice(0, 2), 'mqbench: setup attempt 1: ...', ...lines.slice(2)].join('\n');
    expect(parseHarnessOutput(noisy, 'pod log').result.acked).toBe(4000);
  });

  it('fails without a result line (killed or timed out)', () => {
    expect(() => parseHarnessOutput(lines.slice(0, -1).join('\n'), 'pod ns/mqbench-x log')).toThrow(
      'pod ns/mqbench-x log: the harness started (mqbench 0.1.0, rabbitmq) but printed no result (killed or timed out?)',
    );
  });

  it('fails on a truncated result line, naming the line', () => {
    const cut = [...lines.slice(0, -1), lines[lines.length - 1].slice(0, 200)].join('\n');
    expect(() => parseHarnessOutput(cut, 'out')).toThrow(`out:${lines.length}: a harness line is not valid JSON and no result follows (truncated output?)`);
  });

  it('fails on a field of the wrong type, naming the line and field', () => {
    const bad = lines.map((l) => (l.includes('"type":"result"') ? l.replace(/"acked":\d+/, '"acked":"many"') : l)).join('\n');
    expect(() => parseHarnessOutput(bad, 'out')).toThrow(new RegExp(`^out:${lines.length}: result line: acked: `));
  });

  it('fails with the harness error when the run could not be carried out', () => {
    const text = `${lines[0]}\n{"type":"error","message":"broker rabbitmq at amqp://x not usable within 30 s: dial tcp: connection refused"}\n`;
    expect(() => parseHarnessOutput(text, 'out')).toThrow(HarnessOutputError);
    expect(() => parseHarnessOutput(text, 'out')).toThrow('out:2: the harness failed: broker rabbitmq at amqp://x not usable within 30 s');
  });

  it('fails on something that is not mqbench output at all', () => {
    expect(() => parseHarnessOutput('hello\n', 'x.log')).toThrow('x.log: no mqbench output (no "start" line)');
  });
});
