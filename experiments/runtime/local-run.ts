/**
 * The runtime experiment on the local target: pick the variants whose toolchains are here,
 * build them, then measure each in turn (cold start, conformance, load, CPU and memory) and
 * store one RunResult per variant. The embedded default and the README's main job.
 */
import { LOCAL_REQUESTS_NOTE, withManifestRequests } from '../../src/cost/component-requests';
import { runtimeComponentResources } from './component-requests';
import { CommandAbortedError, runBuild, toolchainVersion } from '../../src/local/commands';
import { ConformanceError, measureHttpServer } from '../../src/local/measure-http-server';
import { storeLocalResult } from '../../src/local/store-local-result';
import { LocalRunOptions, LocalTarget, MissingToolchainError, VariantOutcome } from '../../src/local/local-target';
import { compareAnswers, ProbeAnswer } from '../../src/local/verify';
import { localEnvironment } from '../../src/results/environment';
import { RunResult } from '../../src/results/run-result';
import { runtimeProbes } from './conformance';
import { runtimeExperiment } from './experiment';
import { RUNTIME_VARIANTS, RuntimeVariantName } from './variant-spec';
import { withArtefactSize } from './artefact';
import { runtimeVariants } from './variants';
import { CPU_PROFILE_ENV, CpuProfileMode, cpuProfileMode, cpuProfileSetting } from './cpu-profile-setting';
import { recordProfilingRun } from './profiling-run';
import { createProfiler } from '../../src/local/cpu-profilers/for-variant';

/** Toolchain versions of the given variants; undefined for a missing toolchain. */
export function probeToolchains(names: readonly RuntimeVariantName[]): Map<RuntimeVariantName, string | undefined> {
  return new Map(names.map((n) => [n, toolchainVersion(runtimeVariants[n].toolchain)]));
}

/** The runtime target's own option: how each server's CPU profile is recorded (./cpu-profile-setting). @default PERFLAB_CPU_PROFILE (`--cpu-profile`), else `separate` */
export interface RuntimeRunOptions extends LocalRunOptions {
  readonly cpuProfile?: CpuProfileMode;
}

/** Runs the runtime experiment locally; resolves to one outcome per variant considered. */
export async function runRuntimeLocal(opts: RuntimeRunOptions): Promise<VariantOutcome[]> {
  const cpuProfile = opts.cpuProfile === undefined ? cpuProfileSetting() : cpuProfileMode(opts.cpuProfile, 'cpuProfile');
  const explicit = opts.variants !== undefined;
  const names = (opts.variants ?? RUNTIME_VARIANTS) as readonly RuntimeVariantName[];
  const toolchains = probeToolchains(names);
  const missing = names.filter((n) => toolchains.get(n) === undefined);
  if (explicit && missing.length) {
    throw new MissingToolchainError(missing.map((n) => ({ variant: n, hint: runtimeVariants[n].toolchain.installHint })));
  }
  const outcomes: VariantOutcome[] = [];
  for (const n of missing) {
    const reason = `${runtimeVariants[n].toolchain.command} not found — ${runtimeVariants[n].toolchain.installHint}`;
    opts.progress.step(`[${n}] skipped: ${reason}`);
    outcomes.push({ variant: n, status: 'skipped', reason, results: [], files: [] });
  }
  const runnable = names.filter((n) => !missing.includes(n));
  const built: RuntimeVariantName[] = [];
  for (const n of runnable) {
    if (opts.signal?.aborted) break;
    const spec = runtimeVariants[n];
    try {
      await runBuild(spec.build, `build ${n}`, { tag: `[${n}]`, what: `(${spec.description})`, progress: opts.progress }, opts.signal);
      built.push(n);
    } catch (err) {
      if (err instanceof CommandAbortedError) {
        opts.progress.step(`[${n}] build interrupted`);
        break;
      }
      outcomes.push({ variant: n, status: 'failed', reason: (err as Error).message, results: [], files: [] });
      opts.progress.step(`[${n}] build failed: ${(err as Error).message}`);
    }
  }
  const answers = new Map<string, readonly ProbeAnswer[]>();
  const toolVersions: Record<string, string> = { [opts.driver.info.name]: opts.driver.info.version };
  for (const n of built) {
    if (opts.signal?.aborted) break;
    const spec = runtimeVariants[n];
    const environment = localEnvironment('local', { ...toolVersions, [spec.toolchain.command.split('/').pop() ?? n]: toolchains.get(n) ?? 'unknown' });
    const results: RunResult[] = [];
    const files: string[] = [];
    const requests = runtimeComponentResources(n);
    const measure = {
      experiment: runtimeExperiment.name,
      variant: n,
      start: spec.start,
      profile: opts.profile,
      probes: runtimeProbes,
      checkAnswers: (got: readonly ProbeAnswer[]) => {
        const trial = new Map(answers);
        trial.set(n, got);
        return compareAnswers(runtimeProbes, trial)
          .filter((m) => m.variant === n)
          .map((m) => `${m.probe}: ${m.detail}`);
      },
      environment,
      driver: opts.driver,
      progress: opts.progress,
      label: opts.label,
      signal: opts.signal,
    };
    try {
      const separateProfile = cpuProfile === 'separate' ? await recordProfilingRun(measure, spec.profiler) : undefined;
      // The repeats of a variant share the one profile of its profiling run (one file).
      let sharedProfileFile: string | undefined;
      if (opts.signal?.aborted) opts.progress.step(`[${n}] aborted: the partial run is not stored`);
      for (let i = 0; i < (opts.repeat ?? 1); i++) {
        if (opts.signal?.aborted) break;
        if ((opts.repeat ?? 1) > 1) opts.progress.step(`[${n}] repeat ${i + 1}/${opts.repeat}`);
        const measured = await measureHttpServer({ ...measure, cpuProfiler: cpuProfile === 'inline' ? createProfiler(spec.profiler) : undefined });
        if (!answers.has(n)) answers.set(n, measured.answers);
        if (opts.signal?.aborted) {
          opts.progress.step(`[${n}] aborted: the partial run is not stored`);
          break;
        }
        const withRequests = { ...measured.result, resources: withManifestRequests(measured.result.resources, requests), notes: [...measured.result.notes, LOCAL_REQUESTS_NOTE] };
        const profile = separateProfile ?? measured.cpuProfile;
        const stored = storeLocalResult(opts.resultsDir, withArtefactSize(withRequests, spec), profile, separateProfile ? 'separate-run' : 'this-run', sharedProfileFile);
        if (separateProfile && stored.result.cpuProfile?.status === 'recorded') sharedProfileFile = stored.result.cpuProfile.file;
        if (profile?.status === 'unavailable' && i === 0) opts.progress.step(`[${n}] no CPU profile: ${profile.reason}`);
        results.push(stored.result);
        files.push(stored.file);
      }
      outcomes.push({ variant: n, status: 'measured', results, files });
    } catch (err) {
      const reason = err instanceof ConformanceError ? err.message : `${(err as Error).message}`;
      opts.progress.step(`[${n}] failed: ${reason}`);
      outcomes.push({ variant: n, status: 'failed', reason, results, files });
    }
  }
  return outcomes;
}

/** The runtime experiment's local target. */
export const runtimeLocalTarget: LocalTarget = {
  experiment: runtimeExperiment.name,
  options: [
    {
      flags: '--cpu-profile <mode>',
      description: `each server's CPU profile from its runtime's profiler, stored beside the result: separate (default: a shorter extra run per variant, so the measured figures carry no profiler cost), inline (profile the measured runs), off`,
      env: CPU_PROFILE_ENV,
    },
  ],
  run: runRuntimeLocal,
};
