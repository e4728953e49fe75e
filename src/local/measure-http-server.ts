/**
 * Measures one HTTP server on the local target: start it on 127.0.0.1, time its cold start,
 * check its answers, drive the load plan while sampling its CPU and memory, stop it, and turn
 * the outcome into a RunResult. The server is stopped whatever happens.
 */
import { CommandSpec } from '../../experiments/runtime/variant-spec';
import { ResolvedLoadProfile } from '../load/profile';
import { RunResult } from '../results/run-result';
import { Environment } from '../results/environment';
import { buildRunResult } from './http-result';
import { describePlacement } from './cpu-affinity';
import { launchServer } from './launch-server';
import { SATURATION_WARNING } from '../results/driver-saturation';
import { LoadDriver, MeasuredLoad } from './measured-load';
import { ProgressReporter } from './progress';
import { startProcessTreeSampler } from './process-tree-sampler';
import { startResourceSampler } from './resource-sampler';
import { Probe, ProbeAnswer, sendProbe } from './verify';
import { CollectedProfile, CpuProfiler } from './cpu-profilers/cpu-profiler';
import { profileDurationSeconds } from '../load/profile';

/** What to measure and how. */
export interface MeasureHttpServerOptions {
  readonly experiment: string;
  readonly variant: string;
  readonly start: CommandSpec;
  readonly profile: ResolvedLoadProfile;
  /** Path answered with 200 once the server is ready. @default /health */
  readonly healthPath?: string;
  /** Probes whose answers are returned for the caller to check before load runs. */
  readonly probes: readonly Probe[];
  /**
   * Decides, from the probe answers, whether load may run; returns problems (empty = fine).
   * Called before any load is sent.
   */
  readonly checkAnswers: (answers: readonly ProbeAnswer[]) => readonly string[];
  readonly environment: Environment;
  /** Drives the load (the native driver by default, autocannon, or k6); its placement pins the server. */
  readonly driver: LoadDriver;
  readonly progress: ProgressReporter;
  readonly label?: string;
  readonly signal?: AbortSignal;
  /**
   * Further processes sampled over the same load window as the server (their whole process
   * trees, like a database's backends), each reported as its own RunResult.resources entry
   * after the server's, e.g. the database and broker a composed app calls. @default none
   */
  readonly companions?: ReadonlyArray<{ readonly pid: number; readonly component: string }>;
  /** Samples the server's CPU over the load window (src/local/cpu-profilers). @default none: not profiled */
  readonly cpuProfiler?: CpuProfiler;
}

/** What one measurement gives: the RunResult, the probe answers, and the CPU profile when asked for. */
export interface MeasuredServer {
  readonly result: RunResult;
  readonly answers: ProbeAnswer[];
  readonly cpuProfile?: CollectedProfile;
}

/** The profile, or why it could not be read (a measured run is kept even then). */
async function collectProfile(profiler: CpuProfiler): Promise<CollectedProfile> {
  try {
    return await profiler.collect();
  } catch (err) {
    return { status: 'unavailable', tool: profiler.tool, reason: `the profile could not be read: ${(err as Error).message}` };
  }
}

/** Thrown when a server answers the probes wrongly; the run measured nothing. */
export class ConformanceError extends Error {
  constructor(readonly variant: string, readonly problems: readonly string[]) {
    super(`${variant} answered the conformance probes wrongly:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConformanceError';
  }
}

/**
 * Starts, checks, loads and stops one server; resolves to its RunResult and probe answers, and,
 * with `cpuProfiler`, the CPU profile of the load window (collected once the server has exited).
 */
export async function measureHttpServer(opts: MeasureHttpServerOptions): Promise<MeasuredServer> {
  const profiler = opts.cpuProfiler;
  try {
    const start = profiler ? await profiler.prepare(opts.start) : opts.start;
    const measured = await measureStarted(opts, start);
    return profiler ? { ...measured, cpuProfile: await collectProfile(profiler) } : measured;
  } finally {
    profiler?.dispose();
  }
}

async function measureStarted(opts: MeasureHttpServerOptions, start: CommandSpec): Promise<MeasuredServer> {
  // A first run builds the native driver here, not inside the profiled and sampled load window.
  await opts.driver.prepare?.(opts.signal);
  const { server, baseUrl } = await launchServer(opts.variant, start, opts.driver.placement);
  const environment = opts.driver.placement ? { ...opts.environment, placement: describePlacement(opts.driver.placement) } : opts.environment;
  try {
    const coldStartMs = await server.waitHealthy(`${baseUrl}${opts.healthPath ?? '/health'}`);
    opts.progress.step(`[${opts.variant}] up in ${coldStartMs.toFixed(0)} ms on ${baseUrl}`);
    const answers: ProbeAnswer[] = [];
    for (const p of opts.probes) answers.push(await sendProbe(baseUrl, p));
    const problems = opts.checkAnswers(answers);
    if (problems.length) throw new ConformanceError(opts.variant, problems);
    if (server.pid === undefined) throw new Error(`${opts.variant}: server has no pid`);
    const sampler = startResourceSampler(server.pid, 'server');
    const companions = (opts.companions ?? []).map((c) => startProcessTreeSampler(c.pid, c.component));
    let measured: MeasuredLoad;
    opts.cpuProfiler?.begin(server.pid, profileDurationSeconds(opts.profile));
    try {
      measured = await opts.driver.drive(
        baseUrl,
        opts.profile,
        (p) =>
          opts.progress.update(
            `[${opts.variant}] ${p.elapsedSeconds.toFixed(0)}/${p.totalSeconds.toFixed(0)} s  step ${p.segment}/${p.segments}  ` +
              `${p.requests} requests  ${p.errors} errors`,
          ),
        opts.signal,
      );
    } catch (err) {
      await Promise.all([sampler, ...companions].map((x) => x.stop()));
      throw err;
    }
    const usage = await sampler.stop();
    const companionUsage = await Promise.all(companions.map((x) => x.stop()));
    await opts.cpuProfiler?.end();
    opts.progress.done();
    if (server.hasExited) throw new Error(`${opts.variant} exited during the load run:\n${server.tail()}`);
    const result = buildRunResult(measured, {
      experiment: opts.experiment,
      variant: opts.variant,
      target: 'local',
      profile: opts.profile,
      loadGenerator: opts.driver.info,
      resources: [usage, ...companionUsage],
      environment,
      coldStartMs,
      label: opts.label,
    });
    if (result.loadGeneratorUsage?.saturated) opts.progress.step(`[${opts.variant}] warning: ${result.notes.find((n) => n.startsWith(SATURATION_WARNING))}`);
    return { result, answers };
  } finally {
    const code = await server.stop();
    if (code !== 0 && code !== null && !server.hasExited) opts.progress.step(`[${opts.variant}] exited with code ${code} on SIGTERM`);
  }
}
