/**
 * Linux `perf record` for native servers (rust): samples the server's threads at 99 Hz while the
 * load runs, with call graphs unwound from DWARF (the rust release build keeps no frame pointers,
 * so `-g` would stop at the first Rust frame; each sample copies 8 KiB of stack instead, about
 * 0.9 MB/s of perf.data per busy thread in a temporary folder), is stopped with SIGINT (perf then writes perf.data), and `perf
 * script` turns the data into text for src/profile/perf-script. Whether perf may run here is
 * decided before the server starts: perf must be on PATH, and an unprivileged user needs
 * /proc/sys/kernel/perf_event_paranoid ≤ 1 to attach to a process it started (root may always).
 */
import { ChildProcess, execFile, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { perfScriptToFolded } from '../../profile/perf-script';
import { CpuProfiler, profilerTempDir, unavailableProfiler } from './cpu-profiler';

/** Sampling frequency (Hz): 99, not 100, so samples do not fall in step with periodic work. */
export const PERF_FREQUENCY_HZ = 99;
const TOOL = 'perf record';

/** Why perf cannot profile here, or undefined when it can. */
export function perfUnavailableReason(paranoidFile = '/proc/sys/kernel/perf_event_paranoid', uid = process.getuid?.() ?? -1): string | undefined {
  if (spawnSync('perf', ['--version'], { encoding: 'utf8' }).status !== 0) return 'perf not found on PATH (Debian: apt-get install linux-perf)';
  let paranoid: number;
  try {
    paranoid = Number(fs.readFileSync(paranoidFile, 'utf8').trim());
  } catch {
    return `${paranoidFile} cannot be read: not Linux, or perf events are not supported here`;
  }
  if (uid !== 0 && !(paranoid <= 1)) return `${paranoidFile} is ${paranoid}: a non-root user may profile its own processes only at 1 or less (sysctl kernel.perf_event_paranoid=1)`;
  return undefined;
}

/** A perf profiler, or one that says why perf cannot run here. */
export function perfProfiler(): CpuProfiler {
  const reason = perfUnavailableReason();
  if (reason) return unavailableProfiler(TOOL, reason);
  const dir = profilerTempDir();
  const data = path.join(dir, 'perf.data');
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> | undefined;
  const stderr: string[] = [];
  let began = 0;
  let seconds = 0;
  return {
    tool: TOOL,
    prepare: async (start) => start,
    begin: (pid) => {
      began = Date.now();
      child = spawn('perf', ['record', '-F', String(PERF_FREQUENCY_HZ), '--call-graph', 'dwarf,8192', '-p', String(pid), '-o', data, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr?.on('data', (c: Buffer) => stderr.push(c.toString()));
      exited = new Promise((resolve) => {
        child!.on('exit', (code) => resolve(code));
        child!.on('error', (err) => {
          stderr.push(err.message);
          resolve(null);
        });
      });
    },
    end: async () => {
      seconds = (Date.now() - began) / 1000;
      child?.kill('SIGINT');
      await exited;
    },
    collect: async () => {
      if (!fs.existsSync(data)) return { status: 'unavailable', tool: TOOL, reason: `perf record wrote no data: ${stderr.join('').trim().slice(-300) || 'no message'}` };
      const text = await new Promise<string>((resolve, reject) =>
        execFile('perf', ['script', '-i', data], { maxBuffer: 512 * 1024 * 1024 }, (err, out) => (err ? reject(err) : resolve(out))),
      );
      return { status: 'recorded', tool: TOOL, profile: perfScriptToFolded(text), sampleIntervalUs: 1e6 / PERF_FREQUENCY_HZ, durationSeconds: seconds };
    },
    dispose: () => {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
