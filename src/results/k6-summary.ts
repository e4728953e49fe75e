/**
 * Reads k6's end-of-test summary — the `data` object k6 passes to `handleSummary()`, which the
 * generated script (src/load/k6-script.ts) prints between SUMMARY_BEGIN_MARKER and
 * SUMMARY_END_MARKER and writes to a file — into the pieces of a RunResult.
 *
 * The shape follows k6's documentation, "Custom summary" → "Summary data reference":
 *   https://grafana.com/docs/k6/latest/results-output/end-of-test/custom-summary/
 *   (source: grafana/k6-docs, docs/sources/k6/next/results-output/end-of-test/custom-summary.md)
 * `{ root_group, options, state: { testRunDurationMs, ... }, metrics: { <name or
 * name{tag:value}>: { type, contains, values, thresholds?: { <expression>: { ok } } } } }`.
 * How k6 fills `values` is in grafana/k6 internal/js/summary.go (`metricValueGetter`): a trend
 * has exactly the `summaryTrendStats` keys (milliseconds for `contains: "time"`), a counter has
 * `count` and `rate`, and a rate metric has `rate`, `passes` (samples that were true) and `fails`.
 * For `http_req_failed` the true samples are the FAILED requests, so `passes` counts failures
 * (see also https://github.com/grafana/k6/issues/2386).
 *
 * Not read here: k6 ≥ 1.5's opt-in "new machine-readable summary" (`--new-machine-readable-summary`,
 * schema in grafana/k6-summary; `version` + `results.metrics[]`). It is recognised and rejected
 * with a message that says so.
 */
import { K6_TREND_STATS, SUMMARY_BEGIN_MARKER, SUMMARY_END_MARKER } from '../load/k6-script';
import { Latency } from './run-result';
import { ThresholdResult } from './thresholds';

/** The RunResult pieces a k6 end-of-test summary provides. */
export interface K6SummaryFigures {
  /** Whole-run latency in ms; no histogram and no stddev (k6's summary has neither). */
  latency: Latency;
  throughput: { requestsPerSecond: number; totalRequests: number; bytesPerSecond?: number; totalBytes?: number };
  /**
   * Failed requests as k6 judged them (`http_req_failed`) plus iterations k6 dropped for want of
   * a free VU (`dropped_iterations`, open model); byKind is `{ http_failed, dropped_iterations }`
   * (each when > 0); rate is total / (requests + dropped).
   */
  errors: { total: number; rate: number; byKind: Record<string, number> };
  /** `dropped_iterations` count: requests the open model should have sent and never did (0 when absent). */
  droppedIterations: number;
  /** One per `http_req_duration{endpoint:NAME}` sub-metric, sorted by name. */
  endpoints: Array<{ name: string; requests: number; errors: number; latency: Latency }>;
  /** One per threshold expression on each metric, as k6 evaluated it. */
  thresholds: ThresholdResult[];
  /** `state.testRunDurationMs` in seconds. */
  durationSeconds: number;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isStat = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
};
const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${show(v)}`);

/** Trend statistics a latency needs (K6_TREND_STATS without `count`, which is optional). */
const REQUIRED_TREND_STATS = K6_TREND_STATS.filter((s) => s !== 'count');
/** `http_req_duration{endpoint:json}` → `json`. */
const ENDPOINT_METRIC = /^http_req_duration\{endpoint:([^,}]+)\}$/;
/** A threshold expression: `<aggregation> <operator> <number>`, e.g. `p(95)<500`, `rate<=0.01`. */
const THRESHOLD_EXPRESSION = /^\s*([a-z]+(?:\(\s*\d+(?:\.\d+)?\s*\))?)\s*(?:<=|>=|===|==|!=|<|>)\s*-?\d+(?:\.\d+)?(?:e[-+]?\d+)?\s*$/i;

/** Collects every problem of a summary, then throws them together. */
class Problems {
  readonly list: string[] = [];
  add(p: string): void {
    this.list.push(p);
  }
  throwIfAny(source: string): void {
    if (this.list.length) throw new Error(`${source}: not a usable k6 end-of-test summary: ${this.list.join('; ')}`);
  }
}

/** A metric object (`metrics[name]`) of the given k6 type, or undefined with a problem noted. */
function metric(metrics: Obj, name: string, type: string, problems: Problems, required: boolean): Obj | undefined {
  const m = metrics[name];
  const key = `metrics[${show(name)}]`;
  if (m === undefined) {
    if (required) problems.add(`${key} is missing`);
    return undefined;
  }
  if (!isObj(m)) return void problems.add(`${key} is ${kindOf(m)}, expected an object`);
  if (m.type !== type) return void problems.add(`${key}.type is ${show(m.type)}, expected "${type}"`);
  if (!isObj(m.values)) return void problems.add(`${key}.values is ${m.values === undefined ? 'missing' : kindOf(m.values)}, expected an object`);
  return m;
}

/** Latency (ms) from a trend metric's values; `fallbackCount` when the trend has no `count`. */
function trendLatency(name: string, values: Obj, fallbackCount: number, problems: Problems): Latency | undefined {
  const key = `metrics[${show(name)}].values`;
  const missing = REQUIRED_TREND_STATS.filter((s) => values[s] === undefined);
  if (missing.length) {
    problems.add(
      `${key} has no ${missing.join(', ')} (perflab's k6 scripts set summaryTrendStats to ${K6_TREND_STATS.join(', ')}; was the summary made by another script?)`,
    );
    return undefined;
  }
  const bad = REQUIRED_TREND_STATS.filter((s) => !isStat(values[s]));
  if (values.count !== undefined && !isCount(values.count)) bad.push('count');
  if (bad.length) {
    problems.add(`${key}: ${bad.map((s) => `${s} is ${show(values[s])}`).join(', ')}; expected non-negative numbers (counts whole)`);
    return undefined;
  }
  const v = (s: string): number => values[s] as number;
  return {
    count: values.count === undefined ? fallbackCount : v('count'),
    min: v('min'),
    mean: v('avg'),
    // No stddev: k6's trend summary stats are avg, min, med, max, count and p(N) only
    // (grafana/k6 v1.3.0 metrics/sample.go GetResolversForTrendColumns).
    p50: v('med'),
    p90: v('p(90)'),
    p95: v('p(95)'),
    p99: v('p(99)'),
    p999: v('p(99.9)'),
    max: v('max'),
  };
}

/** Counter `count` and `rate` of a counter metric. */
function counter(name: string, m: Obj, problems: Problems): { count: number; rate: number } | undefined {
  const values = m.values as Obj;
  const bad: string[] = [];
  if (!isStat(values.count)) bad.push(`count is ${show(values.count)}`);
  if (!isStat(values.rate)) bad.push(`rate is ${show(values.rate)}`);
  if (bad.length) return void problems.add(`metrics[${show(name)}].values: ${bad.join(', ')}; expected non-negative numbers`);
  return { count: values.count as number, rate: values.rate as number };
}

/** Failed requests (k6's `passes`) and their rate from a `http_req_failed` rate metric. */
function failures(name: string, m: Obj, problems: Problems): { failed: number; rate: number } | undefined {
  const values = m.values as Obj;
  const key = `metrics[${show(name)}].values`;
  const { rate, passes, fails } = values;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1) || !isCount(passes) || !isCount(fails)) {
    return void problems.add(`${key}: rate ${show(rate)}, passes ${show(passes)}, fails ${show(fails)}; expected a rate in [0, 1] and whole counts`);
  }
  const total = passes + fails;
  if (total > 0 && Math.abs(passes / total - rate) > 1e-6) {
    return void problems.add(
      `${key}: rate ${rate} does not equal passes / (passes + fails) = ${passes}/${total}; in k6, passes counts the failed requests`,
    );
  }
  return { failed: passes, rate };
}

/** The aggregation an expression refers to (`p(95)<500` → `p(95)`), normalised like k6's keys. */
function thresholdAggregation(expression: string): string | undefined {
  const m = THRESHOLD_EXPRESSION.exec(expression);
  return m ? m[1].replace(/\s+/g, '') : undefined;
}

/** Every threshold of every metric, as k6 evaluated it. */
function thresholdsOf(metrics: Obj, problems: Problems): ThresholdResult[] {
  const out: ThresholdResult[] = [];
  for (const name of Object.keys(metrics).sort()) {
    const m = metrics[name];
    if (!isObj(m) || m.thresholds === undefined) continue;
    const key = `metrics[${show(name)}].thresholds`;
    if (!isObj(m.thresholds)) {
      problems.add(`${key} is ${kindOf(m.thresholds)}, expected an object`);
      continue;
    }
    for (const [expression, verdict] of Object.entries(m.thresholds)) {
      if (!isObj(verdict) || typeof verdict.ok !== 'boolean') {
        problems.add(`${key}[${show(expression)}] is ${show(verdict)}, expected { "ok": true|false }`);
        continue;
      }
      const agg = thresholdAggregation(expression);
      const observed = agg !== undefined && isObj(m.values) ? m.values[agg] : undefined;
      if (agg === undefined) {
        problems.add(`${key}: cannot read the threshold expression ${show(expression)}`);
      } else if (typeof observed !== 'number' || !Number.isFinite(observed)) {
        problems.add(`${key}[${show(expression)}] refers to ${agg}, which metrics[${show(name)}].values does not report`);
      } else {
        out.push({ metric: name, condition: expression, observed, passed: verdict.ok });
      }
    }
  }
  return out;
}

/** Errors of a run: failed requests and dropped iterations, the rate over every attempt. */
export function errorFigures(failedRequests: number, droppedIterations: number, requests: number): K6SummaryFigures['errors'] {
  const byKind: Record<string, number> = {};
  if (failedRequests > 0) byKind.http_failed = failedRequests;
  if (droppedIterations > 0) byKind.dropped_iterations = droppedIterations;
  const total = failedRequests + droppedIterations;
  const attempts = requests + droppedIterations;
  return { total, rate: attempts === 0 ? 0 : total / attempts, byKind };
}

/**
 * The RunResult figures in a k6 end-of-test summary object. Throws an Error starting with
 * `source` that names everything missing or wrong (a foreign object, a summary without
 * http_req_duration / http_reqs / http_req_failed, trend stats other than perflab's, wrong types).
 */
export function parseK6Summary(data: unknown, source: string): K6SummaryFigures {
  if (!isObj(data)) throw new Error(`${source}: not a k6 end-of-test summary: expected an object, got ${kindOf(data)}`);
  if (typeof data.version === 'string' && isObj(data.results) && Array.isArray(data.results.metrics)) {
    throw new Error(
      `${source}: this is k6's new machine-readable summary (version ${data.version}); perflab reads the handleSummary() data object (metrics keyed by name) — run k6 without --new-machine-readable-summary`,
    );
  }
  const problems = new Problems();
  const state = data.state;
  const durationMs = isObj(state) ? state.testRunDurationMs : undefined;
  if (!isObj(state)) problems.add(`"state" is ${state === undefined ? 'missing' : kindOf(state)}, expected an object with testRunDurationMs`);
  else if (!isStat(durationMs)) problems.add(`state.testRunDurationMs is ${durationMs === undefined ? 'missing' : show(durationMs)}, expected milliseconds`);
  if (!isObj(data.metrics)) {
    const keys = Object.keys(data);
    problems.add(
      `"metrics" is ${data.metrics === undefined ? 'missing' : kindOf(data.metrics)}, expected an object with http_req_duration and http_reqs (top-level keys: ${keys.length ? keys.slice(0, 8).join(', ') : 'none'})`,
    );
    problems.throwIfAny(source);
  }
  const metrics = data.metrics as Obj;

  const reqsMetric = metric(metrics, 'http_reqs', 'counter', problems, true);
  const reqs = reqsMetric && counter('http_reqs', reqsMetric, problems);
  const durationMetric = metric(metrics, 'http_req_duration', 'trend', problems, true);
  const latency = durationMetric && trendLatency('http_req_duration', durationMetric.values as Obj, reqs ? Math.round(reqs.count) : 0, problems);
  const failedMetric = metric(metrics, 'http_req_failed', 'rate', problems, true);
  const failed = failedMetric && failures('http_req_failed', failedMetric, problems);
  // A counter k6 emits only when an arrival-rate executor finds no free VU (grafana/k6 v1.3.0
  // lib/executor/ramping_arrival_rate.go); absent from the summary when nothing was dropped and no
  // threshold names it.
  const droppedMetric = metric(metrics, 'dropped_iterations', 'counter', problems, false);
  const dropped = droppedMetric && counter('dropped_iterations', droppedMetric, problems);
  const receivedMetric = metric(metrics, 'data_received', 'counter', problems, false);
  const received = receivedMetric && counter('data_received', receivedMetric, problems);

  const endpoints: K6SummaryFigures['endpoints'] = [];
  for (const name of Object.keys(metrics).sort()) {
    const endpoint = ENDPOINT_METRIC.exec(name)?.[1];
    if (endpoint === undefined) continue;
    const m = metric(metrics, name, 'trend', problems, true);
    const values = m?.values as Obj | undefined;
    const requests = values && isCount(values.count) ? values.count : 0;
    const epLatency = values && trendLatency(name, values, requests, problems);
    const failedName = `http_req_failed{endpoint:${endpoint}}`;
    const epFailedMetric = metric(metrics, failedName, 'rate', problems, false);
    const epFailed = epFailedMetric && failures(failedName, epFailedMetric, problems);
    if (epLatency) endpoints.push({ name: endpoint, requests, errors: epFailed ? epFailed.failed : 0, latency: epLatency });
  }
  const thresholds = thresholdsOf(metrics, problems);
  problems.throwIfAny(source);

  if (!reqs || !latency || !failed) throw new Error(`${source}: internal error: summary checked but figures missing`);
  if (!Number.isInteger(reqs.count)) throw new Error(`${source}: metrics["http_reqs"].values.count is ${reqs.count}, expected a whole number`);
  const throughput: K6SummaryFigures['throughput'] = { requestsPerSecond: reqs.rate, totalRequests: reqs.count };
  if (received) {
    throughput.bytesPerSecond = received.rate;
    throughput.totalBytes = received.count;
  }
  const droppedIterations = dropped ? dropped.count : 0;
  return {
    latency,
    throughput,
    errors: errorFigures(failed.failed, droppedIterations, reqs.count),
    droppedIterations,
    endpoints,
    thresholds,
    durationSeconds: (durationMs as number) / 1000,
  };
}

/**
 * The summary object the generated k6 script printed to stdout: the JSON between the LAST
 * complete SUMMARY_BEGIN_MARKER … SUMMARY_END_MARKER pair of `log`, parsed. Throws an Error
 * starting with `source` for "no summary marker found", "summary truncated (begin marker without
 * end)" and "summary is not valid JSON". The JSON line must come as k6 printed it (read the pod
 * log without `--timestamps` or other line prefixes).
 */
export function extractSummaryFromLog(log: string, source: string): unknown {
  const blocks: Array<{ begin: number; end: number }> = [];
  let truncatedAt = -1;
  let from = 0;
  for (;;) {
    const begin = log.indexOf(SUMMARY_BEGIN_MARKER, from);
    if (begin < 0) break;
    const bodyStart = begin + SUMMARY_BEGIN_MARKER.length;
    const nextBegin = log.indexOf(SUMMARY_BEGIN_MARKER, bodyStart);
    const end = log.indexOf(SUMMARY_END_MARKER, bodyStart);
    if (end < 0 || (nextBegin >= 0 && nextBegin < end)) {
      truncatedAt = begin;
      if (end < 0) break;
      from = nextBegin;
      continue;
    }
    blocks.push({ begin: bodyStart, end });
    from = end + SUMMARY_END_MARKER.length;
  }
  const last = blocks[blocks.length - 1];
  if (!last) {
    if (truncatedAt >= 0) {
      throw new Error(
        `${source}: summary truncated (begin marker without end): "${SUMMARY_BEGIN_MARKER}" at character ${truncatedAt} has no "${SUMMARY_END_MARKER}" after it — the log was cut off or the runner was killed while printing`,
      );
    }
    throw new Error(
      `${source}: no summary marker found: the log (${log.length} characters) has no "${SUMMARY_BEGIN_MARKER}" line — did the k6 run reach handleSummary()?`,
    );
  }
  const body = log.slice(last.begin, last.end).trim();
  try {
    return JSON.parse(body);
  } catch (err) {
    throw new Error(
      `${source}: summary is not valid JSON (${(err as Error).message}); ${body.length} characters between the markers, starting ${show(body.slice(0, 40))}`,
    );
  }
}
