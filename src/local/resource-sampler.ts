/**
 * Samples a local process's CPU time and resident memory while load runs (synchronous reads of
 * /proc on Linux, pidusage's `ps` elsewhere), giving CPU core-seconds, average / peak / p95
 * memory and p95 CPU cores for the RunResult.
 */
import pidusage from 'pidusage';
import { z } from 'zod';
import { ResourceUsageSchema } from '../results/run-result';
import { CpuReading, usageP95 } from '../stats/usage-percentiles';
import { procAvailable, readStat, rssBytes } from './proc-stat';

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
  const record = (memory: number, cpuSeconds: number, atMs: number): void => {
    rss.push(memory);
    cpuReadings.push({ atMs, cpuSeconds });
  };
  // Linux: a synchronous /proc read per sample. (pidusage caches one descriptor per pid and
  // closes it when a newer reading lands, so overlapping async reads could read a closed or
  // reused descriptor; through it a loaded go server reported 0 CPU seconds in two full-suite runs.)
  const fromProc = procAvailable();
  const sample = (): void => {
    if (fromProc) {
      const stat = readStat(pid);
      const memory = rssBytes(pid);
      if (stat && memory !== undefined) record(memory, stat.cpuSeconds, Date.now());
      return;
    }
    const read = pidusage(pid)
      .then((s) => record(s.memory, s.ctime / 1000, s.timestamp))
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
      if (!fromProc) pidusage.clear();
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
        source: fromProc ? 'procfs' : 'ps',
        ...usageP95(cpuReadings, rss),
      };
    },
  };
}
