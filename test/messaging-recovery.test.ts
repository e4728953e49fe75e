/**
 * Recovery time after a broker failure: the pure calculation on synthetic series with known
 * answers, and on throughput series recorded from real runs (RabbitMQ, NATS and a Kafka 4.1.1
 * broker from Maven Central's jars, each killed with SIGKILL mid-run and restarted on its data;
 * the fault times are those recorded at the kill).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseHarnessOutput } from '../experiments/messaging/harness-output';
import { recoveryOf } from '../experiments/messaging/messaging-result';
import { CountPoint, RatePoint, ratesFromCumulative, recoveryTime } from '../experiments/messaging/recovery';

const fixture = (name: string) => {
  const file = path.join(__dirname, 'fixtures', 'messaging', name);
  return parseHarnessOutput(fs.readFileSync(file, 'utf8'), file);
};

/** 1-second intervals from a list of per-second rates starting at t=0. */
function series(rates: number[]): RatePoint[] {
  return rates.map((rate, i) => ({ start: i, end: i + 1, rate }));
}

describe('recoveryTime on synthetic series', () => {
  it('an outage of 5 s at a fault on an interval boundary recovers 5 s later', () => {
    const s = series([...Array(10).fill(1000), 0, 0, 0, 0, 0, ...Array(10).fill(1000)]);
    const r = recoveryTime(s, { faultAt: 10 });
    expect(r).toMatchObject({ steadyState: 1000, steadyIntervals: 9, disrupted: true, minRate: 0, recoveredAt: 15, recoverySeconds: 5 });
  });

  it('a catch-up burst above the band is not yet steady (within means both ways)', () => {
    const s = series([...Array(10).fill(1000), 0, 0, 5000, 3000, 1050, 980, 1010, 1000]);
    expect(recoveryTime(s, { faultAt: 10 }).recoverySeconds).toBe(4);
  });

  it('needs holdSamples consecutive in-band intervals: a single good interval is not recovery', () => {
    const s = series([...Array(10).fill(1000), 0, 1000, 0, 1000, 1000, 1000, 1000]);
    expect(recoveryTime(s, { faultAt: 10 }).recoverySeconds).toBe(3);
    expect(recoveryTime(s, { faultAt: 10, holdSamples: 1 }).recoverySeconds).toBe(1);
  });

  it('a dip that stays within the tolerance is no disruption: recovery 0', () => {
    const s = series([...Array(10).fill(1000), 950, 1040, 1000, 1000, 1000]);
    expect(recoveryTime(s, { faultAt: 10 })).toMatchObject({ disrupted: false, recoverySeconds: 0, recoveredAt: 10 });
    // A tighter band sees the same dip as a disruption.
    expect(recoveryTime(s, { faultAt: 10, tolerance: 0.02 })).toMatchObject({ disrupted: true, recoverySeconds: 2 });
  });

  it('counts the interval the fault falls in', () => {
    const s = series([...Array(10).fill(1000), 400, 1000, 1000, 1000]);
    expect(recoveryTime(s, { faultAt: 10.5 }).recoverySeconds).toBe(0.5);
  });

  it('leaves the warm-up out of the steady state', () => {
    const s = series([0, 0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 0, 1000, 1000, 1000]);
    expect(recoveryTime(s, { faultAt: 10, warmupSeconds: 6 })).toMatchObject({ steadyState: 1000, recoverySeconds: 1 });
    expect(recoveryTime(s, { faultAt: 10, warmupSeconds: 0 })).toMatchObject({ steadyState: 0, reason: 'the steady state before the fault is 0 messages/s' });
  });

  it('takes the median, so a start-up stall and its catch-up burst do not move the steady state', () => {
    const s = series([1000, 0, 9000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 0, 1000, 1000, 1000]);
    expect(recoveryTime(s, { faultAt: 10 })).toMatchObject({ steadyState: 1000, recoverySeconds: 1 });
  });

  it('says why when throughput never comes back', () => {
    const r = recoveryTime(series([...Array(10).fill(1000), 0, 0, 200, 300, 300]), { faultAt: 10 });
    expect(r.recoverySeconds).toBeUndefined();
    expect(r.reason).toBe('throughput did not stay within 10% of 1000.0/s for 3 intervals before the run ended');
  });

  it('says why when there is no steady state before the fault', () => {
    const r = recoveryTime(series([1000, 1000, 0, 1000]), { faultAt: 1 });
    expect(r.recoverySeconds).toBeUndefined();
    expect(r.reason).toMatch(/no interval between the warm-up \(1 s\) and the fault \(1 s\)/);
  });

  it('rejects a tolerance outside (0, 1) and a hold that is not a whole number ≥ 1', () => {
    expect(() => recoveryTime(series([1, 1]), { faultAt: 1, tolerance: 1.5 })).toThrow('recovery: tolerance 1.5 must be between 0 and 1');
    expect(() => recoveryTime(series([1, 1]), { faultAt: 1, holdSamples: 0 })).toThrow('recovery: holdSamples 0 must be a whole number ≥ 1');
  });
});

describe('ratesFromCumulative', () => {
  it('turns cumulative counts into per-second rates and drops a short final interval', () => {
    const points: CountPoint[] = [
      { t: 0.25, count: 250 },
      { t: 0.5, count: 500 },
      { t: 0.75, count: 760 },
      { t: 1.0, count: 1000 },
      { t: 1.02, count: 1003 },
    ];
    const rates = ratesFromCumulative(points);
    expect(rates.map((r) => Math.round(r.rate))).toEqual([1000, 1040, 960]);
    expect(rates[rates.length - 1]).toMatchObject({ start: 0.75, end: 1 });
  });

  it('is empty for fewer than two points', () => {
    expect(ratesFromCumulative([{ t: 1, count: 5 }])).toEqual([]);
  });
});

describe('recovery on recorded runs', () => {
  it('RabbitMQ killed at 9.001 s, back serving after ~6.9 s: throughput within 10% from 16.501 s — 7.5 s', () => {
    const out = fixture('rabbitmq-recovery.jsonl');
    const r = recoveryOf(out, 9.001);
    expect(r.steadyState).toBeGreaterThan(990);
    expect(r.steadyState).toBeLessThan(1010);
    expect(r).toMatchObject({ disrupted: true, minRate: 0, recoveredAt: 16.501, recoverySeconds: 7.5 });
    // No acknowledged message was lost across the crash.
    expect(out.result.lostMessages).toBe(0);
    expect(out.result.uniqueDelivered[0]).toBe(out.result.acked);
  });

  it('RabbitMQ whose restart outlasted the run: not recovered, and no acknowledged message lost', () => {
    const out = fixture('rabbitmq-recovery-slow-restart.jsonl');
    const r = recoveryOf(out, 8.002);
    expect(r.recoverySeconds).toBeUndefined();
    expect(r.minRate).toBe(0);
    expect(r.reason).toMatch(/did not stay within 10%/);
    expect(out.result.lostMessages).toBe(0);
  });

  it('Kafka killed at 9.053 s: the JVM took ~14 s to listen again and the consumer group rejoined at 27.75 s — 18.948 s', () => {
    const out = fixture('kafka-recovery.jsonl');
    const r = recoveryOf(out, 9.053);
    expect(r).toMatchObject({ disrupted: true, minRate: 0, recoveredAt: 28.001, recoverySeconds: 18.948 });
    // The producer's retries kept every publish: none failed, none lost; the consumer re-read from its last commit.
    expect(out.result.publishErrors).toEqual({});
    expect(out.result).toMatchObject({ acked: 30000, lostMessages: 0, duplicates: 4141, uniqueDelivered: [30000] });
  });

  it('NATS restarts in milliseconds: the client buffers through it and throughput never leaves the band', () => {
    const out = fixture('nats-recovery.jsonl');
    const r = recoveryOf(out, 8);
    expect(r).toMatchObject({ disrupted: false, recoverySeconds: 0 });
    expect(r.minRate).toBeGreaterThan(900);
    expect(out.result.lostMessages).toBe(0);
  });
});
