/**
 * Stores a local run's RunResult. Local runs have no cost tool, so the result first gets its
 * modelled cost (measured CPU and memory × the pricing model) — every local target stores
 * through here, so every local result carries cost the same way. A recorded CPU profile is
 * written first, beside the result (both atomically), so a stored result never references a
 * profile file that is not there.
 */
import * as path from 'path';
import { withModelledCost } from '../cost/modelled-cost';
import { RunResult } from '../results/run-result';
import { profileFileName } from '../results/cpu-profile';
import { writeFileAtomic, writeRunResult } from '../results/store';
import { toFoldedText, totalSamples } from '../profile/folded';
import { CollectedProfile } from './cpu-profilers/cpu-profiler';

/** The note a profiled run carries: its figures include the profiler's cost. */
export const profiledNote = (tool: string): string =>
  `CPU-profiled run (${tool}): throughput, latency and cold start include the profiler's overhead (npm run bench -- profiling-overhead)`;

/** The note a result carries whose profile comes from a separate profiling run. */
export const separateProfileNote = (tool: string, seconds: number): string =>
  `CPU profile (${tool}) from a separate ${seconds.toFixed(0)}-s profiled run of this variant just before it; this run was measured without a profiler`;

/** Which run a stored profile comes from: the measured run itself, or a separate profiling run. */
export type ProfileRun = 'this-run' | 'separate-run';

/**
 * Adds the modelled cost (and the CPU profile, when collected), writes atomically, and returns
 * both. `sharedProfileFile` names a profile file an earlier result of the same separate profiling
 * run already wrote: it is referenced, not written again.
 */
export function storeLocalResult(resultsDir: string, measured: RunResult, profile?: CollectedProfile, run: ProfileRun = 'this-run', sharedProfileFile?: string): { result: RunResult; file: string } {
  let result = withModelledCost(measured);
  if (profile?.status === 'recorded') {
    const file = sharedProfileFile ?? profileFileName(result.id);
    if (!sharedProfileFile) writeFileAtomic(path.join(resultsDir, result.experiment, file), toFoldedText(profile.profile));
    const { tool, sampleIntervalUs, durationSeconds } = profile;
    result = {
      ...result,
      cpuProfile: { status: 'recorded', file, tool, sampleIntervalUs, durationSeconds, samples: totalSamples(profile.profile), run },
      notes: [...result.notes, run === 'this-run' ? profiledNote(tool) : separateProfileNote(tool, durationSeconds)],
    };
  } else if (profile) {
    result = { ...result, cpuProfile: { status: 'unavailable', tool: profile.tool, reason: profile.reason } };
  }
  return { result, file: writeRunResult(resultsDir, result) };
}
