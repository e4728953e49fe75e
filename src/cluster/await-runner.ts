/**
 * Waits for a k6 Job or TestRun to finish, sampling the system under test's and the runners'
 * PodMetrics while a k6 runner pod is running. A run that outlives its time fails with the runner's last log
 * lines; a runner that never appears fails with a message saying so.
 */
import { ClusterClient, PodLog, PodMetricsSample, RunnerStatus } from './cluster-client';
import { PodUsageSampler } from './pod-usage';
import { MeasuredComponent, RunResultsRequest, describeRunner } from './run-request';
import { podTails, unfetchedLogs } from './runner-logs';

/** Clock and sleep, injectable so tests need no real time. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/** Seconds a runner may be absent (not yet created) before the reader gives up. @default 120 */
export const NOT_FOUND_GRACE_SECONDS = 120;

/** Consecutive failed status reads (API unreachable, ...) before the reader gives up. @default 5 */
export const MAX_STATUS_READ_FAILURES = 5;

/** A run that did not finish in time, failed, or left no usable summary. */
export class RunFailedError extends Error {
  constructor(
    message: string,
    /** `timeout`, `failed`, `missing`, `summary`, `logs` (a pod's log could not be fetched) or `api` (the cluster could not be read). */
    readonly kind: 'timeout' | 'failed' | 'missing' | 'summary' | 'logs' | 'api',
  ) {
    super(message);
    this.name = 'RunFailedError';
  }
}

/** Throws RunFailedError (`logs`) when some pod's log could not be fetched: `<what> finished but the log of pod ... could not be fetched: ...`. */
export function requireFetchedLogs(what: string, namespace: string, pods: readonly PodLog[]): void {
  const unfetched = unfetchedLogs(namespace, pods);
  if (unfetched) throw new RunFailedError(`${what} finished but ${unfetched}`, 'logs');
}

/** What waiting produced. */
export interface WaitOutcome {
  readonly status: RunnerStatus;
  readonly sut: PodUsageSampler;
  readonly load: PodUsageSampler;
  /** One sampler per `req.components` entry, in order. */
  readonly components: readonly PodUsageSampler[];
  /** Why metrics are missing or partial, if they are. */
  readonly metricsNotes: string[];
}

/**
 * Samples restricted to some containers: CPU and memory summed over the containers in
 * `include` (all when absent) and not in `exclude`. Without any filter the samples pass
 * unchanged; with one, a sample that carries no per-container figures is dropped (counted in
 * `dropped`), since its pod total cannot be split.
 */
export function selectContainers(samples: readonly PodMetricsSample[], include?: readonly string[], exclude?: readonly string[]): { samples: PodMetricsSample[]; dropped: number } {
  if (!include?.length && !exclude?.length) return { samples: [...samples], dropped: 0 };
  const keep = (name: string): boolean => (!include?.length || include.includes(name)) && !exclude?.includes(name);
  const out: PodMetricsSample[] = [];
  let dropped = 0;
  for (const s of samples) {
    if (!s.containers) {
      dropped++;
      continue;
    }
    const kept = s.containers.filter((c) => keep(c.name));
    out.push({ ...s, containers: kept, cpuCores: kept.reduce((a, c) => a + c.cpuCores, 0), memoryBytes: kept.reduce((a, c) => a + c.memoryBytes, 0) });
  }
  return { samples: out, dropped };
}

/** Samples one extra component into its sampler; returns the samples dropped for lack of per-container figures. */
async function sampleComponent(client: ClusterClient, namespace: string, c: MeasuredComponent, sampler: PodUsageSampler, notBefore?: string): Promise<number> {
  const raw = await client.podMetrics(c.namespace ?? namespace, c.selector);
  if (!raw) return 0;
  const { samples, dropped } = selectContainers(raw, c.containers, c.excludeContainers);
  sampler.add(samples, notBefore);
  return dropped;
}

/** Waits until the runner has succeeded or failed; throws RunFailedError on timeout or absence. */
export async function awaitRunner(client: ClusterClient, req: RunResultsRequest, clock: Clock = systemClock): Promise<WaitOutcome> {
  const started = clock.now();
  const deadline = started + req.timeoutSeconds * 1000;
  const sut = new PodUsageSampler(req.sut.component);
  const load = new PodUsageSampler('k6');
  const components = (req.components ?? []).map((c) => new PodUsageSampler(c.component));
  let unsplit = 0;
  const metricsNotes: string[] = [];
  let metricsServed = true;
  let metricErrors = 0;
  let lastError = '';
  let statusFailures = 0;
  const readStatus = async (): Promise<RunnerStatus | undefined | 'error'> => {
    try {
      const s = await (req.runner.kind === 'Job' ? client.jobStatus(req.namespace, req.runner.name) : client.testRunStatus(req.namespace, req.runner.name));
      statusFailures = 0;
      return s;
    } catch (err) {
      if (++statusFailures >= MAX_STATUS_READ_FAILURES) {
        throw new RunFailedError(
          `cannot read ${describeRunner(req)} from the Kubernetes API (${statusFailures} attempts in a row): ${(err as Error).message}. Check that KUBECONFIG (or ~/.kube/config) points at the cluster the stack deployed to.`,
          'api',
        );
      }
      return 'error';
    }
  };

  for (;;) {
    const read = await readStatus();
    if (read === 'error') {
      await clock.sleep(req.pollSeconds * 1000);
      continue;
    }
    const status = read;
    if (status && (status.state === 'succeeded' || status.state === 'failed')) {
      if (sut.size === 0 && metricsServed) metricsNotes.push('no PodMetrics sample was taken while k6 ran (the run had finished before the reader looked, or ran shorter than one poll)');
      if (metricErrors) metricsNotes.push(`${metricErrors} PodMetrics read(s) failed (last: ${lastError})`);
      if (unsplit) metricsNotes.push(`${unsplit} PodMetrics sample(s) had no per-container figures and were left out of container-filtered components`);
      return { status, sut, load, components, metricsNotes };
    }
    const now = clock.now();
    if (!status && now - started >= NOT_FOUND_GRACE_SECONDS * 1000) {
      throw new RunFailedError(`${describeRunner(req)} does not exist (waited ${NOT_FOUND_GRACE_SECONDS} s); was it deleted, or is the k6-operator not installed?`, 'missing');
    }
    if (now >= deadline) {
      const logs = await client.podLogs(req.namespace, req.runner.selector).catch(() => []);
      throw new RunFailedError(
        `${describeRunner(req)} timed out: not finished within ${req.timeoutSeconds} s (state: ${status?.state ?? 'not found'}${status?.reason ? `, ${status.reason}` : ''}).\n${podTails(req.namespace, logs)}`,
        'timeout',
      );
    }
    if (status?.state === 'running' && metricsServed) {
      try {
        // Sample only while k6 itself runs (not while its image is pulled), so idle time does not dilute the figures.
        const k6Running = (await client.pods(req.namespace, req.runner.selector)).some((p) => p.phase === 'Running');
        const s = k6Running ? await client.podMetrics(req.namespace, req.sut.selector) : [];
        if (s === undefined) {
          metricsServed = false;
          metricsNotes.push('metrics.k8s.io is not served by this cluster (no metrics-server): no resource figures');
        } else if (k6Running) {
          const own = selectContainers(s, req.sut.containers, req.sut.excludeContainers);
          unsplit += own.dropped;
          sut.add(own.samples, status.startTime);
          const l = await client.podMetrics(req.namespace, req.runner.selector);
          if (l) load.add(l, status.startTime);
          for (const [i, c] of (req.components ?? []).entries()) unsplit += await sampleComponent(client, req.namespace, c, components[i], status.startTime);
        }
      } catch (err) {
        metricErrors++;
        lastError = (err as Error).message;
      }
    }
    await clock.sleep(Math.max(0, Math.min(req.pollSeconds * 1000, deadline - clock.now())) || 1);
  }
}
