/**
 * The native load driver: the profile's local plan run by httpload (drivers/httpload, Go, one
 * epoll event loop — about wrk's CPU per request, a third of autocannon's). It runs as a child in
 * its own process group, optionally pinned to given CPUs, reads the plan on stdin and answers
 * with progress lines and one result line (HDR histograms, errors by kind, its own CPU time).
 */
import { Endpoint, ResolvedLoadProfile } from '../load/profile';
import { LocalPlan, compileLocalPlan } from '../load/local-plan';
import { decodeHistogram, mergeHistograms, newLatencyHistogram } from '../results/histogram';
import { buildGoProgram } from './go-binary';
import { HTTPLOAD } from './httpload-program';
import { HttpLoadOutcome, LoadProgress } from './http-load';
import { measuredFromHttpOutcome } from './http-result';
import { LoadDriver, MeasuredLoad } from './measured-load';
import { spawnGroup } from './process-group';
import { requestCycle } from './request-cycle';
import { CpuPlacement, pinnedCommand } from './cpu-affinity';

/** Options of the native driver. */
export interface NativeDriverOptions {
  /** CPU sets of the server and the driver (taskset). @default unpinned */
  readonly placement?: CpuPlacement;
  /** Seconds before a request counts as timed out. @default 10 */
  readonly timeoutSeconds?: number;
}

/** The plan as httpload reads it on stdin (drivers/httpload/config.go). */
export interface HttpLoadConfig {
  readonly address: string;
  readonly segments: LocalPlan['segments'];
  readonly endpoints: ReadonlyArray<{ name: string; method: string; path: string; body?: string; expectStatus: number }>;
  readonly cycle: readonly number[];
  readonly timeoutSeconds: number;
  readonly progressSeconds: number;
}

/** httpload's final line (drivers/httpload/result.go). */
export interface HttpLoadResultLine {
  readonly type: 'result';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly elapsedSeconds: number;
  readonly requests: number;
  readonly bytes: number;
  readonly errorsByKind: Record<string, number>;
  readonly endpoints: ReadonlyArray<{ name: string; requests: number; errors: number; histogram: string }>;
  readonly aborted: boolean;
  readonly cpu: { userSeconds: number; systemSeconds: number; samples: number[] | null; procs: number };
}

/** The driver's input for a plan and mix against `baseUrl`. */
export function httpLoadConfig(baseUrl: string, plan: LocalPlan, mix: readonly Endpoint[], timeoutSeconds = 10): HttpLoadConfig {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:') throw new Error(`native load driver: ${baseUrl} is not http:// (TLS is not supported; use --load-generator autocannon)`);
  return {
    address: url.host,
    segments: plan.segments,
    endpoints: mix.map((e) => ({
      name: e.name,
      method: e.method,
      path: e.path,
      ...(e.body === undefined ? {} : { body: JSON.stringify(e.body) }),
      expectStatus: e.expectStatus,
    })),
    cycle: requestCycle(mix),
    timeoutSeconds,
    progressSeconds: 1,
  };
}

/** The result line as the outcome the other drivers produce, plus the driver's CPU. */
export function measuredFromResultLine(r: HttpLoadResultLine): MeasuredLoad {
  const endpoints = r.endpoints.map((e) => ({ name: e.name, requests: e.requests, errors: e.errors, histogram: e.histogram ? decodeHistogram(e.histogram) : newLatencyHistogram() }));
  const outcome: HttpLoadOutcome = {
    startedAt: new Date(r.startedAt),
    finishedAt: new Date(r.finishedAt),
    elapsedSeconds: r.elapsedSeconds,
    histogram: mergeHistograms(endpoints.map((e) => e.histogram)),
    endpoints,
    totalRequests: r.requests,
    totalBytes: r.bytes,
    errorsByKind: r.errorsByKind,
    aborted: r.aborted,
  };
  return {
    ...measuredFromHttpOutcome(outcome),
    driverCpu: { seconds: r.cpu.userSeconds + r.cpu.systemSeconds, cores: 1, samples: r.cpu.samples ?? [] },
  };
}

/** The native driver; `version` is the driver's own plus the Go that built it. */
export function nativeDriver(opts: NativeDriverOptions = {}): LoadDriver {
  return {
    info: { name: 'httpload', version: '1.0.0' },
    placement: opts.placement,
    async prepare(signal) {
      await buildGoProgram(HTTPLOAD, signal);
    },
    async drive(baseUrl, profile: ResolvedLoadProfile, onProgress, signal) {
      const plan = compileLocalPlan(profile);
      const config = httpLoadConfig(baseUrl, plan, profile.requestMix, opts.timeoutSeconds);
      const binary = await buildGoProgram(HTTPLOAD, signal);
      return runHttpLoadBinary(binary, config, plan.totalSeconds, opts.placement?.driver, onProgress, signal);
    },
  };
}

/** Runs a ready httpload `binary` on `config`, pinned to `cpus` when given. */
export function runHttpLoadBinary(
  binary: string,
  config: HttpLoadConfig,
  totalSeconds: number,
  cpus: readonly number[] | undefined,
  onProgress: (p: LoadProgress) => void,
  signal?: AbortSignal,
): Promise<MeasuredLoad> {
  const cmd = pinnedCommand(binary, [], cpus);
  return new Promise((resolve, reject) => {
    const child = spawnGroup(cmd.command, cmd.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const onAbort = (): void => void child.kill('SIGTERM'); // httpload stops and still reports
    signal?.addEventListener('abort', onAbort, { once: true });
    let result: HttpLoadResultLine | undefined;
    let pending = '';
    const stderr: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (!line.trim()) continue;
        const msg = JSON.parse(line) as { type: string } & Record<string, number>;
        if (msg.type === 'progress') {
          onProgress({ elapsedSeconds: msg.elapsedSeconds, totalSeconds, segment: msg.segment, segments: msg.segments, requests: msg.requests, errors: msg.errors });
        } else if (msg.type === 'result') {
          result = msg as unknown as HttpLoadResultLine;
        }
      }
    });
    child.stderr?.on('data', (c: Buffer) => stderr.push(c.toString()));
    child.on('error', (err) => reject(new Error(`native load driver: cannot run ${binary}: ${err.message}`)));
    child.on('close', (code, killedBy) => {
      signal?.removeEventListener('abort', onAbort);
      if (result) return resolve(measuredFromResultLine(result));
      reject(new Error(`native load driver (${binary}) ended without a result (${killedBy ?? `exit ${code}`}):\n${stderr.join('').trim().split('\n').slice(-20).join('\n')}`));
    });
    child.stdin?.end(JSON.stringify(config));
  });
}
