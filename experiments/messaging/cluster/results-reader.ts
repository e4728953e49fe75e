/**
 * The messaging results reader: waits for the harness Job (sampling the broker pods' and the
 * harness pod's PodMetrics meanwhile — the shared awaitRunner), reads the harness's JSON lines
 * from its pod log, and builds the RunResult with the same code as the local target. A failed
 * or timed-out Job fails with the harness's last log lines. The run is priced like every
 * cluster run (src/cluster/run-cost.ts).
 */
import { Clock, RunFailedError, awaitRunner, requireFetchedLogs, systemClock } from '../../../src/cluster/await-runner';
import { ClusterClient } from '../../../src/cluster/cluster-client';
import { clusterEnvironment } from '../../../src/cluster/node-environment';
import { describeRunner } from '../../../src/cluster/run-request';
import { priceRun } from '../../../src/cluster/run-cost';
import { podTails } from '../../../src/cluster/runner-logs';
import { RunResult } from '../../../src/results/run-result';
import { HarnessOutputError, parseHarnessOutput } from '../harness-output';
import { messagingRunResult } from '../messaging-result';
import { MessagingHeadline, MessagingResultsRequest } from './results-request';
import { startupFigures } from '../../../src/cluster/startup-figures';

/** What the reader returns. */
export interface MessagingResultsOutcome {
  readonly runResult: RunResult;
  readonly headline: MessagingHeadline;
}

function stamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Waits for the run and returns its RunResult; throws RunFailedError when there is none to give. */
export async function readMessagingResults(client: ClusterClient, req: MessagingResultsRequest, clock: Clock = systemClock): Promise<MessagingResultsOutcome> {
  const waited = await awaitRunner(client, req, clock);
  const pods = await client.podLogs(req.namespace, req.runner.selector);
  if (waited.status.state === 'failed' || pods.some((p) => p.exitCode !== undefined && p.exitCode !== 0)) {
    const timedOut = waited.status.reason === 'DeadlineExceeded';
    throw new RunFailedError(
      `${describeRunner(req).replace(/^k6/, 'mqbench')} ${timedOut ? 'timed out (activeDeadlineSeconds exceeded)' : 'failed'}: ${waited.status.reason ?? 'failed'}${waited.status.message ? `: ${waited.status.message}` : ''}\n${podTails(req.namespace, pods)}`,
      timedOut ? 'timeout' : 'failed',
    );
  }
  const pod = pods[0];
  if (!pod) throw new RunFailedError(`${describeRunner(req).replace(/^k6/, 'mqbench')} finished but its pod is gone; its output cannot be read`, 'summary');
  requireFetchedLogs(describeRunner(req).replace(/^k6/, 'mqbench'), req.namespace, [pod]);
  let out;
  try {
    out = parseHarnessOutput(pod.log, `pod ${req.namespace}/${pod.name} log`);
  } catch (err) {
    if (!(err instanceof HarnessOutputError)) throw err;
    throw new RunFailedError(`${err.message}\n${podTails(req.namespace, pods)}`, 'summary');
  }
  const notes: string[] = [`harness: mqbench as Job ${req.runner.name} in namespace ${req.namespace}, run ${req.runId}`];
  const seconds = out.result.productionSeconds;
  const resources = [];
  const broker = waited.sut.usage(seconds);
  if (broker) {
    resources.push({ ...broker, component: 'broker' });
    const harness = waited.load.usage(seconds);
    if (harness) resources.push({ ...harness, component: 'harness' });
    notes.push(`resources from ${broker.samples} metrics.k8s.io sample(s) of the broker pods (metrics-server windows)`);
  } else {
    notes.push(`no resource figures: ${waited.metricsNotes.join('; ') || 'no PodMetrics sample fell inside the run'}`);
  }
  const brokerPods = await client.pods(req.namespace, req.sut.selector).catch(() => []);
  const nodes = await client.nodes().catch(() => []);
  const environment = clusterEnvironment(req.target, nodes, brokerPods[0]?.nodeName, { mqbench: out.result.harness.replace(/^mqbench\s*/, ''), client: out.result.client }, notes);
  const startup = startupFigures(brokerPods, nodes, req.sut);
  notes.push(...startup.notes.map((n) => `broker ${n}`));
  const measured = messagingRunResult(out, {
    variant: req.variant,
    run: req.scenarioRun,
    target: req.target,
    profile: req.profile,
    workload: req.workload,
    resources,
    environment,
    label: req.label,
    recoveryTolerance: req.recoveryTolerance,
    natsSync: req.natsSync,
    notes,
    id: `${req.runId}-${stamp(new Date(out.result.productionStartUnixMs).toISOString())}`,
  });
  // Cost of the run: the cost tool's allocation for the run label, or modelled from the measured resources.
  const runResult = await priceRun(client, req, { ...measured, coldStartMs: startup.coldStartMs, imageSize: startup.imageSize }, clock);
  const recovery = runResult.thresholds.find((t) => t.metric === 'messaging.recoverySeconds');
  const publish = runResult.endpoints.find((e) => e.name === 'publish');
  return {
    runResult,
    headline: {
      messagesPerSecond: runResult.throughput.messagesPerSecond ?? 0,
      bytesPerSecond: runResult.throughput.bytesPerSecond ?? 0,
      p50Ms: runResult.latency.p50,
      p95Ms: runResult.latency.p95,
      p99Ms: runResult.latency.p99,
      publishP99Ms: publish?.latency.p99 ?? 0,
      errorRate: runResult.errors.rate,
      lostMessages: out.result.lostMessages,
      recoverySeconds: recovery?.observed,
      brokerCpuCoreSeconds: broker?.cpuCoreSeconds,
      brokerMemoryPeakBytes: broker?.memoryPeakBytes,
      thresholdsPassed: runResult.thresholdsPassed,
    },
  };
}
