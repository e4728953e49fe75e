/**
 * Compiles a resolved LoadProfile into a k6 script: `options` (one scenario, thresholds, trend
 * stats), a weighted request mix, think time, a request timeout, and a `handleSummary` that writes the
 * machine-readable end-of-test summary to a file and, between markers, to stdout (so a reader
 * can fetch it from the pod log). Nothing here is written by hand per experiment.
 */
import { expandStages } from './expand';
import { ResolvedLoadProfile, droppedIterationsLimit, openModelMaxVUs } from './profile';

/** Line that precedes the JSON summary in the k6 runner's stdout. */
export const SUMMARY_BEGIN_MARKER = '=====PERFLAB-K6-SUMMARY-BEGIN=====';
/** Line that follows the JSON summary in the k6 runner's stdout. */
export const SUMMARY_END_MARKER = '=====PERFLAB-K6-SUMMARY-END=====';
/** Trend statistics the summary must carry for the RunResult. */
export const K6_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)', 'count'];

/** Where and how the generated script runs. */
export interface K6ScriptOptions {
  /** Base URL of the system under test; the script's `BASE_URL` env var overrides it. */
  readonly baseUrl: string;
  /** File the summary JSON is written to. @default /results/summary.json */
  readonly summaryPath?: string;
  /** Tags added to every request (experiment, variant, run). @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * k6 processes the run is split over (a k6-operator TestRun's `parallelism`). Above 1 the
   * profile's thresholds are left out of the script: each runner would judge only its own share
   * (its rate is 1/N of the whole), and k6 has no cross-runner aggregation outside its cloud; the
   * results reader judges them on the merged figures instead. @default 1
   */
  readonly runners?: number;
}

/** k6 duration string for a number of seconds (`30s`, `1500ms`). */
export function k6Duration(seconds: number): string {
  return Number.isInteger(seconds) ? `${seconds}s` : `${Math.round(seconds * 1000)}ms`;
}

/** Seconds per k6 timeUnit (1, 10, 100 or 1000) that turns every rate into a whole number. */
export function rateUnitSeconds(ratesPerSecond: readonly number[]): number {
  for (const unit of [1, 10, 100, 1000]) {
    if (ratesPerSecond.every((r) => Math.abs(r * unit - Math.round(r * unit)) < 1e-6)) return unit;
  }
  return 1000;
}

/** The profile's thresholds as k6 thresholds, for a script that runs the whole load in one k6 process. */
function profileThresholds(profile: ResolvedLoadProfile): Record<string, string[]> {
  const thresholds: Record<string, string[]> = {};
  const t = profile.thresholds;
  const duration: string[] = [];
  if (t.p95Ms !== undefined) duration.push(`p(95)<${t.p95Ms}`);
  if (t.p99Ms !== undefined) duration.push(`p(99)<${t.p99Ms}`);
  if (duration.length) thresholds.http_req_duration = duration;
  if (t.maxErrorRate !== undefined) thresholds.http_req_failed = [`rate<=${t.maxErrorRate}`];
  if (t.minRps !== undefined) thresholds.http_reqs = [`rate>=${t.minRps}`];
  // A threshold also puts dropped_iterations in the summary when nothing was dropped
  // (grafana/k6 v1.3.0 internal/metrics/engine/engine.go marks threshold metrics observed).
  const dropped = droppedIterationsLimit(profile);
  if (dropped !== undefined) thresholds.dropped_iterations = [`count<=${dropped}`];
  return thresholds;
}

/** The k6 `options` object for a profile, as plain data (the script embeds it as JSON). */
export function k6Options(profile: ResolvedLoadProfile, opts: K6ScriptOptions): Record<string, unknown> {
  const expanded = expandStages(profile);
  // k6 reads startRate and stage targets as integers per timeUnit: fractional rates (periodic,
  // chaos, scaled profiles) are given per 10, 100 or 1000 s instead of per second.
  const unit = profile.model === 'open' ? rateUnitSeconds([expanded.startTarget, ...expanded.stages.map((s) => s.target)]) : 1;
  const stages = expanded.stages.map((s) => ({ duration: k6Duration(s.durationSeconds), target: Math.round(s.target * unit) }));
  const gracefulStop = k6Duration(profile.gracefulStopSeconds);
  const scenario =
    profile.model === 'closed'
      ? { executor: 'ramping-vus', startVUs: Math.round(expanded.startTarget), stages, gracefulRampDown: gracefulStop, gracefulStop }
      : {
          executor: 'ramping-arrival-rate',
          startRate: Math.round(expanded.startTarget * unit),
          timeUnit: k6Duration(unit),
          // Every VU pre-allocated: k6 drops an arrival when no VU is free (grafana/k6 v1.3.0
          // lib/executor/ramping_arrival_rate.go), and starting VUs mid-run is when they are scarce.
          preAllocatedVUs: openModelMaxVUs(profile),
          maxVUs: openModelMaxVUs(profile),
          stages,
          gracefulStop,
        };
  const runners = opts.runners ?? 1;
  if (!Number.isInteger(runners) || runners < 1) throw new Error(`k6 script: runners is ${runners}; expected a whole number ≥ 1`);
  const thresholds: Record<string, string[]> = runners === 1 ? profileThresholds(profile) : {};
  // A threshold on each endpoint's tagged sub-metric makes k6 report it in the summary
  // (the per-endpoint breakdown of latency and errors); `max>=0` and `rate>=0` always hold.
  for (const e of profile.requestMix) {
    thresholds[`http_req_duration{endpoint:${e.name}}`] = ['max>=0'];
    thresholds[`http_req_failed{endpoint:${e.name}}`] = ['rate>=0'];
  }
  return {
    scenarios: { [profile.name]: scenario },
    thresholds,
    summaryTrendStats: K6_TREND_STATS,
    tags: { profile: profile.name, ...(opts.tags ?? {}) },
    discardResponseBodies: true,
  };
}

/** The complete k6 script for a profile. */
export function compileK6Script(profile: ResolvedLoadProfile, opts: K6ScriptOptions): string {
  const options = k6Options(profile, opts);
  const mix = profile.requestMix.map((e) => ({
    name: e.name,
    method: e.method,
    path: e.path,
    body: e.body === undefined ? null : JSON.stringify(e.body),
    weight: e.weight,
    expectStatus: e.expectStatus,
  }));
  const think = profile.thinkTime ?? { minMs: 0, maxMs: 0 };
  const summaryPath = opts.summaryPath ?? '/results/summary.json';
  return `// Generated by perflab from load profile "${profile.name}". Do not edit: change the profile.
import http from 'k6/http';
import { check, sleep } from 'k6';

export const options = ${JSON.stringify(options, null, 2)};

const BASE_URL = __ENV.BASE_URL || ${JSON.stringify(opts.baseUrl)};
const MIX = ${JSON.stringify(mix, null, 2)};
const TOTAL_WEIGHT = MIX.reduce((sum, e) => sum + e.weight, 0);
const THINK_MIN_MS = ${think.minMs};
const THINK_MAX_MS = ${think.maxMs};
const REQUEST_TIMEOUT = ${JSON.stringify(profile.requestTimeoutSeconds === undefined ? null : k6Duration(profile.requestTimeoutSeconds))};

function pick() {
  let r = Math.random() * TOTAL_WEIGHT;
  for (const e of MIX) {
    r -= e.weight;
    if (r < 0) return e;
  }
  return MIX[MIX.length - 1];
}

export default function () {
  const e = pick();
  const params = { tags: { endpoint: e.name }, headers: e.body === null ? {} : { 'Content-Type': 'application/json' } };
  params.responseCallback = http.expectedStatuses(e.expectStatus);
  if (REQUEST_TIMEOUT !== null) params.timeout = REQUEST_TIMEOUT;
  const res = http.request(e.method, BASE_URL + e.path, e.body, params);
  check(res, { ['status is ' + e.expectStatus]: (r) => r.status === e.expectStatus });
  if (THINK_MAX_MS > 0) sleep((THINK_MIN_MS + Math.random() * (THINK_MAX_MS - THINK_MIN_MS)) / 1000);
}

export function handleSummary(data) {
  const json = JSON.stringify(data);
  return {
    stdout: '\\n${SUMMARY_BEGIN_MARKER}\\n' + json + '\\n${SUMMARY_END_MARKER}\\n',
    ${JSON.stringify(summaryPath)}: json,
  };
}
`;
}
