/**
 * Finds a process's descendants through /proc (Linux): a broker started by a wrapper script
 * (rabbitmq-server → erl → beam.smp) is measured and killed by its real server process.
 */
import * as fs from 'fs';

/** Parent pid and command name of a process from /proc/<pid>/stat, or undefined when it is gone. */
export function procStat(pid: number): { ppid: number; comm: string } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    return { ppid, comm };
  } catch {
    return undefined;
  }
}

/** The first descendant of `root` whose command name is `comm`, or undefined. */
export function findDescendant(root: number, comm: string): number | undefined {
  let pids: number[];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return undefined;
  }
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const pid of pids) {
    const s = procStat(pid);
    if (!s) continue;
    names.set(pid, s.comm);
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  const queue = [...(children.get(root) ?? [])];
  while (queue.length) {
    const pid = queue.shift() as number;
    if (names.get(pid) === comm) return pid;
    queue.push(...(children.get(pid) ?? []));
  }
  return undefined;
}
