/**
 * Children of the local target in process groups of their own. Each child is spawned as the
 * leader of a new group (`detached`: setsid), so a terminal's Ctrl-C (sent to perflab's
 * foreground group) reaches perflab only — perflab then stops its children itself and reports
 * "interrupted" — and stopping a child stops everything it started (runuser → postgres,
 * cargo → rustc, a broker's wrapper script → beam.smp). Every group still alive when perflab
 * exits is SIGKILLed.
 */
import { ChildProcess, SpawnOptions, spawn } from 'child_process';

/** Groups started and not yet known to be empty (by leader pid = process group id). */
const groups = new Set<number>();
let exitHook = false;

/** Whether group `pgid` still has a process (a zombie not yet reaped counts: signalling it is harmless). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends `signal` to every process of group `pgid`; false when the group is gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILLs every group started here that still has a process (synchronous: safe in an `exit` hook). */
export function killAllGroups(): void {
  for (const pgid of groups) {
    signalGroup(pgid, 'SIGKILL');
    groups.delete(pgid);
  }
}

/**
 * `spawn` with the child as leader of a new process group, tracked until the group is empty.
 * The returned child's `kill` signals the whole group.
 */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  if (!exitHook) {
    exitHook = true;
    process.on('exit', killAllGroups);
  }
  const child = spawn(command, [...args], { ...options, detached: true });
  const pgid = child.pid;
  if (pgid === undefined) return child; // failed to start: the 'error' event says why
  groups.add(pgid);
  child.kill = (signal: NodeJS.Signals | number = 'SIGTERM'): boolean => {
    try {
      process.kill(-pgid, signal);
      return true;
    } catch {
      return false;
    }
  };
  child.on('exit', () => {
    // The leader is gone; members it left behind (daemonised helpers) are still ours to stop.
    if (!groupAlive(pgid)) groups.delete(pgid);
  });
  return child;
}
