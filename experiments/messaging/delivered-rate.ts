/**
 * Delivered rate beside the acknowledged rate, as PerfTest reports sent and received rates:
 * a broker can acknowledge publishes faster than its consumers receive them (max-throughput on
 * NATS), and the acknowledged rate alone then overstates what the system moves end to end.
 */
import { HarnessResult } from './harness-output';

/** Delivered below this share of the acknowledged rate during production: the consumer fell behind. */
export const BEHIND_RATIO = 0.95;

/** Acknowledged and delivered rates of one run. */
export interface DeliveredRate {
  /** Acknowledged publishes per second of production. */
  readonly ackedPerSecond: number;
  /** First deliveries per subscription per second of production (mean over subscriptions). */
  readonly deliveredPerSecond: number;
  /** Acknowledged messages not yet delivered when production ended, worst subscription. */
  readonly backlogAtEnd: number;
  readonly consumerBehind: boolean;
  readonly notes: string[];
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/** The rates of a run; undefined for harnesses before 0.2.0 (no count at production end). */
export function deliveredRateOf(r: HarnessResult): DeliveredRate | undefined {
  const atEnd = r.deliveredAtProductionEnd;
  if (!atEnd || atEnd.length === 0 || r.productionSeconds <= 0) return undefined;
  const ackedPerSecond = r.acked / r.productionSeconds;
  const deliveredPerSecond = atEnd.reduce((a, b) => a + b, 0) / atEnd.length / r.productionSeconds;
  const backlogAtEnd = Math.max(0, ...atEnd.map((n) => r.acked - n));
  const consumerBehind = r.acked > 0 && deliveredPerSecond < BEHIND_RATIO * ackedPerSecond;
  const notes = [`rates during production: acknowledged ${round1(ackedPerSecond)} msgs/s, delivered ${round1(deliveredPerSecond)} msgs/s per subscription; backlog at the end of production ${backlogAtEnd}`];
  if (consumerBehind) {
    notes.push(
      `consumer fell behind: delivered ${round1(deliveredPerSecond)} msgs/s is below ${BEHIND_RATIO * 100}% of the acknowledged ${round1(ackedPerSecond)} msgs/s; end-to-end latency grows with the backlog, and the acknowledged rate is not an end-to-end rate`,
    );
  }
  return { ackedPerSecond, deliveredPerSecond, backlogAtEnd, consumerBehind, notes };
}
