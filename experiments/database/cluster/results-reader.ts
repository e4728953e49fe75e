/**
 * The database results reader: waits for the workload Job (src/cluster/await-runner.ts, which
 * also samples PodMetrics), reads the tool's report from the Job's pod log (job-log.ts), keeps
 * only the database pods' metrics taken during the measured run, fingerprints the node and
 * prices the run — a cloud database at its list price, an in-cluster one through the cost tool
 * or the pricing model (src/cluster/run-cost.ts). A failed Job fails with its last log lines.
 */
import { LABEL } from '../../../constructs/labels';
import { Clock, RunFailedError, awaitRunner, requireFetchedLogs, systemClock } from '../../../src/cluster/await-runner';
import { ClusterClient, PodMetricsSample, Selector, selectorString } from '../../../src/cluster/cluster-client';
import { clusterEnvironment } from '../../../src/cluster/node-environment';
import { PodUsageSampler } from '../../../src/cluster/pod-usage';
import { priceRun } from '../../../src/cluster/run-cost';
import { HeadlineFigures, RunResultsRequest } from '../../../src/cluster/run-request';
import { podTails } from '../../../src/cluster/runner-logs';
import { RunResult, RunResultSchema } from '../../../src/results/run-result';
import { buildDatabaseRunResult } from '../build-result';
import { parseJobLog } from './job-log';
import { DatabaseResultsRequest } from './request';
import { startupFigures } from '../../../src/cluster/startup-figures';

/** What the reader returns. */
export interface DatabaseResultsOutcome {
  readonly runResult: RunResult;
  readonly headline: HeadlineFigures;
}

/** A selector that matches no pod (cloud databases have none to sample). */
const NO_PODS: Selector = { [LABEL.component]: 'database', [LABEL.name]: 'cloud-managed-no-pods' };

/** The shared reader's request shape for the workload Job (its messages say "k6"; ours are rewritten). */
function runnerRequest(req: DatabaseResultsRequest): RunResultsRequest {
  return {
    namespace: req.namespace, runId: req.runId, label: req.label, experiment: req.experiment, variant: req.variant, target: req.target,
    runner: { kind: 'Job', name: req.job.name, selector: req.job.selector, parallelism: 1 },
    sut: { selector: req.databaseSelector ?? NO_PODS, component: req.databaseComponent },
    profile: req.profile, timeoutSeconds: req.timeoutSeconds, pollSeconds: req.pollSeconds, k6Version: 'none', cost: req.cost,
  };
}

const workloadWording = (m: string): string => m.replace(/k6 (Job|TestRun) /g, 'workload Job ').replace(/k6 runner/g, 'workload pod');

/** Captures every PodMetrics answer for the database selector, with the time it was taken. */
function recordingClient(client: ClusterClient, selector: Selector | undefined, into: PodMetricsSample[][]): ClusterClient {
  const key = selector ? selectorString(selector) : undefined;
  return {
    jobStatus: (ns, n) => client.jobStatus(ns, n),
    testRunStatus: (ns, n) => client.testRunStatus(ns, n),
    pods: (ns, s) => client.pods(ns, s),
    podLogs: (ns, s, t) => client.podLogs(ns, s, t),
    nodes: () => client.nodes(),
    openCostHttp: client.openCostHttp?.bind(client),
    podMetrics: async (ns, s) => {
      const samples = await client.podMetrics(ns, s);
      if (samples && key !== undefined && selectorString(s) === key) into.push(samples);
      return samples;
    },
  };
}

/** Waits for the run and returns its RunResult; throws RunFailedError when there is none to give. */
export async function readDatabaseRunResults(client: ClusterClient, req: DatabaseResultsRequest, clock: Clock = systemClock): Promise<DatabaseResultsOutcome> {
  const rounds: PodMetricsSample[][] = [];
  const rr = runnerRequest(req);
  const watched = recordingClient(client, req.databaseSelector, rounds);
  let waited;
  try {
    waited = await awaitRunner(watched, rr, clock);
  } catch (err) {
    if (err instanceof RunFailedError) throw new RunFailedError(workloadWording(err.message), err.kind);
    throw err;
  }
  const pods = await client.podLogs(req.namespace, req.job.selector);
  const where = `workload Job ${req.namespace}/${req.job.name}`;
  const pod = pods[0];
  if (!pod) throw new RunFailedError(`${where} finished but its pod is gone (${podTails(req.namespace, pods)})`, 'summary');
  if (waited.status.state === 'failed' || pod.phase === 'Failed' || (pod.exitCode !== undefined && pod.exitCode !== 0)) {
    const why = waited.status.state === 'failed' ? `${waited.status.reason ?? 'failed'}${waited.status.message ? `: ${waited.status.message}` : ''}` : `pod ${pod.name} exited with code ${pod.exitCode ?? '?'}`;
    const timedOut = waited.status.reason === 'DeadlineExceeded';
    throw new RunFailedError(`${where} ${timedOut ? 'timed out (activeDeadlineSeconds exceeded)' : 'failed'}: ${why}.\n${workloadWording(podTails(req.namespace, pods))}`, timedOut ? 'timeout' : 'failed');
  }
  requireFetchedLogs(where, req.namespace, [pod]);
  let parsed;
  try {
    parsed = parseJobLog(pod.log, `pod ${req.namespace}/${pod.name} log`);
  } catch (err) {
    throw new RunFailedError(`${where} finished but its report could not be read: ${(err as Error).message}\n${workloadWording(podTails(req.namespace, pods))}`, 'summary');
  }
  const { report, sections } = parsed;
  const finishedAt = new Date(waited.status.completionTime ?? clock.now());
  const startedAt = sections.startedAtEpoch !== undefined ? new Date(sections.startedAtEpoch * 1000) : new Date(finishedAt.getTime() - report.durationSeconds * 1000);
  const notes = [...req.notes];
  const sampler = new PodUsageSampler(req.databaseComponent);
  for (const r of rounds) sampler.add(r, startedAt.toISOString());
  const usage = req.databaseSelector ? sampler.usage(report.durationSeconds) : undefined;
  if (usage) notes.push(`database resources from ${usage.samples} metrics.k8s.io sample(s) taken during the measured run; CPU core-seconds = mean cores × run duration`);
  else notes.push(req.databaseSelector ? `no database resource figures: ${waited.metricsNotes.join('; ') || 'no PodMetrics sample fell inside the measured run'}` : 'cloud-managed database: no pod to measure (its CPU and memory live in the cloud provider\'s monitoring)');

  const dbPods = req.databaseSelector ? await client.pods(req.namespace, req.databaseSelector).catch(() => []) : [];
  const nodes = await client.nodes().catch(() => []);
  const environment = clusterEnvironment(req.target, nodes, dbPods[0]?.nodeName ?? pod.nodeName, { [report.tool]: report.toolVersion ?? 'unknown', image: req.image }, notes);
  if (req.storageClass) environment.storageClass = req.storageClass;
  if (dbPods.some((p) => p.nodeName && p.nodeName === pod.nodeName)) notes.push(`the workload pod ran on node ${pod.nodeName} with the database: the tool competed with it for CPU`);

  let result = buildDatabaseRunResult(report, {
    experiment: req.experiment, variant: req.variant, target: req.target, workload: req.workload, label: req.label, profile: req.profile, plan: req.plan,
    startedAt, finishedAt, resources: usage ? [usage] : [], environment, notes, idPrefix: req.runId,
  });
  if (dbPods.length) {
    const startup = startupFigures(dbPods, nodes);
    result = { ...result, coldStartMs: startup.coldStartMs, imageSize: startup.imageSize, notes: [...result.notes, ...startup.notes.map((n) => `database ${n}`)] };
  }
  if (req.hourlyUsd !== undefined) {
    const total = Math.round(req.hourlyUsd * (result.durationSeconds / 3600) * 1e6) / 1e6;
    const tx = result.throughput.totalTransactions ?? 0;
    result = RunResultSchema.parse({
      ...result,
      cost: { source: 'modelled', currency: 'USD', totalCost: total, costPerMillion: tx ? (total / tx) * 1e6 : undefined, unit: 'transactions', pricing: req.hourlyBasis, window: { start: result.startedAt, end: result.finishedAt } },
      notes: [...result.notes, `cost: the managed database's list price for the measured window (${req.hourlyBasis})`],
    });
  } else {
    result = await priceRun(client, rr, result, clock);
  }
  return {
    runResult: result,
    headline: {
      p50Ms: result.latency.p50,
      p95Ms: result.latency.p95,
      p99Ms: result.latency.p99,
      rps: result.throughput.transactionsPerSecond ?? 0,
      errorRate: result.errors.rate,
      cpuCoreSeconds: usage?.cpuCoreSeconds,
      memoryPeakBytes: usage?.memoryPeakBytes,
      thresholdsPassed: result.thresholdsPassed,
    },
  };
}
