/**
 * The embedded local load generator: drives a LocalPlan against an HTTP server with autocannon
 * (one autocannon run per constant segment) and records every response's latency in
 * microseconds into HDR histograms, overall and per endpoint. Open-model segments correct for
 * coordinated omission (HdrHistogram's expected-interval correction).
 */
import type autocannon from 'autocannon';
import { Endpoint } from '../load/profile';
import { LocalPlan, LocalSegment } from '../load/local-plan';
import { LatencyHistogram, mergeHistograms, newLatencyHistogram } from '../results/histogram';
import { requestCycle } from './request-cycle';

/** What the generator reports while it runs (about once a second). */
export interface LoadProgress {
  readonly elapsedSeconds: number;
  readonly totalSeconds: number;
  readonly segment: number;
  readonly segments: number;
  readonly requests: number;
  readonly errors: number;
}

/** Options of one local HTTP load run. */
export interface HttpLoadOptions {
  /** `http://127.0.0.1:PORT` — no trailing slash. */
  readonly baseUrl: string;
  readonly plan: LocalPlan;
  readonly mix: readonly Endpoint[];
  /** Seconds before a request counts as timed out. @default 10 */
  readonly timeoutSeconds?: number;
  /** Called about once a second. @default none */
  readonly onProgress?: (p: LoadProgress) => void;
  /** Aborts the run between or during segments. @default none */
  readonly signal?: AbortSignal;
}

/** Per-endpoint counters and latency. */
export interface EndpointOutcome {
  readonly name: string;
  readonly histogram: LatencyHistogram;
  requests: number;
  errors: number;
}

/** Raw outcome of a load run, before it becomes a RunResult. */
export interface HttpLoadOutcome {
  readonly startedAt: Date;
  readonly finishedAt: Date;
  /** Wall-clock seconds from the first to the last segment's end (idle segments included). */
  readonly elapsedSeconds: number;
  readonly histogram: LatencyHistogram;
  readonly endpoints: EndpointOutcome[];
  readonly totalRequests: number;
  readonly totalBytes: number;
  readonly errorsByKind: Record<string, number>;
  readonly aborted: boolean;
}

type MixRequest = autocannon.Request & { endpointIndex: number };

function buildRequests(mix: readonly Endpoint[]): MixRequest[] {
  return requestCycle(mix).map((i) => {
    const e = mix[i];
    const req: MixRequest = { method: e.method as autocannon.Request['method'], path: e.path, endpointIndex: i };
    if (e.body !== undefined) {
      req.body = JSON.stringify(e.body);
      req.headers = { 'content-type': 'application/json' };
    }
    return req;
  });
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });

/** Runs the plan and returns the recorded latencies and counters. */
export async function runHttpLoad(opts: HttpLoadOptions): Promise<HttpLoadOutcome> {
  const requests = buildRequests(opts.mix);
  const endpoints: EndpointOutcome[] = opts.mix.map((e) => ({ name: e.name, histogram: newLatencyHistogram(), requests: 0, errors: 0 }));
  const errorsByKind: Record<string, number> = {};
  const addError = (kind: string, n = 1): void => {
    if (n > 0) errorsByKind[kind] = (errorsByKind[kind] ?? 0) + n;
  };
  let totalRequests = 0;
  let totalBytes = 0;
  let errorCount = 0;
  const startedAt = new Date();
  const t0 = process.hrtime.bigint();
  const elapsed = (): number => Number(process.hrtime.bigint() - t0) / 1e9;

  for (let s = 0; s < opts.plan.segments.length; s++) {
    if (opts.signal?.aborted) break;
    const seg = opts.plan.segments[s];
    const report = (): void =>
      opts.onProgress?.({
        elapsedSeconds: elapsed(),
        totalSeconds: opts.plan.totalSeconds,
        segment: s + 1,
        segments: opts.plan.segments.length,
        requests: totalRequests,
        errors: errorCount,
      });
    if (seg.connections === 0) {
      report();
      await sleep(seg.durationSeconds * 1000, opts.signal);
      continue;
    }
    const expectedIntervalUs = seg.overallRate ? Math.round((1e6 * Math.min(seg.connections, seg.overallRate)) / seg.overallRate) : 0;
    const onResponse = (client: { requestIterator: { currentRequest: MixRequest } }, status: number, bytes: number, ms: number): void => {
      const us = Math.max(1, Math.round(ms * 1000));
      const idx = client.requestIterator.currentRequest.endpointIndex;
      const ep = endpoints[idx];
      // Only the endpoint's histogram is written on the hot path; the overall one is their sum.
      if (expectedIntervalUs > 0) ep.histogram.recordValueWithExpectedInterval(us, expectedIntervalUs);
      else ep.histogram.recordValue(us);
      ep.requests++;
      totalRequests++;
      totalBytes += bytes;
      if (status !== opts.mix[idx].expectStatus) {
        ep.errors++;
        errorCount++;
        addError(`http_${Math.floor(status / 100)}xx`);
      }
    };
    const result = await runSegment(opts.baseUrl, seg, requests, opts.timeoutSeconds ?? 10, onResponse, report, opts.signal);
    // Requests that never got an answer count too: timeouts and connection errors.
    addError('timeout', result.timeouts);
    addError('connection', Math.max(0, result.errors - result.timeouts));
    errorCount += result.errors;
    totalRequests += result.errors;
  }
  return {
    startedAt,
    finishedAt: new Date(),
    elapsedSeconds: elapsed(),
    histogram: mergeHistograms(endpoints.map((e) => e.histogram)),
    endpoints,
    totalRequests,
    totalBytes,
    errorsByKind,
    aborted: opts.signal?.aborted ?? false,
  };
}

function runSegment(
  baseUrl: string,
  seg: LocalSegment,
  requests: MixRequest[],
  timeoutSeconds: number,
  onResponse: (client: { requestIterator: { currentRequest: MixRequest } }, status: number, bytes: number, ms: number) => void,
  onTick: () => void,
  signal?: AbortSignal,
): Promise<autocannon.Result> {
  // Loaded on first use: a command that never drives load (`perflab --help`) does not pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const run = require('autocannon') as typeof autocannon;
  return new Promise((resolve, reject) => {
    const instance = run(
      {
        url: baseUrl,
        connections: seg.connections,
        duration: seg.durationSeconds,
        pipelining: 1,
        timeout: timeoutSeconds,
        requests,
        overallRate: seg.overallRate,
        connectionRate: seg.connectionRate,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('response', onResponse as never);
    instance.on('tick', onTick);
    signal?.addEventListener('abort', () => (instance as unknown as { stop: () => void }).stop(), { once: true });
  });
}
