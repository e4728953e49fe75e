/**
 * Whether the load generator ran near its own limits: k6 pods throttled at their CPU limit
 * generate less load and add their own queueing to the latencies they report, and pods near their
 * memory limit are about to be OOM-killed (k6 keeps every trend sample: src/load/k6-memory.ts).
 * Judged on the metrics.k8s.io samples the reader takes of the runner pods while k6 runs.
 */
import { RunnerLimits } from './run-request';

/** Share of a limit from which k6 is said to run near it. @default 0.8 */
export const NEAR_LIMIT_SHARE = 0.8;

const gib = (b: number): string => `${(b / 1024 ** 3).toFixed(2)} GiB`;

/**
 * Notes for the RunResult when the runner pods' mean CPU or peak memory (per pod: the sampled
 * sums over `pods`) reached NEAR_LIMIT_SHARE of their limits; empty when they did not, or when
 * the usage or the limits are unknown.
 */
export function loadHeadroomNotes(usage: { readonly cpuCoresAvg: number; readonly memoryPeakBytes: number } | undefined, pods: number, limits: RunnerLimits | undefined, share = NEAR_LIMIT_SHARE): string[] {
  if (!usage || !limits || pods < 1) return [];
  const notes: string[] = [];
  const cores = usage.cpuCoresAvg / pods;
  if (cores >= share * limits.cpuCores) {
    notes.push(
      `load generator near its CPU limit: k6 used ${cores.toFixed(2)} of ${limits.cpuCores} core(s) per pod on average (≥ ${Math.round(share * 100)}%); a throttled k6 sends less load and adds its own delay to the latencies — raise resources.limits.cpu or spread the load (mode testrun)`,
    );
  }
  const peak = usage.memoryPeakBytes / pods;
  if (peak >= share * limits.memoryBytes) {
    notes.push(`load generator near its memory limit: k6 peaked at ${gib(peak)} of ${gib(limits.memoryBytes)} per pod (≥ ${Math.round(share * 100)}%); k6 keeps every trend sample, so a longer or faster run would be OOM-killed without a summary`);
  }
  return notes;
}
