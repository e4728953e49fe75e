/**
 * A RunResult's CPU profile: either a reference to the folded-stacks file stored beside the
 * result (`<id>.profile.folded` in the result's folder, written atomically before the result),
 * or the reason there is none (profiler missing or not allowed on this machine).
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { FoldedProfile, parseFoldedText } from '../profile/folded';

/** The profile of a run, or why it has none. */
export const CpuProfileSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('recorded'),
    /** The folded-stacks file, relative to the RunResult file's folder. */
    file: z.string().regex(/^[A-Za-z0-9._-]+$/),
    /** The profiler, e.g. `node --cpu-prof`, `go net/http/pprof`, `perf record`. */
    tool: z.string(),
    /** Time between samples (µs). */
    sampleIntervalUs: z.number().positive(),
    /** Span the samples cover (s). */
    durationSeconds: z.number().min(0),
    /** Samples in the file. */
    samples: z.number().int().min(0),
    /**
     * Which run the samples come from: `this-run` (the figures of this result include the
     * profiler's cost) or `separate-run` (a shorter profiled run of the same variant just before
     * this one; this result was measured without a profiler). @default this-run
     */
    run: z.enum(['this-run', 'separate-run']).default('this-run'),
  }),
  z.object({
    status: z.literal('unavailable'),
    tool: z.string().optional(),
    /** Why there is no profile, e.g. `perf not found` or `perf_event_paranoid is 3`. */
    reason: z.string(),
  }),
]);
/** A RunResult's `cpuProfile`. */
export type CpuProfile = z.output<typeof CpuProfileSchema>;

/** The name of a result's profile file. */
export const profileFileName = (resultId: string): string => `${resultId}.profile.folded`;

/** Reads the profile a result file references; throws naming the file when it is missing or corrupt. */
export function readStoredProfile(resultFile: string, ref: Extract<CpuProfile, { status: 'recorded' }>): FoldedProfile {
  const file = path.join(path.dirname(resultFile), ref.file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${resultFile}: its CPU profile ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseFoldedText(text, file);
}
