/**
 * Runs mqbench as a child process: the workload goes in as JSON, stdout (JSON lines) is kept
 * whole and handed line by line to a listener (progress, fault timing); stderr's tail is kept
 * for errors. Every harness still running is killed if this process exits.
 */
import { ChildProcess, spawn } from 'child_process';
import { MessagingWorkload } from '../workload';

const live = new Set<ChildProcess>();
let hooked = false;

/** What a finished harness left. */
export interface HarnessExit {
  readonly stdout: string;
  readonly stderrTail: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A started harness. */
export interface RunningHarness {
  readonly pid?: number;
  /** Resolves when the process has exited. */
  readonly done: Promise<HarnessExit>;
  /** SIGTERM (the harness cancels and exits), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<HarnessExit>;
}

/** Starts `binary --workload <json>`; `onLine` gets every stdout line that parses as JSON. */
export function startHarness(binary: string, workload: MessagingWorkload, onLine: (line: Record<string, unknown>) => void): RunningHarness {
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const c of live) c.kill('SIGKILL');
    });
  }
  const child = spawn(binary, ['--workload', JSON.stringify(workload)], { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const out: string[] = [];
  const err: string[] = [];
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    out.push(text);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) {
      if (!l.startsWith('{')) continue;
      try {
        onLine(JSON.parse(l) as Record<string, unknown>);
      } catch {
        // a line the parser will judge later
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err.push(chunk.toString());
    if (err.length > 200) err.splice(0, err.length - 200);
  });
  const done = new Promise<HarnessExit>((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      live.delete(child);
      resolve({ stdout: out.join(''), stderrTail: err.join('').split('\n').slice(-20).join('\n'), code, signal });
    };
    child.on('error', (e) => {
      err.push(`cannot start ${binary}: ${e.message}`);
      finish(null, null);
    });
    child.on('exit', finish);
  });
  return {
    pid: child.pid,
    done,
    async stop(graceMs = 5000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const exit = await done;
      clearTimeout(timer);
      return exit;
    },
  };
}
