/**
 * Resource use of a set of pods from PodMetrics samples (metrics.k8s.io) taken while the load
 * ran. Each poll is one round; rounds whose (pod, timestamp) pairs repeat the previous round are
 * dropped (metrics-server refreshes every ~15 s). CPU core-seconds are the mean cores over the
 * rounds times the run's duration; memory is the summed working set, averaged and peaked; both have a p95 over the rounds.
 */
import { z } from 'zod';
import { ResourceUsageSchema } from '../results/run-result';
import { PodMetricsSample } from './cluster-client';
import { nearestRankPercentile } from '../stats/usage-percentiles';

/** Resources one component used (RunResult.resources entry). */
export type ResourceUsage = z.infer<typeof ResourceUsageSchema>;

/** Source tag of figures from the Kubernetes metrics API. */
export const METRICS_SOURCE = 'metrics.k8s.io';

/** Collects PodMetrics rounds for one component. */
export class PodUsageSampler {
  private readonly rounds: PodMetricsSample[][] = [];
  private lastKey = '';

  constructor(readonly component: string) {}

  /** Adds one poll's samples; repeats of the previous round and samples before `notBefore` are ignored. */
  add(samples: readonly PodMetricsSample[], notBefore?: string): void {
    const kept = samples.filter((s) => notBefore === undefined || Date.parse(s.timestamp) >= Date.parse(notBefore));
    if (kept.length === 0) return;
    const key = kept
      .map((s) => `${s.pod}@${s.timestamp}`)
      .sort()
      .join(',');
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.rounds.push([...kept]);
  }

  /** Distinct rounds collected. */
  get size(): number {
    return this.rounds.length;
  }

  /** Usage over a run of `durationSeconds`, or undefined without any round. */
  usage(durationSeconds: number): ResourceUsage | undefined {
    if (this.rounds.length === 0) return undefined;
    const cpu = this.rounds.map((r) => r.reduce((s, x) => s + x.cpuCores, 0));
    const mem = this.rounds.map((r) => r.reduce((s, x) => s + x.memoryBytes, 0));
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const cores = mean(cpu);
    return {
      component: this.component,
      cpuCoreSeconds: Math.round(cores * Math.max(0, durationSeconds) * 1000) / 1000,
      cpuCoresAvg: Math.round(cores * 1000) / 1000,
      memoryAvgBytes: Math.round(mean(mem)),
      memoryPeakBytes: Math.max(...mem),
      samples: this.rounds.length,
      source: METRICS_SOURCE,
      cpuCoresP95: Math.round((nearestRankPercentile(cpu, 95) ?? 0) * 1000) / 1000,
      memoryP95Bytes: nearestRankPercentile(mem, 95) ?? 0,
    };
  }
}
