/**
 * Joins resource figures of one component measured in parts — a broker killed and restarted
 * mid-run runs as two processes — into one ResourceUsage over the whole run.
 */
import { ResourceUsage } from '../../../src/local/resource-sampler';

/** One usage for `component` over `wallSeconds`, from the parts' CPU, samples and memory. */
export function combineUsage(parts: readonly ResourceUsage[], component: string, wallSeconds: number): ResourceUsage {
  if (parts.length === 1) return { ...parts[0], component };
  const samples = parts.reduce((a, p) => a + p.samples, 0);
  const cpu = parts.reduce((a, p) => a + p.cpuCoreSeconds, 0);
  const memWeighted = parts.reduce((a, p) => a + p.memoryAvgBytes * p.samples, 0);
  return {
    component,
    cpuCoreSeconds: Math.round(cpu * 1000) / 1000,
    cpuCoresAvg: Math.round((cpu / Math.max(0.001, wallSeconds)) * 1000) / 1000,
    memoryAvgBytes: samples ? Math.round(memWeighted / samples) : 0,
    memoryPeakBytes: parts.reduce((a, p) => Math.max(a, p.memoryPeakBytes), 0),
    samples,
    source: parts[0]?.source ?? 'procfs',
  };
}
