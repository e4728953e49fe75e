/**
 * Reading k6 runner logs: the summary each runner printed (extractSummaryFromLog +
 * parseK6Summary), the thresholds k6 itself judged failed, and the last log lines — without
 * the one-line summary JSON — for error messages.
 */
import { SUMMARY_BEGIN_MARKER, SUMMARY_END_MARKER } from '../load/k6-script';
import { K6SummaryFigures, extractSummaryFromLog, parseK6Summary } from '../results/k6-summary';
import { ThresholdResult } from '../results/thresholds';
import { PodLog } from './cluster-client';

/** Lines of a runner's log quoted in failure messages. @default 20 */
export const LOG_TAIL_LINES = 20;

/** A runner pod's parsed summary. */
export interface RunnerSummary {
  readonly pod: string;
  readonly nodeName?: string;
  readonly figures: K6SummaryFigures;
}

/** Where a pod's log came from, for messages: `pod ns/name log`. */
export function logSource(namespace: string, pod: string): string {
  return `pod ${namespace}/${pod} log`;
}

/** `HTTP 400: <message>`, or the message alone when the API server did not answer. */
function fetchFailure(pod: PodLog): string | undefined {
  const e = pod.logError;
  return e && (e.status === undefined ? e.message : `HTTP ${e.status}: ${e.message}`);
}

/** Why the log of `pod` could not be fetched, naming the pod; undefined when it was fetched. */
export function unfetchedLog(namespace: string, pod: PodLog): string | undefined {
  const e = pod.logError;
  if (!e) return undefined;
  return `the log of pod ${namespace}/${pod.name} could not be fetched: ${e.status === undefined ? '' : 'the API server answered '}${fetchFailure(pod)}`;
}

/** Why some of the pods' logs could not be fetched (one clause per pod), or undefined when all were. */
export function unfetchedLogs(namespace: string, pods: readonly PodLog[]): string | undefined {
  const failures = pods.map((p) => unfetchedLog(namespace, p)).filter((m): m is string => m !== undefined);
  return failures.length ? failures.join('; ') : undefined;
}

/**
 * The summary of one runner's log; throws the reader's clear messages (log not fetched, no
 * marker, truncated, not JSON, not a k6 summary), each naming the pod.
 */
export function runnerSummary(namespace: string, pod: PodLog): RunnerSummary {
  const unfetched = unfetchedLog(namespace, pod);
  if (unfetched) throw new Error(unfetched);
  const source = logSource(namespace, pod.name);
  const data = extractSummaryFromLog(pod.log, source);
  return { pod: pod.name, nodeName: pod.nodeName, figures: parseK6Summary(data, source) };
}

/**
 * Thresholds that k6 judged failed, without the per-endpoint `max>=0` thresholds the script adds
 * only to get per-endpoint figures into the summary.
 */
export function failedThresholds(figures: K6SummaryFigures): ThresholdResult[] {
  return figures.thresholds.filter((t) => !t.passed && !isEndpointHelper(t));
}

/** True for the always-true per-endpoint helper thresholds of generated scripts. */
export function isEndpointHelper(t: ThresholdResult): boolean {
  return t.metric.startsWith('http_req_duration{endpoint:') && t.condition.replace(/\s+/g, '') === 'max>=0';
}

/** `http_req_duration p(95)<500 (observed 812.4)`. */
export function describeThreshold(t: ThresholdResult): string {
  const observed = Number.isInteger(t.observed) ? String(t.observed) : t.observed.toFixed(4).replace(/0+$/, '');
  return `${t.metric} ${t.condition} (observed ${observed})`;
}

/** The log with every summary block replaced by a one-line placeholder. */
export function withoutSummary(log: string): string {
  let out = log;
  for (;;) {
    const begin = out.indexOf(SUMMARY_BEGIN_MARKER);
    if (begin < 0) return out;
    const end = out.indexOf(SUMMARY_END_MARKER, begin);
    const stop = end < 0 ? out.length : end + SUMMARY_END_MARKER.length;
    out = `${out.slice(0, begin)}[k6 summary JSON, ${stop - begin} characters]${out.slice(stop)}`;
  }
}

/** The last `lines` non-empty lines of a log (summary JSON left out), each indented by `  | `. */
export function logTail(log: string, lines = LOG_TAIL_LINES): string {
  const all = withoutSummary(log)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (all.length === 0) return '  | (empty log)';
  return all
    .slice(-lines)
    .map((l) => `  | ${l.length > 400 ? `${l.slice(0, 397)}...` : l}`)
    .join('\n');
}

/** Every pod's log tail under a heading naming the pod, its node and exit code. */
export function podTails(namespace: string, pods: readonly PodLog[], lines = LOG_TAIL_LINES): string {
  if (pods.length === 0) return 'no runner pod was found (was it never scheduled? see `kubectl -n ' + namespace + ' get events`)';
  return pods
    .map((p) => {
      const exit = p.exitCode === undefined ? `phase ${p.phase}` : `exit code ${p.exitCode}${p.terminatedReason ? `, ${p.terminatedReason}` : ''}`;
      const tail = p.logError ? `  | (log not fetched: ${fetchFailure(p)})` : logTail(p.log, lines);
      return `last ${lines} log lines of pod ${namespace}/${p.name} (${exit}):\n${tail}`;
    })
    .join('\n');
}
