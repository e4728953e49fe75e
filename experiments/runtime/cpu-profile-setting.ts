/**
 * Whether `perflab run runtime --target local` records a CPU profile of each server
 * (`--cpu-profile`, env PERFLAB_CPU_PROFILE). Opt-in: `npm run bench -- profiling-overhead` measured
 * Node's profiler at about 1.6× the server CPU per request here, and could not show the others'
 * RPS cost on a shared machine (experiments/runtime/apps/README.md has the figures).
 */
import { ConfigError } from '../../src/config/errors';

/** Environment variable `--cpu-profile` is passed in. */
export const CPU_PROFILE_ENV = 'PERFLAB_CPU_PROFILE';

const VALUES: Readonly<Record<string, boolean>> = { true: true, '1': true, false: false, '0': false, '': false };

/** Reads the setting from the environment; an unknown value is an error naming the variable, the value and what is allowed. */
export function cpuProfileSetting(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env[CPU_PROFILE_ENV];
  if (raw === undefined) return false;
  const v = VALUES[raw.trim().toLowerCase()];
  if (v === undefined) throw new ConfigError([`${CPU_PROFILE_ENV} (--cpu-profile) is ${JSON.stringify(raw)}: expected true, false, 1 or 0`]);
  return v;
}
