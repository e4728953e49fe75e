/**
 * ToolReport → RunResult, the same for the local target and the cluster reader: throughput in
 * transactions/s (the tool's own tps over the measured window), latency from the HDR histogram
 * (kept, encoded, so runs merge later), errors by kind, thresholds of the profile (minRps is
 * checked against transactions/s), per-transaction-type endpoints when the tool reports them
 * (tpccstyle), and notes saying how the run was driven and what the tool's own summary said.
 */
import { ResolvedLoadProfile } from '../../src/load/profile';
import { HISTOGRAM_ENCODING, HISTOGRAM_UNIT, encodeHistogram, summarizeHistogram } from '../../src/results/histogram';
import { Environment } from '../../src/results/environment';
import { RunResult, RunResultSchema, ResourceUsageSchema } from '../../src/results/run-result';
import { evaluateThresholds } from '../../src/results/thresholds';
import { describeIssue } from '../../src/config/errors';
import { z } from 'zod';
import { RunPlan } from './run-plan';
import { ToolReport } from './parsers/tool-report';
import { WorkloadName } from './workloads';

/** Everything besides the tool's report that a RunResult needs. */
export interface RunResultContext {
  readonly experiment: string;
  readonly variant: string;
  readonly target: string;
  readonly workload: WorkloadName;
  readonly label?: string;
  readonly profile: ResolvedLoadProfile;
  readonly plan: RunPlan;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly resources: ReadonlyArray<z.infer<typeof ResourceUsageSchema>>;
  readonly environment: Environment;
  /** Extra notes (provisioning, data size, complexity score, ...). */
  readonly notes?: readonly string[];
  /** Id prefix; the start time is appended. @default `<experiment>-<variant>-<workload>` */
  readonly idPrefix?: string;
}

const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Notes summarising the tool's own figures next to the histogram's. */
function toolNotes(r: ToolReport, p95: number): string[] {
  const notes = [`${r.tool}${r.toolVersion ? ` ${r.toolVersion}` : ''}: ${r.transactions} transactions in ${round(r.durationSeconds, 2)} s (${round(r.tps, 2)} tps); tool's mean latency ${r.summary.latencyAvgMs} ms`];
  if (r.summary.percentile) notes.push(`sysbench's own ${r.summary.percentile.p}th percentile ${r.summary.percentile.ms} ms (histogram p95 ${p95} ms)`);
  if (r.summary.queries) notes.push(`queries: ${r.summary.queries.read} read, ${r.summary.queries.write} write, ${r.summary.queries.other} other (${round(r.summary.queries.perSecond, 1)} per second)`);
  if (r.intervals.length > 1) {
    const tps = r.intervals.map((i) => i.tps);
    const mean = tps.reduce((a, b) => a + b, 0) / tps.length;
    const sd = Math.sqrt(tps.reduce((a, b) => a + (b - mean) ** 2, 0) / tps.length);
    notes.push(`interval tps over ${tps.length} reports: min ${round(Math.min(...tps), 1)}, max ${round(Math.max(...tps), 1)}, coefficient of variation ${round(mean ? sd / mean : 0, 3)}`);
  }
  if (r.statements.length) {
    notes.push(`statement mean latencies (ms): ${r.statements.map((s) => `${s.statement.replace(/\s+/g, ' ').slice(0, 60)} = ${s.latencyMs}`).join('; ')}`);
  }
  return [...notes, ...r.notes];
}

/** A validated RunResult of one database workload run; throws naming the invalid fields. */
export function buildDatabaseRunResult(report: ToolReport, ctx: RunResultContext): RunResult {
  const latency = summarizeHistogram(report.histogram);
  const failed = Object.values(report.errorsByKind).reduce((a, b) => a + b, 0);
  const attempted = report.transactions + failed;
  const thresholds = evaluateThresholds(ctx.profile.thresholds, { p95Ms: latency.p95, p99Ms: latency.p99, errorRate: attempted ? failed / attempted : 0, rps: report.tps });
  const doc = {
    kind: 'perflab.dev/RunResult',
    version: 1,
    id: `${ctx.idPrefix ?? `${ctx.experiment}-${ctx.variant}-${ctx.workload}`}-${stamp(ctx.startedAt)}`,
    experiment: ctx.experiment,
    variant: ctx.variant,
    target: ctx.target,
    label: ctx.label,
    profile: ctx.profile,
    startedAt: ctx.startedAt.toISOString(),
    finishedAt: ctx.finishedAt.toISOString(),
    durationSeconds: round(report.durationSeconds),
    loadGenerator: { name: report.tool, version: report.toolVersion ?? 'unknown' },
    latency: {
      ...latency,
      histogram: report.histogram.totalCount > 0 ? { encoding: HISTOGRAM_ENCODING, unit: HISTOGRAM_UNIT, data: encodeHistogram(report.histogram) } : undefined,
    },
    throughput: { transactionsPerSecond: round(report.tps, 3), totalTransactions: report.transactions },
    errors: { total: failed, rate: attempted ? Math.min(1, failed / attempted) : 0, byKind: { ...report.errorsByKind } },
    endpoints: (report.endpoints ?? []).map((e) => ({
      name: e.name,
      requests: e.requests,
      errors: e.errors,
      latency: { ...summarizeHistogram(e.histogram), histogram: e.histogram.totalCount > 0 ? { encoding: HISTOGRAM_ENCODING, unit: HISTOGRAM_UNIT, data: encodeHistogram(e.histogram) } : undefined },
    })),
    resources: ctx.resources.map((r) => ({ ...r })),
    thresholds: thresholds.map((t) => (t.metric === 'throughput.rps' ? { ...t, metric: 'throughput.tps' } : t)),
    thresholdsPassed: thresholds.every((t) => t.passed) && report.transactions > 0,
    environment: ctx.environment,
    notes: [`workload ${ctx.workload}`, ...ctx.plan.notes, ...toolNotes(report, latency.p95), ...(ctx.notes ?? [])],
  };
  const parsed = RunResultSchema.safeParse(doc);
  if (!parsed.success) {
    throw new Error(`the RunResult of ${ctx.variant}/${ctx.workload} is invalid: ${parsed.error.issues.slice(0, 5).map((i) => describeIssue(i, doc, '')).join('; ')}`);
  }
  return parsed.data;
}
