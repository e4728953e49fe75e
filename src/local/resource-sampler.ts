/**
 * Samples a local process's CPU time and resident memory while load runs (pidusage: procfs on
 * Linux, ps elsewhere), giving CPU core-seconds, average / peak / p95 memory and p95 CPU cores for the RunResult.
 */
import pidusage from 'pidusage';
import { z } from 'zod';
import { ResourceUsageSchema } from '../results/run-result';
import { CpuReading, usageP95 } from '../stats/usage-percentiles';

/** Resources one component used. */
export type ResourceUsage = z.infer<typeof ResourceUsageSchema>;

/** A running sampler; `stop()` returns the usage over the sampled window. */
export interface ResourceSampler {
  stop(): Promise<ResourceUsage>;
}

/** Starts sampling `pid` every `intervalMs` (default 250 ms) under the name `component`. */
export function startResourceSampler(pid: number, component: string, intervalMs = 250): ResourceSampler {
  const rss: number[] = [];
  const cpuReadings: CpuReading[] = [];
  let pending: Promise<void> = Promise.resolve();
  // Samples can resolve out of order (each is an async procfs read), so the window is taken
  // from the smallest and largest readings, not from the first and last to arrive.
  const sample = (): void => {
    const read = pidusage(pid)
      .then((s) => {
        rss.push(s.memory);
        cpuReadings.push({ atMs: s.timestamp, cpuSeconds: s.ctime / 1000 });
      })
      .catch(() => undefined);
    pending = Promise.all([pending, read]).then(() => undefined);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    async stop(): Promise<ResourceUsage> {
      clearInterval(timer);
      await pending;
      sample();
      await pending;
      pidusage.clear();
      cpuReadings.sort((a, b) => a.atMs - b.atMs);
      const ctimes = cpuReadings.map((r) => r.cpuSeconds);
      const cpu = ctimes.length ? Math.max(...ctimes) - Math.min(...ctimes) : 0;
      const wall = cpuReadings.length ? Math.max(0.001, (cpuReadings[cpuReadings.length - 1].atMs - cpuReadings[0].atMs) / 1000) : 0.001;
      return {
        component,
        cpuCoreSeconds: Math.round(cpu * 1000) / 1000,
        cpuCoresAvg: Math.round((cpu / wall) * 1000) / 1000,
        memoryAvgBytes: rss.length ? Math.round(rss.reduce((a, b) => a + b, 0) / rss.length) : 0,
        memoryPeakBytes: rss.length ? Math.max(...rss) : 0,
        samples: rss.length,
        source: process.platform === 'linux' ? 'procfs' : 'ps',
        ...usageP95(cpuReadings, rss),
      };
    },
  };
}
