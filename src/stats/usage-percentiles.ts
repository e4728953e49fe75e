/**
 * The p95 figures of a sampled component: memory's 95th percentile over its samples, and CPU's
 * over the cores used in each sampling interval (CPU time gained ÷ wall time between two samples).
 * Nearest-rank percentile: the smallest sample with at least 95% of the samples at or below it.
 */

/** CPU time (seconds, cumulative) read at a moment (ms since the epoch). */
export interface CpuReading {
  readonly atMs: number;
  readonly cpuSeconds: number;
}

/** The nearest-rank `p`-th percentile (0 < p ≤ 100) of `values`; undefined when there are none. */
export function nearestRankPercentile(values: readonly number[], p: number): number | undefined {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} is not allowed; it must be in (0, 100]`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

/** Cores used in each interval between consecutive readings (intervals shorter than 1 ms are skipped). */
export function coresPerInterval(readings: readonly CpuReading[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < readings.length; i++) {
    const dt = (readings[i].atMs - readings[i - 1].atMs) / 1000;
    if (dt < 0.001) continue;
    out.push(Math.max(0, readings[i].cpuSeconds - readings[i - 1].cpuSeconds) / dt);
  }
  return out;
}

/** `cpuCoresP95` and `memoryP95Bytes` of a ResourceUsage, each present only when there was something to rank. */
export function usageP95(readings: readonly CpuReading[], memorySamples: readonly number[]): { cpuCoresP95?: number; memoryP95Bytes?: number } {
  const cpu = nearestRankPercentile(coresPerInterval(readings), 95);
  const mem = nearestRankPercentile(memorySamples, 95);
  return {
    ...(cpu === undefined ? {} : { cpuCoresP95: Math.round(cpu * 1000) / 1000 }),
    ...(mem === undefined ? {} : { memoryP95Bytes: mem }),
  };
}
