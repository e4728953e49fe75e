/**
 * How the local target samples a server's CPU while the load runs, whatever the tool: the tool
 * may change how the server is started (a flag, an environment variable), starts sampling when
 * the load starts, stops when it ends, and hands back the samples after the server has exited
 * (V8 writes its profile at exit).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CommandSpec } from '../../../experiments/runtime/variant-spec';
import { FoldedProfile } from '../../profile/folded';

/** A profile collected from one run, or why there is none. */
export type CollectedProfile =
  | { readonly status: 'recorded'; readonly tool: string; readonly profile: FoldedProfile; readonly sampleIntervalUs: number; readonly durationSeconds: number }
  | { readonly status: 'unavailable'; readonly tool: string; readonly reason: string };

/** One run's profiler; used once, in this order: prepare, begin, end, collect (dispose always). */
export interface CpuProfiler {
  /** The profiler as results name it, e.g. `node --cpu-prof`. */
  readonly tool: string;
  /** The server's start command with whatever the profiler needs; called before the server starts. */
  prepare(start: CommandSpec): Promise<CommandSpec>;
  /** The load starts now; `pid` is the server's, `plannedSeconds` the load's planned length. */
  begin(pid: number, plannedSeconds: number): void;
  /** The load has ended; the server still runs. */
  end(): Promise<void>;
  /** The server has exited: the profile, or why there is none. */
  collect(): Promise<CollectedProfile>;
  /** Removes temporary files and stops anything still running. */
  dispose(): void;
}

/** A profiler that records nothing and says why (e.g. perf not allowed here). */
export function unavailableProfiler(tool: string, reason: string): CpuProfiler {
  return {
    tool,
    prepare: async (start) => start,
    begin: () => undefined,
    end: async () => undefined,
    collect: async () => ({ status: 'unavailable', tool, reason }),
    dispose: () => undefined,
  };
}

/** A fresh temporary folder for one profiler's files. */
export function profilerTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-profile-'));
}
