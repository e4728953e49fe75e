/**
 * The reference tools' output read into figures (recorded PerfTest 2.22.1, nats bench v0.5.1 and
 * Kafka ProducerPerformance 4.1.1 runs in test/fixtures/messaging), the tools' arguments, and how
 * a comparison's verdict is reached: agree, disagree, or inconclusive when the rounds themselves
 * spread wider than the tolerance.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ComparedMetric, agreement } from '../experiments/messaging/reference/alternating';
import { mqbenchLikePayload, parseProducerPerf, producerPerfArgs, producerPerfFigures } from '../experiments/messaging/reference/kafka-producer-perf';
import { parseNatsBench } from '../experiments/messaging/reference/nats-bench';
import { parsePerfTest, perfTestArgs } from '../experiments/messaging/reference/perftest';

const read = (name: string): string => fs.readFileSync(path.join(__dirname, 'fixtures', 'messaging', name), 'utf8');

describe('PerfTest', () => {
  it('rates over every second; latency medians over the seconds after the first (the JVM warm-up holds a 64 ms median)', () => {
    const f = parsePerfTest(read('perftest-fixed-rate.txt'));
    // Confirmed 851, 1157, 999, 1000 and received 788, 1221, 999, 1000 per second: the limiter catches up after the stall.
    expect(f.publishRate).toBeCloseTo((851 + 1157 + 999 + 1000) / 4, 6);
    expect(f.deliverRate).toBeCloseTo((788 + 1221 + 999 + 1000) / 4, 6);
    // Consumer medians of seconds 2–4: 12327, 970, 875 µs.
    expect(f.endToEndP50Ms).toBeCloseTo(0.97, 6);
    expect(f.publishP50Ms).toBeGreaterThan(0);
  });

  it('an unthrottled run\'s rates leave out the first second too (the JVM warm-up, not the broker)', () => {
    const f = parsePerfTest(read('perftest-fixed-rate.txt'), true);
    expect(f.publishRate).toBeCloseTo((1157 + 999 + 1000) / 3, 6);
    expect(f.deliverRate).toBeCloseTo((1221 + 999 + 1000) / 3, 6);
  });

  it('output without per-second lines is an error showing its tail', () => {
    expect(() => parsePerfTest('id: x, starting producer #0\ntest stopped\n')).toThrow(/no per-second lines after the first second:\n.*test stopped/s);
  });

  it('runs the same queue and window as mqbench', () => {
    const base = { url: 'amqp://guest:guest@127.0.0.1:5672/', seconds: 10, messageSize: 1024, rate: 1000, maxInFlight: 1000, persistence: true };
    const quorum = perfTestArgs({ ...base, queueType: 'quorum' }, 'q');
    expect(quorum.join(' ')).toBe('-h amqp://guest:guest@127.0.0.1:5672 -x 1 -y 1 -s 1024 -z 10 -c 1000 -q 2000 -A 64 --queue q -r 1000 --quorum-queue');
    expect(perfTestArgs({ ...base, rate: 0, queueType: 'classic', persistence: false }, 'q')).not.toContain('-r');
    expect(perfTestArgs({ ...base, queueType: 'classic' }, 'q')).toEqual(expect.arrayContaining(['-f', 'persistent']));
  });
});

describe('nats bench', () => {
  it('publisher rate and P50, consumer rate', () => {
    expect(parseNatsBench(read('nats-bench-pub-sync.txt'), read('nats-bench-consume.txt'))).toEqual({ publishRate: 999, publishP50Ms: 0.24093, deliverRate: 1000 });
  });

  it('output without stats is an error', () => {
    expect(() => parseNatsBench('nats: error: nats: no servers available for connection\n')).toThrow('nats bench printed no publisher stats');
  });
});

describe('Kafka ProducerPerformance', () => {
  it('reads the final summary, not the 5-second window line before it (same count, no percentiles)', () => {
    const s = parseProducerPerf(read('kafka-producer-perf-fixed-rate.txt'));
    expect(s).toEqual({ records: 5000, recordsPerSecond: 995, avgMs: 59.44, maxMs: 952, p50Ms: 6, p95Ms: 331, p99Ms: 339 });
    expect(producerPerfFigures(s)).toEqual({ publishRate: 995, publishP50Ms: 6 });
  });

  it('max throughput: acknowledged rate and publish median, no delivered rate (the tool runs no consumer)', () => {
    const f = producerPerfFigures(parseProducerPerf(read('kafka-producer-perf-max-throughput.txt')));
    expect(f).toEqual({ publishRate: 49140, publishP50Ms: 170 });
    expect(f.deliverRate).toBeUndefined();
  });

  it('output without a summary is an error showing its tail', () => {
    expect(() => parseProducerPerf('Exception in thread "main" org.apache.kafka.common.errors.TimeoutException: Topic t not present in metadata\n')).toThrow(/no summary line:\n.*TimeoutException/s);
  });

  const run = { url: 'kafka://127.0.0.1:9092', seconds: 5, messageSize: 1024, rate: 1000, messages: 800_000, partitions: 1, persistence: true };

  it('producer settings like mqbench\'s franz-go producer: acks=all + idempotence, no linger, no compression, round robin', () => {
    const args = producerPerfArgs(run, 't', '/p');
    expect(args.slice(0, 8)).toEqual(['--topic', 't', '--num-records', '5000', '--throughput', '1000', '--payload-file', '/p']);
    expect(args.slice(args.indexOf('--producer-props') + 1)).toEqual(
      expect.arrayContaining(['bootstrap.servers=127.0.0.1:9092', 'acks=all', 'enable.idempotence=true', 'max.in.flight.requests.per.connection=5', 'linger.ms=0', 'compression.type=none']),
    );
  });

  it('max throughput counts records (--throughput -1); persistence off is acks=1 without idempotence, one request in flight', () => {
    const args = producerPerfArgs({ ...run, rate: 0, persistence: false }, 't', '/p');
    expect(args.slice(2, 6)).toEqual(['--num-records', '800000', '--throughput', '-1']);
    expect(args).toEqual(expect.arrayContaining(['acks=1', 'enable.idempotence=false', 'max.in.flight.requests.per.connection=1']));
    expect(args).not.toContain('acks=all');
  });

  it('payload: the size asked for, ASCII without newlines (the tool splits its payload file at them), repeating like mqbench\'s', () => {
    const p = mqbenchLikePayload(1024);
    expect(p.length).toBe(1024);
    expect(p.includes(0x0a)).toBe(false);
    expect(Math.max(...p)).toBeLessThan(0x80);
    expect(p.subarray(128, 256).equals(p.subarray(256, 384))).toBe(true);
  });
});

describe('verdicts', () => {
  const m = (ratio: number, perflab: number[], reference: number[]): ComparedMetric => ({
    metric: 'endToEndP50Ms',
    perflab,
    reference,
    ratio,
    spread: Math.max(Math.max(...perflab) / Math.min(...perflab), Math.max(...reference) / Math.min(...reference)),
  });

  it('agree within the tolerance; disagree outside it when the rounds were steady; inconclusive when they were not', () => {
    expect(agreement(m(1.1, [1, 1.05], [0.9, 0.95]), 0.25)).toBe('agree');
    expect(agreement(m(1.6, [1.6, 1.65], [1, 1.02]), 0.25)).toBe('disagree');
    expect(agreement(m(0.14, [1.83, 2.85], [10, 22.7]), 0.25)).toBe('inconclusive');
  });

});
