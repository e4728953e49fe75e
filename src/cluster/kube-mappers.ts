/**
 * Pure mappers from Kubernetes API objects (as @kubernetes/client-node returns them) to the
 * ClusterClient seam's plain data: Job and TestRun status, pods, PodMetrics and Nodes. Kept
 * apart from the client so they are tested on API-shaped fixtures without a cluster.
 */
import type * as k8s from '@kubernetes/client-node';
import { LogFetchError, NodeInfo, PodInfo, PodMetricsSample, RunnerStatus } from './cluster-client';
import { parseQuantity } from './quantity';

/** `15s`, `1m0s`, `10.5s`, `500ms` → seconds. */
export function parseGoDuration(d: string): number {
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;
  const factors: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, 'µs': 1e-6, ns: 1e-9 };
  for (let m = re.exec(d); m; m = re.exec(d)) total += Number(m[1]) * factors[m[2]];
  return total;
}

/**
 * Normalised status of a Job object. Since Kubernetes 1.31 the Job controller sets
 * `FailureTarget` while it terminates the pods and `Failed` only once they are gone; the run
 * has failed from the first of the two.
 */
export function jobStatusOf(job: k8s.V1Job): RunnerStatus {
  const s = job.status ?? {};
  const iso = (t: Date | string | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());
  const cond = (type: string) => (s.conditions ?? []).find((c) => c.type === type && c.status === 'True');
  const failed = cond('Failed') ?? cond('FailureTarget');
  if (failed) return { state: 'failed', reason: failed.reason, message: failed.message, startTime: iso(s.startTime), completionTime: iso(failed.lastTransitionTime) };
  const complete = cond('Complete');
  if (complete || (s.succeeded ?? 0) > 0) return { state: 'succeeded', startTime: iso(s.startTime), completionTime: iso(s.completionTime ?? complete?.lastTransitionTime) };
  if ((s.active ?? 0) > 0 || s.startTime) return { state: 'running', startTime: iso(s.startTime) };
  return { state: 'pending' };
}

/** Normalised status of a TestRun object (its `status.stage`). */
export function testRunStatusOf(tr: { status?: { stage?: string; conditions?: Array<{ type?: string; reason?: string; message?: string; lastTransitionTime?: string }> } }): RunnerStatus {
  const stage = tr.status?.stage;
  const last = tr.status?.conditions?.[tr.status.conditions.length - 1];
  switch (stage) {
    case 'finished':
      return { state: 'succeeded', reason: 'finished', completionTime: last?.lastTransitionTime };
    case 'error':
      return { state: 'failed', reason: 'TestRun stage "error"', message: last?.message, completionTime: last?.lastTransitionTime };
    case 'started':
    case 'stopped':
      return { state: 'running', reason: `stage ${stage}` };
    default:
      return { state: 'pending', reason: stage ? `stage ${stage}` : 'no status yet' };
  }
}

/**
 * The container of a pod whose log and exit code are read: the one named `container`, or the
 * pod's first container when no name is given. A mesh may inject its proxy as the first
 * container (Linkerd with `proxy.await: true`), so readers of meshed pods name the container.
 * Throws, naming the pod and its containers, when no container has that name.
 */
export function containerOf(p: k8s.V1Pod, container?: string): string | undefined {
  const names = (p.spec?.containers ?? []).map((c) => c.name);
  if (container === undefined) return names[0];
  if (names.includes(container)) return container;
  throw new Error(`pod ${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''} has no container "${container}" (its containers: ${names.join(', ') || 'none'})`);
}

/** PodInfo of a Pod object; the exit code and reason are those of `container` (default: the first container). */
export function podInfoOf(p: k8s.V1Pod, container?: string): PodInfo {
  const name = container ?? p.spec?.containers?.[0]?.name;
  const statuses = p.status?.containerStatuses ?? [];
  const term = (name === undefined ? statuses[0] : statuses.find((s) => s.name === name))?.state?.terminated;
  const since = (type: string): string | undefined => {
    const c = (p.status?.conditions ?? []).find((x) => x.type === type && x.status === 'True');
    return c?.lastTransitionTime === undefined ? undefined : new Date(c.lastTransitionTime).toISOString();
  };
  return {
    name: p.metadata?.name ?? '',
    nodeName: p.spec?.nodeName,
    phase: p.status?.phase ?? 'Unknown',
    exitCode: term?.exitCode,
    terminatedReason: term?.reason,
    containerImages: statuses.map((s) => ({ name: s.name, image: s.image ?? '', imageID: s.imageID ?? '' })),
    scheduledAt: since('PodScheduled'),
    readyAt: since('Ready'),
    restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
  };
}

/** A metrics.k8s.io/v1beta1 PodMetricsList, as far as it is read. */
export interface PodMetricsList {
  items?: Array<{ metadata?: { name?: string }; timestamp?: string; window?: string; containers?: Array<{ name?: string; usage?: { cpu?: string; memory?: string } }> }>;
}

/** Samples of a PodMetricsList (CPU and memory summed over each pod's containers). */
export function podMetricsOf(list: PodMetricsList): PodMetricsSample[] {
  return (list.items ?? []).map((m) => ({
    pod: m.metadata?.name ?? '',
    timestamp: m.timestamp ?? new Date().toISOString(),
    windowSeconds: parseGoDuration(m.window ?? ''),
    cpuCores: (m.containers ?? []).reduce((sum, c) => sum + parseQuantity(c.usage?.cpu ?? '0'), 0),
    memoryBytes: (m.containers ?? []).reduce((sum, c) => sum + parseQuantity(c.usage?.memory ?? '0'), 0),
  }));
}

/** podMetricsOf plus each pod's figures per container (`containers`), so app and proxy sidecars can be told apart. */
export function podContainerMetricsOf(list: PodMetricsList): PodMetricsSample[] {
  const items = list.items ?? [];
  return podMetricsOf(list).map((s, i) => ({
    ...s,
    containers: (items[i].containers ?? []).map((c) => ({ name: c.name ?? '', cpuCores: parseQuantity(c.usage?.cpu ?? '0'), memoryBytes: parseQuantity(c.usage?.memory ?? '0') })),
  }));
}

/** NodeInfo of a Node object. */
export function nodeInfoOf(n: k8s.V1Node): NodeInfo {
  const info = n.status?.nodeInfo;
  const labels = n.metadata?.labels ?? {};
  return {
    name: n.metadata?.name ?? '',
    kernelVersion: info?.kernelVersion ?? 'unknown',
    osImage: info?.osImage ?? 'unknown',
    architecture: info?.architecture ?? 'unknown',
    containerRuntimeVersion: info?.containerRuntimeVersion ?? 'unknown',
    kubeletVersion: info?.kubeletVersion ?? 'unknown',
    instanceType: labels['node.kubernetes.io/instance-type'] ?? labels['beta.kubernetes.io/instance-type'],
    cpuCores: parseQuantity(n.status?.capacity?.cpu ?? '0'),
    memoryBytes: parseQuantity(n.status?.capacity?.memory ?? '0'),
    labels,
    annotations: n.metadata?.annotations ?? {},
    images: (n.status?.images ?? []).map((i) => ({ names: i.names ?? [], sizeBytes: i.sizeBytes ?? 0 })),
  };
}

/**
 * Why a read failed, from a client-node error: an ApiException carries the HTTP status (`code`)
 * and the response body, which for the API server is a Status object whose `message` says what
 * is wrong; any other error (no answer at all) keeps its own message.
 */
export function logFetchErrorOf(err: unknown): LogFetchError {
  const e = (err ?? {}) as { code?: unknown; body?: unknown; message?: unknown };
  const status = typeof e.code === 'number' ? e.code : undefined;
  let body = e.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      // plain text (a proxy's error page): used as it is
    }
  }
  const bodyMessage = typeof body === 'string' ? body.trim() : (body as { message?: unknown } | null | undefined)?.message;
  const text = String(e.message ?? err);
  // An ApiException's own message is `HTTP-Code: 401\nMessage: Unauthorized\nBody: ...`.
  const apiMessage = status !== undefined ? /^Message: (.*)$/m.exec(text)?.[1] : undefined;
  const message = (typeof bodyMessage === 'string' && bodyMessage) || apiMessage || text;
  return status === undefined ? { message } : { status, message };
}
