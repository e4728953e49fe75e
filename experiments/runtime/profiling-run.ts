/**
 * The separate profiling run of `--cpu-profile separate` (the default): the variant's server
 * started with its profiler, put under the same load profile cut to at most
 * PROFILING_RUN_MAX_SECONDS, and stopped; only its CPU profile is kept. A failed profiling run
 * becomes an `unavailable` profile with the reason, never a failed variant: the measured runs
 * that follow decide that.
 */
import { CollectedProfile } from '../../src/local/cpu-profilers/cpu-profiler';
import { ProfilerKind, createProfiler } from '../../src/local/cpu-profilers/for-variant';
import { MeasureHttpServerOptions, measureHttpServer } from '../../src/local/measure-http-server';
import { profileDurationSeconds } from '../../src/load/profile';
import { scaleProfile } from '../../src/load/scale';
import { PROFILING_RUN_MAX_SECONDS } from './cpu-profile-setting';

/** Runs the variant once with its profiler and returns the profile (or why there is none). */
export async function recordProfilingRun(measure: Omit<MeasureHttpServerOptions, 'cpuProfiler'>, profiler: ProfilerKind): Promise<CollectedProfile> {
  const seconds = profileDurationSeconds(measure.profile);
  const profile = seconds > PROFILING_RUN_MAX_SECONDS ? scaleProfile(measure.profile, { time: PROFILING_RUN_MAX_SECONDS / seconds }) : measure.profile;
  const tool = createProfiler(profiler);
  measure.progress.step(`[${measure.variant}] profiling run (${tool.tool}, ${profileDurationSeconds(profile).toFixed(0)} s; its figures are not stored)`);
  try {
    const run = await measureHttpServer({ ...measure, profile, cpuProfiler: tool, label: undefined });
    return run.cpuProfile ?? { status: 'unavailable', tool: tool.tool, reason: 'the profiling run returned no profile' };
  } catch (err) {
    return { status: 'unavailable', tool: tool.tool, reason: `the profiling run failed: ${(err as Error).message.split('\n')[0]}` };
  }
}
