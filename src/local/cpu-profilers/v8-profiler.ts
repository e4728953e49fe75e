/**
 * Node's and Bun's `--cpu-prof`: V8's sampling profiler runs from process start and writes a
 * .cpuprofile into `--cpu-prof-dir` when the process exits normally (the apps exit with 0 on
 * SIGTERM). Only samples taken between the load's start and end are kept. Node stamps samples
 * with the monotonic clock (process.hrtime), Bun 1.4 with the wall clock (µs since the epoch):
 * both are noted at the load's edges and the one the profile's start time is close to is used.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CommandSpec } from '../../../experiments/runtime/variant-spec';
import { SampleWindow, v8ToFolded } from '../../profile/v8-cpuprofile';
import { CpuProfiler, profilerTempDir } from './cpu-profiler';

/** V8's default sampling interval, set explicitly so results state it (µs). */
export const V8_SAMPLE_INTERVAL_US = 1000;

interface ClockMarks {
  readonly monotonicUs: number;
  readonly wallUs: number;
}

const now = (): ClockMarks => ({ monotonicUs: Number(process.hrtime.bigint() / 1000n), wallUs: Date.now() * 1000 });

/** The load window in whichever clock `startUs` (the profile's start) belongs to. */
export function windowInProfileClock(startUs: number, from: ClockMarks, to: ClockMarks): SampleWindow {
  const monotonic = Math.abs(startUs - from.monotonicUs) < Math.abs(startUs - from.wallUs);
  return monotonic ? { startUs: from.monotonicUs, endUs: to.monotonicUs } : { startUs: from.wallUs, endUs: to.wallUs };
}

/** A `--cpu-prof` profiler for a node or bun server (`runtime` names it in results). */
export function v8Profiler(runtime: 'node' | 'bun'): CpuProfiler {
  const tool = `${runtime} --cpu-prof`;
  const dir = profilerTempDir();
  let from: ClockMarks | undefined;
  let to: ClockMarks | undefined;
  return {
    tool,
    prepare: async (start: CommandSpec) => ({ ...start, args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${V8_SAMPLE_INTERVAL_US}`, ...start.args] }),
    begin: () => {
      from = now();
    },
    end: async () => {
      to = now();
    },
    collect: async () => {
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
      if (files.length !== 1) return { status: 'unavailable', tool, reason: `expected one .cpuprofile after the server exited, found ${files.length} (the server must exit normally on SIGTERM)` };
      const file = path.join(dir, files[0]);
      const edges = from && to ? { from, to } : undefined;
      const window = edges ? (startUs: number) => windowInProfileClock(startUs, edges.from, edges.to) : undefined;
      const { profile, durationSeconds } = v8ToFolded(fs.readFileSync(file, 'utf8'), file, window);
      return { status: 'recorded', tool, profile, sampleIntervalUs: V8_SAMPLE_INTERVAL_US, durationSeconds };
    },
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
