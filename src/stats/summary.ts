/** Per-figure medians with bootstrap CIs of one group of repeated runs (no comparison). */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { RunResult } from '../results/run-result';
import { BootstrapOptions, bootstrapMedian } from './bootstrap';
import { METRICS, MetricDefinition, figuresOf } from './metrics';
import { SideSummary } from './compare';

/** One figure of a group: median of the runs, its CI and the coefficient of variation across runs. */
export interface FigureSummary extends SideSummary {
  readonly metric: MetricDefinition;
  /** Sample standard deviation / mean across runs; undefined with fewer than 2 runs or a zero mean. */
  readonly cv?: number;
}

/** Summaries of every figure the group's runs report. */
export function summarizeGroup(results: readonly RunResult[], opts: BootstrapOptions = {}): FigureSummary[] {
  const out: FigureSummary[] = [];
  for (const metric of METRICS) {
    const values = figuresOf(results, metric);
    if (values.length === 0) continue;
    const avg = mean(values);
    const cv = values.length >= 2 && avg !== 0 ? sampleStandardDeviation(values) / Math.abs(avg) : undefined;
    out.push({ metric, ...bootstrapMedian(values, opts), runs: values.length, values, cv });
  }
  return out;
}
