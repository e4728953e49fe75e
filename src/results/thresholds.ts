/** Checks a run's figures against its profile's thresholds. */
import { Thresholds } from '../load/profile';
import { z } from 'zod';
import { ThresholdResultSchema } from './run-result';

/** Whether one threshold held. */
export type ThresholdResult = z.infer<typeof ThresholdResultSchema>;

/** The figures thresholds are checked on. */
export interface ThresholdInputs {
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly errorRate: number;
  readonly rps: number;
  /** Iterations the load tool dropped (open model); checked only when given with a limit. */
  readonly droppedIterations?: number;
}

/** Evaluates every threshold the profile sets; unset thresholds are not reported. */
export function evaluateThresholds(t: Thresholds, observed: ThresholdInputs): ThresholdResult[] {
  const out: ThresholdResult[] = [];
  if (t.p95Ms !== undefined) out.push({ metric: 'latency.p95', condition: `< ${t.p95Ms} ms`, observed: observed.p95Ms, passed: observed.p95Ms < t.p95Ms });
  if (t.p99Ms !== undefined) out.push({ metric: 'latency.p99', condition: `< ${t.p99Ms} ms`, observed: observed.p99Ms, passed: observed.p99Ms < t.p99Ms });
  if (t.maxErrorRate !== undefined)
    out.push({ metric: 'errors.rate', condition: `<= ${t.maxErrorRate}`, observed: observed.errorRate, passed: observed.errorRate <= t.maxErrorRate });
  if (t.minRps !== undefined) out.push({ metric: 'throughput.rps', condition: `>= ${t.minRps}`, observed: observed.rps, passed: observed.rps >= t.minRps });
  const dropped = observed.droppedIterations;
  if (t.maxDroppedIterations !== undefined && dropped !== undefined) {
    out.push({ metric: 'errors.droppedIterations', condition: `<= ${t.maxDroppedIterations}`, observed: dropped, passed: dropped <= t.maxDroppedIterations });
  }
  return out;
}

/** The parts of a RunResult that say whether and why its thresholds failed. */
export interface ThresholdVerdict {
  readonly id: string;
  readonly thresholdsPassed: boolean;
  readonly thresholds: readonly ThresholdResult[];
  readonly totalRequests?: number;
  readonly notes: readonly string[];
}

/**
 * One line for the stack update when a measured run missed its thresholds (undefined when it
 * passed): each failed threshold with what was observed, or the reader's note when only the load
 * tool's own verdict failed.
 */
export function failedThresholdsMessage(r: ThresholdVerdict): string | undefined {
  if (r.thresholdsPassed) return undefined;
  const failed = r.thresholds.filter((t) => !t.passed).map((t) => `${t.metric} ${t.condition} (observed ${t.observed})`);
  const why = failed.length
    ? failed.join('; ')
    : r.totalRequests === 0
      ? 'no request completed'
      : r.notes.find((n) => n.includes('thresholds failed')) ?? 'the load tool judged a threshold failed';
  return `run ${r.id} was measured but FAILED its thresholds: ${why} (stack output runResult has the figures)`;
}
