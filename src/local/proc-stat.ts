/**
 * Synchronous reads of one process's CPU time and memory from Linux's /proc, shared by the local
 * samplers. A read is a fresh open of the file each time: no cached descriptor, no shared state,
 * so readings never arrive out of order or from another file.
 */
import * as fs from 'fs';

/** USER_HZ: the unit of the CPU times in /proc/<pid>/stat on Linux. */
export const CLOCK_TICKS = 100;
/** Page size the resident-set figures of /proc/<pid>/statm count in. */
const PAGE_BYTES = 4096;

/** One process's line of /proc/<pid>/stat, as far as the samplers need it. */
export interface ProcStat {
  readonly ppid: number;
  /** utime + stime, seconds. */
  readonly cpuSeconds: number;
  /** Process start time since boot, in ticks (tells a reused pid apart). */
  readonly start: string;
}

/** Whether this machine has a /proc to read. */
export function procAvailable(): boolean {
  return process.platform === 'linux' && fs.existsSync('/proc/self/stat');
}

/** /proc/<pid>/stat of `pid`, or undefined when the process is gone or unreadable. */
export function readStat(pid: number): ProcStat | undefined {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15, starttime 22.
    return { ppid: Number(rest[1]), cpuSeconds: (Number(rest[11]) + Number(rest[12])) / CLOCK_TICKS, start: rest[19] };
  } catch {
    return undefined;
  }
}

/** Resident set size of `pid` in bytes (/proc/<pid>/statm), or undefined when unreadable. */
export function rssBytes(pid: number): number | undefined {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
  } catch {
    return undefined;
  }
}

/** Proportional set size of `pid` in bytes (shared pages counted once), else its RSS, else 0. */
export function pssBytes(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not readable: fall back to RSS from statm
  }
  return rssBytes(pid) ?? 0;
}
