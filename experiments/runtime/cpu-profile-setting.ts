/**
 * How `perflab run runtime --target local` records each server's CPU profile (`--cpu-profile
 * <mode>`, env PERFLAB_CPU_PROFILE):
 * - `separate` (the default): one extra, shorter run of each variant with its profiler on, before
 *   the measured runs; its profile is stored with every measured result and its own figures are
 *   dropped, so the stored figures never carry the profiler's cost;
 * - `inline`: the measured runs themselves are profiled (their figures include the cost);
 * - `off`: no profile.
 * Why not profile the measured runs by default: `npm run bench -- profiling-overhead` measured
 * node's profiler at 0.88× the unprofiled RPS and bun's at 0.93× on a quiet machine (go 1.01×,
 * rust 0.996×), enough to move the ranking the experiment reports.
 */
import { ConfigError } from '../../src/config/errors';

/** Environment variable `--cpu-profile` is passed in. */
export const CPU_PROFILE_ENV = 'PERFLAB_CPU_PROFILE';

/** The ways a CPU profile can be recorded (see the file comment). */
export const CPU_PROFILE_MODES = ['separate', 'inline', 'off'] as const;
/** One of CPU_PROFILE_MODES. */
export type CpuProfileMode = (typeof CPU_PROFILE_MODES)[number];

/** The longest load a separate profiling run applies, in seconds (the profile's own when shorter). */
export const PROFILING_RUN_MAX_SECONDS = 10;

/** `value` as a mode; anything else is an error naming `key`, the value and the allowed modes. */
export function cpuProfileMode(value: unknown, key: string): CpuProfileMode {
  if (!(CPU_PROFILE_MODES as readonly unknown[]).includes(value)) throw new ConfigError([`${key} is ${JSON.stringify(value)}: expected ${CPU_PROFILE_MODES.join(', ')}`]);
  return value as CpuProfileMode;
}

/** Reads the setting from the environment (default `separate`, any case); an unknown value is an error naming the variable, the value and what is allowed. */
export function cpuProfileSetting(env: NodeJS.ProcessEnv = process.env): CpuProfileMode {
  const raw = env[CPU_PROFILE_ENV];
  return raw === undefined ? 'separate' : cpuProfileMode(raw.trim().toLowerCase(), `${CPU_PROFILE_ENV} (--cpu-profile)`);
}
