/**
 * The reference tools' output read into figures (recorded PerfTest 2.22.1 and nats bench
 * v0.5.1 runs in test/fixtures/messaging), the tools' arguments, and how a comparison's verdict
 * is reached: agree, disagree, or inconclusive when the rounds themselves spread wider than the
 * tolerance.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ComparedMetric, agreement } from '../experiments/messaging/reference/alternating';
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
