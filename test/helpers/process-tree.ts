/** Linux /proc helpers for tests that check no process is left behind. */
import * as fs from 'fs';

/** A process, identified by pid and start time (so a reused pid is not mistaken for it). */
export interface ProcEntry {
  readonly pid: number;
  readonly startTime: string;
  readonly command: string;
}

function stat(pid: number): { ppid: number; pgrp: number; state: string; startTime: string; command: string } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    return { state: fields[0], ppid: Number(fields[1]), pgrp: Number(fields[2]), startTime: fields[19], command: text.slice(text.indexOf('(') + 1, close) };
  } catch {
    return undefined;
  }
}

/** Every live descendant of `root` (children, their children, ...). */
export function descendants(root: number): ProcEntry[] {
  const all = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  const parent = new Map<number, ReturnType<typeof stat>>();
  for (const pid of all) parent.set(pid, stat(pid));
  const out: ProcEntry[] = [];
  const queue = [root];
  while (queue.length) {
    const p = queue.shift() as number;
    for (const [pid, s] of parent) {
      if (s && s.ppid === p && s.state !== 'Z') {
        out.push({ pid, startTime: s.startTime, command: s.command });
        queue.push(pid);
      }
    }
  }
  return out;
}

/** Live (not zombie) processes of process group `pgid`. */
export function groupMembers(pgid: number): ProcEntry[] {
  const out: ProcEntry[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = stat(Number(d));
    if (s && s.pgrp === pgid && s.state !== 'Z') out.push({ pid: Number(d), startTime: s.startTime, command: s.command });
  }
  return out;
}

/** Whether the process is still running (a zombie or a new process with its pid does not count). */
export function stillRunning(e: ProcEntry): boolean {
  const s = stat(e.pid);
  return s !== undefined && s.state !== 'Z' && s.startTime === e.startTime;
}

/** Every file under `dir`, relative to it. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(`${dir}/${f}`).isFile());
}
