/** Builds a RunResult from a local run's measured load plus its context. */
import * as crypto from 'crypto';
import { ResolvedLoadProfile } from '../load/profile';
import { Latency, RunResult, RunResultSchema } from '../results/run-result';
import { HISTOGRAM_ENCODING, HISTOGRAM_UNIT, LatencyHistogram, encodeHistogram, summarizeHistogram } from '../results/histogram';
import { evaluateThresholds } from '../results/thresholds';
import { Environment } from '../results/environment';
import { ResourceUsage } from './resource-sampler';
import { HttpLoadOutcome } from './http-load';
import { MeasuredLoad } from './measured-load';
import { driverUsage } from './driver-usage';
import { SATURATION_WARNING } from '../results/driver-saturation';

/** Everything besides the load outcome that goes into the RunResult. */
export interface HttpRunContext {
  readonly experiment: string;
  readonly variant: string;
  readonly target: string;
  readonly profile: ResolvedLoadProfile;
  readonly loadGenerator: { readonly name: string; readonly version: string };
  readonly resources: readonly ResourceUsage[];
  readonly environment: Environment;
  readonly coldStartMs?: number;
  readonly label?: string;
  readonly notes?: readonly string[];
}

/** A sortable, unique run id: `<experiment>-<variant>-<UTC timestamp>-<random>`. */
export function newRunId(experiment: string, variant: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${experiment}-${variant}-${stamp}-${crypto.randomBytes(3).toString('hex')}`;
}

/** Latency figures plus the encoded histogram. */
export function latencyOf(h: LatencyHistogram): Latency {
  const s = summarizeHistogram(h);
  return h.totalCount === 0 ? s : { ...s, histogram: { encoding: HISTOGRAM_ENCODING, unit: HISTOGRAM_UNIT, data: encodeHistogram(h) } };
}

/** A generator's raw outcome (autocannon's, or the native driver's decoded) as MeasuredLoad. */
export function measuredFromHttpOutcome(outcome: HttpLoadOutcome): MeasuredLoad {
  const errorsTotal = Object.values(outcome.errorsByKind).reduce((a, b) => a + b, 0);
  const rate = outcome.totalRequests === 0 ? 0 : errorsTotal / outcome.totalRequests;
  const rps = outcome.elapsedSeconds > 0 ? outcome.totalRequests / outcome.elapsedSeconds : 0;
  return {
    startedAt: outcome.startedAt,
    finishedAt: outcome.finishedAt,
    durationSeconds: Math.round(outcome.elapsedSeconds * 1000) / 1000,
    latency: latencyOf(outcome.histogram),
    throughput: {
      requestsPerSecond: Math.round(rps * 100) / 100,
      bytesPerSecond: outcome.elapsedSeconds > 0 ? Math.round(outcome.totalBytes / outcome.elapsedSeconds) : 0,
      totalRequests: outcome.totalRequests,
      totalBytes: outcome.totalBytes,
    },
    errors: { total: errorsTotal, rate: Math.min(1, rate), byKind: outcome.errorsByKind },
    endpoints: outcome.endpoints.map((e) => ({ name: e.name, requests: e.requests, errors: e.errors, latency: latencyOf(e.histogram) })),
    aborted: outcome.aborted,
  };
}

/** The RunResult of one local run, validated; thresholds evaluated unless the generator judged them. */
export function buildRunResult(m: MeasuredLoad, ctx: HttpRunContext): RunResult {
  const totalRequests = m.throughput.totalRequests ?? 0;
  const thresholds =
    m.thresholds ??
    evaluateThresholds(ctx.profile.thresholds, {
      p95Ms: m.latency.p95,
      p99Ms: m.latency.p99,
      errorRate: m.errors.rate,
      rps: m.throughput.requestsPerSecond ?? 0,
    });
  const notes = [...(ctx.notes ?? [])];
  const usage = m.driverCpu ? driverUsage(m.driverCpu, m.durationSeconds, totalRequests) : undefined;
  if (usage?.saturated) {
    notes.push(`${SATURATION_WARNING} (its busiest 3 s used ${Math.round(usage.busiestUtilization * 100)}% of ${usage.cores} core${usage.cores === 1 ? '' : 's'})`);
  }
  if (m.aborted) notes.push('run aborted before the profile finished');
  if (totalRequests === 0) notes.push('no request was completed');
  return RunResultSchema.parse({
    kind: 'perflab.dev/RunResult',
    version: 1,
    id: newRunId(ctx.experiment, ctx.variant, m.startedAt),
    experiment: ctx.experiment,
    variant: ctx.variant,
    target: ctx.target,
    label: ctx.label,
    profile: ctx.profile,
    startedAt: m.startedAt.toISOString(),
    finishedAt: m.finishedAt.toISOString(),
    durationSeconds: m.durationSeconds,
    loadGenerator: ctx.loadGenerator,
    loadGeneratorUsage: usage,
    latency: m.latency,
    throughput: m.throughput,
    errors: m.errors,
    endpoints: m.endpoints,
    resources: ctx.resources,
    thresholds,
    thresholdsPassed: thresholds.every((t) => t.passed) && !m.aborted && totalRequests > 0,
    coldStartMs: ctx.coldStartMs === undefined ? undefined : Math.round(ctx.coldStartMs * 10) / 10,
    environment: ctx.environment,
    notes,
  });
}

/** The RunResult of one run of the embedded generator. */
export function buildHttpRunResult(outcome: HttpLoadOutcome, ctx: HttpRunContext): RunResult {
  return buildRunResult(measuredFromHttpOutcome(outcome), ctx);
}
