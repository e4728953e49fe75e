/**
 * The producer's pacing error: how late mqbench's pacer sent each on-schedule message
 * (send time − intended time). Latency is measured from the actual send for those messages, so
 * the error is not in any latency figure; it is reported beside them as its own histogram (the
 * `send-lateness` endpoint) so a busy machine or a sloppy timer shows instead of hiding.
 */
import { latencyOf } from '../../src/local/http-result';
import { decodeHistogram } from '../../src/results/histogram';
import { RunResult } from '../../src/results/run-result';
import { HarnessResult } from './harness-output';

/** Pacing error p99 the harness should keep under at 1000 msg/s on an idle machine, µs. */
export const PACING_P99_LIMIT_US = 100;

/** Name of the endpoint that carries the pacing error histogram. */
export const PACING_ENDPOINT = 'send-lateness';

/** The pacing figures of a run; undefined for unthrottled runs and for harnesses before 0.2.0. */
export interface Pacing {
  readonly endpoint: RunResult['endpoints'][number];
  /** p99 of send lateness, µs. */
  readonly p99Us: number;
  readonly heldBack: number;
  readonly notes: string[];
}

/** Pacing figures and notes from the harness's result line. */
export function pacingOf(r: HarnessResult): Pacing | undefined {
  if (!r.pacingLatenessUs) return undefined;
  const latency = latencyOf(decodeHistogram(r.pacingLatenessUs));
  const heldBack = r.heldBack ?? 0;
  const p99Us = Math.round(latency.p99 * 1000);
  const notes = [
    `pacing: on-schedule messages left p50 ${Math.round(latency.p50 * 1000)} µs / p99 ${p99Us} µs after their intended time (the harness's own timer error, endpoint ${PACING_ENDPOINT}; not counted as latency)` +
      (heldBack ? `; ${heldBack} message(s) were held back by the broker and are timed from their intended send time` : ''),
  ];
  if (p99Us > PACING_P99_LIMIT_US) {
    notes.push(`pacing error p99 ${p99Us} µs is above ${PACING_P99_LIMIT_US} µs: the producer could not keep its schedule precisely (busy machine?), so messages left later and more bunched than scheduled`);
  }
  return { endpoint: { name: PACING_ENDPOINT, requests: latency.count, errors: 0, latency }, p99Us, heldBack, notes };
}
