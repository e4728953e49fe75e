/**
 * The results reader: waits for a cluster run's k6 runner, reads every runner's summary from
 * its pod log, measures the system under test from PodMetrics, fingerprints the node, and
 * builds a validated RunResult plus the headline figures. A run whose only failure is k6's
 * threshold verdict (exit 99 after a readable summary) is a measured run with
 * `thresholdsPassed: false`; any other failed run throws with the runner's last log lines and
 * the thresholds that failed; an unusable summary throws naming the pod and what is wrong.
 */
import { RunResult, RunResultSchema } from '../results/run-result';
import { evaluateThresholds } from '../results/thresholds';
import { droppedIterationsLimit } from '../load/profile';
import { withManifestRequests } from '../cost/component-requests';
import { describeIssue } from '../config/errors';
import { ClusterClient, PodLog, RunnerStatus } from './cluster-client';
import { Clock, RunFailedError, awaitRunner, requireFetchedLogs, systemClock } from './await-runner';
import { mergeRunnerFigures } from './merge-figures';
import { priceRun } from './run-cost';
import { clusterEnvironment } from './node-environment';
import { HeadlineFigures, RunResultsRequest, describeRunner } from './run-request';
import { RunnerSummary, describeThreshold, failedThresholds, podTails, runnerSummary } from './runner-logs';
import { loadHeadroomNotes } from './load-headroom';
import { startupFigures } from './startup-figures';

/** What the reader returns. */
export interface RunResultsOutcome {
  readonly runResult: RunResult;
  readonly headline: HeadlineFigures;
}

function stamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Summaries of all runner pods, or the reasons they could not be read (one per pod). */
function readSummaries(namespace: string, pods: readonly PodLog[]): { summaries: RunnerSummary[]; problems: string[] } {
  const summaries: RunnerSummary[] = [];
  const problems: string[] = [];
  for (const p of pods) {
    try {
      summaries.push(runnerSummary(namespace, p));
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  return { summaries, problems };
}

/**
 * k6's exit code when thresholds failed; the summary was written first (grafana/k6 v1.3.0
 * errext/exitcodes/codes.go, ThresholdsHaveFailed). Other non-zero codes (97 cloud run failed,
 * 100–110 timeouts, invalid config, aborts) leave no measurement to trust.
 */
export const K6_THRESHOLDS_FAILED_EXIT = 99;

/**
 * True when the run's only failure is k6's own threshold verdict: not timed out, every runner
 * pod printed a readable summary, and every runner that failed exited 99 (a Job then reports
 * BackoffLimitExceeded; a TestRun still reaches `finished`). Such a run is measured and failed.
 */
export function thresholdsFailedOnly(status: RunnerStatus, runners: readonly PodLog[], summaries: readonly RunnerSummary[], problems: readonly string[], parallelism: number): boolean {
  if (status.reason === 'DeadlineExceeded' || problems.length > 0 || summaries.length !== parallelism || summaries.length !== runners.length) return false;
  const failed = runners.filter((p) => p.phase === 'Failed' || (p.exitCode !== undefined && p.exitCode !== 0));
  if (failed.length === 0) return false;
  return failed.every((p) => p.exitCode === K6_THRESHOLDS_FAILED_EXIT);
}

/** Waits for the run and returns its RunResult; throws RunFailedError when there is none to give. */
export async function readRunResults(client: ClusterClient, req: RunResultsRequest, clock: Clock = systemClock): Promise<RunResultsOutcome> {
  const waited = await awaitRunner(client, req, clock);
  const runners = await client.podLogs(req.namespace, req.runner.selector);
  const { summaries, problems } = readSummaries(req.namespace, runners);
  const exitFailures = runners.filter((p) => p.phase === 'Failed' || (p.exitCode !== undefined && p.exitCode !== 0));
  const measuredFailure = thresholdsFailedOnly(waited.status, runners, summaries, problems, req.runner.parallelism);

  if (!measuredFailure && (waited.status.state === 'failed' || exitFailures.length > 0)) {
    const why = waited.status.state === 'failed'
      ? `${waited.status.reason ?? 'failed'}${waited.status.message ? `: ${waited.status.message}` : ''}`
      : exitFailures.map((p) => `runner pod ${p.name} exited with code ${p.exitCode ?? '?'}${p.terminatedReason ? ` (${p.terminatedReason})` : ''}`).join('; ');
    const timedOut = waited.status.reason === 'DeadlineExceeded';
    const failed = summaries.flatMap((s) => failedThresholds(s.figures).map((t) => (summaries.length > 1 ? `${s.pod}: ` : '') + describeThreshold(t)));
    const thresholdText = failed.length
      ? `thresholds that failed: ${failed.join('; ')}`
      : summaries.length
        ? 'no threshold failed (k6 stopped for another reason)'
        : `thresholds unknown: ${problems.join('; ') || 'no summary'}`;
    throw new RunFailedError(
      `${describeRunner(req)} ${timedOut ? 'timed out (activeDeadlineSeconds exceeded)' : 'failed'}: ${why}.\n${thresholdText}\n${podTails(req.namespace, runners)}`,
      timedOut ? 'timeout' : 'failed',
    );
  }
  requireFetchedLogs(describeRunner(req), req.namespace, runners);
  if (problems.length || summaries.length === 0) {
    throw new RunFailedError(
      `${describeRunner(req)} finished but its summary could not be read: ${problems.join('; ') || 'no runner pod found'}\n${podTails(req.namespace, runners)}`,
      'summary',
    );
  }
  if (summaries.length !== req.runner.parallelism) {
    throw new RunFailedError(`${describeRunner(req)}: expected ${req.runner.parallelism} runner summaries, found ${summaries.length} (pods: ${runners.map((r) => r.name).join(', ')})`, 'summary');
  }

  const notes: string[] = [`load: k6 ${req.k6Version} as a ${req.runner.kind}${req.runner.parallelism > 1 ? ` with ${req.runner.parallelism} runners` : ''} in namespace ${req.namespace}, run ${req.runId}`];
  if (measuredFailure) {
    const failed = summaries.flatMap((s) => failedThresholds(s.figures).map((t) => (summaries.length > 1 ? `${s.pod}: ` : '') + describeThreshold(t)));
    notes.push(`k6 exited ${K6_THRESHOLDS_FAILED_EXIT} (thresholds failed) on ${exitFailures.map((p) => p.name).join(', ')} after writing its summary: ${failed.join('; ') || 'no threshold named'}`);
  }
  const merged = mergeRunnerFigures(summaries.map((s) => s.figures));
  if (merged.approximation) notes.push(merged.approximation);
  const f = merged.figures;

  const finishedAt = waited.status.completionTime ?? new Date(clock.now()).toISOString();
  const startedAt = waited.status.startTime ?? new Date(Date.parse(finishedAt) - f.durationSeconds * 1000).toISOString();

  const resources = [];
  const sutUsage = waited.sut.usage(f.durationSeconds);
  if (sutUsage) {
    resources.push(sutUsage);
    const loadUsage = waited.load.usage(f.durationSeconds);
    if (loadUsage) resources.push(loadUsage);
    notes.push(...loadHeadroomNotes(loadUsage, req.runner.parallelism, req.runner.limits));
    for (const c of waited.components) {
      const u = c.usage(f.durationSeconds);
      if (u) resources.push(u);
    }
    notes.push(`resources from ${sutUsage.samples} metrics.k8s.io sample(s) (metrics-server windows); CPU core-seconds = mean cores × run duration`);
  } else {
    notes.push(`no resource figures: ${waited.metricsNotes.join('; ') || 'no PodMetrics sample fell inside the run'}`);
  }
  notes.push(...(sutUsage ? waited.metricsNotes : []));
  const requested = Object.entries(req.requests ?? {});
  if (sutUsage && requested.length) notes.push(`requests and limits of ${requested.map(([c]) => c).join(', ')}: from the run's manifests`);

  const sutPods = await client.pods(req.namespace, req.sut.selector).catch(() => []);
  const sutNodes = new Set(sutPods.map((p) => p.nodeName).filter((n): n is string => !!n));
  for (const r of runners) {
    if (r.nodeName && sutNodes.has(r.nodeName)) notes.push(`k6 runner ${r.name} ran on node ${r.nodeName} with the system under test: load generation competed with it for CPU`);
  }
  const nodes = await client.nodes().catch(() => []);
  const environment = clusterEnvironment(req.target, nodes, sutPods[0]?.nodeName, { k6: req.k6Version }, notes);
  if (req.meshMode) environment.meshMode = req.meshMode;
  const startup = startupFigures(sutPods, nodes, req.sut);
  notes.push(...startup.notes);

  const thresholds = evaluateThresholds(
    { ...req.profile.thresholds, maxDroppedIterations: droppedIterationsLimit(req.profile) },
    { p95Ms: f.latency.p95, p99Ms: f.latency.p99, errorRate: f.errors.rate, rps: f.throughput.requestsPerSecond, droppedIterations: f.droppedIterations },
  );
  const k6Failed = summaries.flatMap((s) => failedThresholds(s.figures));
  const doc = {
    kind: 'perflab.dev/RunResult',
    version: 1,
    id: `${req.runId}-${stamp(startedAt)}`,
    experiment: req.experiment,
    variant: req.variant,
    target: req.target,
    label: req.label,
    profile: req.profile,
    startedAt,
    finishedAt,
    durationSeconds: Math.round(f.durationSeconds * 1000) / 1000,
    loadGenerator: { name: 'k6', version: req.k6Version },
    latency: f.latency,
    throughput: f.throughput,
    errors: { ...f.errors, rate: Math.min(1, f.errors.rate) },
    endpoints: f.endpoints,
    resources: withManifestRequests(resources, new Map(requested)),
    thresholds,
    thresholdsPassed: thresholds.every((t) => t.passed) && k6Failed.length === 0 && f.throughput.totalRequests > 0,
    coldStartMs: startup.coldStartMs,
    imageSize: startup.imageSize,
    environment,
    notes,
  };
  const parsed = RunResultSchema.safeParse(doc);
  if (!parsed.success) {
    throw new RunFailedError(`${describeRunner(req)}: the RunResult built from its summary is invalid: ${parsed.error.issues.slice(0, 5).map((i) => describeIssue(i, doc, '')).join('; ')}`, 'summary');
  }
  const r = await priceRun(client, req, parsed.data, clock);
  return {
    runResult: r,
    headline: {
      p50Ms: r.latency.p50,
      p95Ms: r.latency.p95,
      p99Ms: r.latency.p99,
      rps: r.throughput.requestsPerSecond ?? 0,
      errorRate: r.errors.rate,
      cpuCoreSeconds: sutUsage?.cpuCoreSeconds,
      memoryPeakBytes: sutUsage?.memoryPeakBytes,
      thresholdsPassed: r.thresholdsPassed,
    },
  };
}
