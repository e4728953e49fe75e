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

/** Adds the modelled cost (and the CPU profile, when collected), writes atomically, and returns both. */
export function storeLocalResult(resultsDir: string, measured: RunResult, profile?: CollectedProfile): { result: RunResult; file: string } {
  let result = withModelledCost(measured);
  if (profile?.status === 'recorded') {
    const file = profileFileName(result.id);
    writeFileAtomic(path.join(resultsDir, result.experiment, file), toFoldedText(profile.profile));
    const { tool, sampleIntervalUs, durationSeconds } = profile;
    result = {
      ...result,
      cpuProfile: { status: 'recorded', file, tool, sampleIntervalUs, durationSeconds, samples: totalSamples(profile.profile) },
      notes: [...result.notes, profiledNote(tool)],
    };
  } else if (profile) {
    result = { ...result, cpuProfile: { status: 'unavailable', tool: profile.tool, reason: profile.reason } };
  }
  return { result, file: writeRunResult(resultsDir, result) };
}
