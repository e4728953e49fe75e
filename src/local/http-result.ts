/** Builds a RunResult from a local HTTP load run's raw outcome. */
import * as crypto from 'crypto';
import { ResolvedLoadProfile } from '../load/profile';
import { Latency, RunResult, RunResultSchema } from '../results/run-result';
import { HISTOGRAM_ENCODING, HISTOGRAM_UNIT, LatencyHistogram, encodeHistogram, summarizeHistogram } from '../results/histogram';
import { evaluateThresholds } from '../results/thresholds';
import { Environment } from '../results/environment';
import { ResourceUsage } from './resource-sampler';
import { HttpLoadOutcome } from './http-load';

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

/** The RunResult of one local HTTP run, validated. */
export function buildHttpRunResult(outcome: HttpLoadOutcome, ctx: HttpRunContext): RunResult {
  const latency = latencyOf(outcome.histogram);
  const errorsTotal = Object.values(outcome.errorsByKind).reduce((a, b) => a + b, 0);
  const rate = outcome.totalRequests === 0 ? 0 : errorsTotal / outcome.totalRequests;
  const rps = outcome.elapsedSeconds > 0 ? outcome.totalRequests / outcome.elapsedSeconds : 0;
  const thresholds = evaluateThresholds(ctx.profile.thresholds, { p95Ms: latency.p95, p99Ms: latency.p99, errorRate: rate, rps });
  const notes = [...(ctx.notes ?? [])];
  if (outcome.aborted) notes.push('run aborted before the profile finished');
  if (outcome.totalRequests === 0) notes.push('no request was completed');
  return RunResultSchema.parse({
    kind: 'perflab.dev/RunResult',
    version: 1,
    id: newRunId(ctx.experiment, ctx.variant, outcome.startedAt),
    experiment: ctx.experiment,
    variant: ctx.variant,
    target: ctx.target,
    label: ctx.label,
    profile: ctx.profile,
    startedAt: outcome.startedAt.toISOString(),
    finishedAt: outcome.finishedAt.toISOString(),
    durationSeconds: Math.round(outcome.elapsedSeconds * 1000) / 1000,
    loadGenerator: ctx.loadGenerator,
    latency,
    throughput: {
      requestsPerSecond: Math.round(rps * 100) / 100,
      bytesPerSecond: outcome.elapsedSeconds > 0 ? Math.round(outcome.totalBytes / outcome.elapsedSeconds) : 0,
      totalRequests: outcome.totalRequests,
      totalBytes: outcome.totalBytes,
    },
    errors: { total: errorsTotal, rate: Math.min(1, rate), byKind: outcome.errorsByKind },
    endpoints: outcome.endpoints.map((e) => ({ name: e.name, requests: e.requests, errors: e.errors, latency: latencyOf(e.histogram) })),
    resources: ctx.resources,
    thresholds,
    thresholdsPassed: thresholds.every((t) => t.passed) && !outcome.aborted && outcome.totalRequests > 0,
    coldStartMs: ctx.coldStartMs === undefined ? undefined : Math.round(ctx.coldStartMs * 10) / 10,
    environment: ctx.environment,
    notes,
  });
}
