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
  let firstCtimeMs: number | undefined;
  let lastCtimeMs = 0;
  let firstAt = 0;
  let lastAt = 0;
  let pending: Promise<void> = Promise.resolve();
  const sample = (): void => {
    pending = pidusage(pid)
      .then((s) => {
        if (firstCtimeMs === undefined) {
          firstCtimeMs = s.ctime;
          firstAt = s.timestamp;
        }
        lastCtimeMs = s.ctime;
        lastAt = s.timestamp;
        rss.push(s.memory);
        cpuReadings.push({ atMs: s.timestamp, cpuSeconds: s.ctime / 1000 });
      })
      .catch(() => undefined);
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
      const cpu = firstCtimeMs === undefined ? 0 : Math.max(0, lastCtimeMs - firstCtimeMs) / 1000;
      const wall = Math.max(0.001, (lastAt - firstAt) / 1000);
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
