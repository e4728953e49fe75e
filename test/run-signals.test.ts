/**
 * `perflab run` of each local experiment, stopped by SIGTERM (what `timeout`, a cancelled CI job
 * or a process manager sends) while its load runs: it says "interrupted", exits non-zero, leaves
 * no child process behind (servers, brokers, load tools, wrappers' children), stores nothing and
 * leaves nothing in its temp folder. So does a terminal: Ctrl-C to the whole foreground group
 * (the servers, in groups of their own, do not die before perflab stops them) and SIGHUP. Each
 * run is stopped a second into its load, so the file takes about as long as seven CLI start-ups
 * plus a few seconds each. An experiment whose tools are missing here is skipped by the CLI itself
 * ("skipped: ...") and then checked the same way.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProcEntry, descendants, filesUnder, stillRunning } from './helpers/process-tree';

const BIN = path.join(__dirname, '..', 'bin', 'perflab.js');

interface Case {
  readonly experiment: string;
  /** Which run of the experiment, when it has more than one case. */
  readonly label?: string;
  readonly args: readonly string[];
  /** A progress line that says the load is running. */
  readonly running: RegExp;
}

const CASES: readonly Case[] = [
  { experiment: 'runtime', args: ['--variants', 'go', '--time-scale', '20'], running: /\[go\] up in \d+ ms/ },
  { experiment: 'database', args: ['--variants', 'postgres', '--workload', 'pgbench-read-only', '--time-scale', '20'], running: /\[postgres\/pgbench-read-only\] (warm-up|measuring)/ },
  { experiment: 'messaging', label: 'nats', args: ['--variants', 'nats', '--scenario', 'fixed-rate', '--time-scale', '20'], running: /\[nats\] up in \d+ ms/ },
  // A JVM broker and its controlled shutdown on SIGTERM.
  { experiment: 'messaging', label: 'kafka', args: ['--variants', 'kafka', '--scenario', 'fixed-rate', '--time-scale', '20'], running: /\[kafka\] up in \d+ ms/ },
  { experiment: 'full-stack', args: ['--time-scale', '20'], running: /\[composed\] measuring/ },
];

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** How the signal is sent: to perflab alone (kill, timeout, CI), or to its whole process group (a terminal's Ctrl-C). */
type Delivery = 'process' | 'group';

async function stopRun(c: Case, signal: NodeJS.Signals, delivery: Delivery): Promise<void> {
  const results = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-sigterm-results-'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-sigterm-tmp-'));
  fs.chmodSync(tmp, 0o755); // servers run as their own users (postgres) under it
  const child = spawn(process.execPath, [BIN, 'run', c.experiment, ...c.args, '--profile', 'smoke', '--results-dir', results], {
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: delivery === 'group', // a group of its own, like a terminal's foreground job
  });
  let stderr = '';
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const skipped = new RegExp(`\\] skipped: (.*)`);
  const state = await new Promise<'running' | 'exited'>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (c.running.test(stderr)) resolve('running');
    });
    void exited.then(() => resolve('exited'));
  });
  let before: ProcEntry[] = [];
  if (state === 'running') {
    await sleep(1000);
    before = descendants(child.pid as number);
    expect(before.length).toBeGreaterThan(0);
    if (delivery === 'group') process.kill(-(child.pid as number), signal);
    else child.kill(signal);
  } else {
    // The tools are missing here: the CLI said so and ran nothing.
    // eslint-disable-next-line no-console
    console.warn(`run-signals: ${c.experiment} did not run here: ${skipped.exec(stderr)?.[1] ?? stderr}`);
  }
  const code = await exited;
  try {
    if (state === 'running') {
      expect(stderr).toContain(`interrupted: stopping servers (${signal}`);
      expect(stderr).not.toMatch(/failed: .*exited/);
      expect(code).toBe(1);
    }
    // Give the kernel a moment to reap what was SIGKILLed.
    for (let i = 0; i < 20 && before.some(stillRunning); i++) await sleep(100);
    expect(before.filter(stillRunning)).toEqual([]);
    expect(filesUnder(results)).toEqual([]);
    // (v8-compile-cache: a module cache of the CLI's own dependencies, not a run's leftover)
    expect(fs.readdirSync(tmp).filter((f) => !f.startsWith('v8-compile-cache'))).toEqual([]);
  } finally {
    for (const p of before.filter(stillRunning)) process.kill(p.pid, 'SIGKILL');
    fs.rmSync(results, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

describe('perflab run stopped by SIGTERM', () => {
  for (const c of CASES) {
    it(`${c.experiment}${c.label ? ` (${c.label})` : ''}: stops every child, stores nothing, says interrupted`, () => stopRun(c, 'SIGTERM', 'process'), 240_000);
  }
});

describe('perflab run stopped by a terminal', () => {
  it('Ctrl-C to the whole foreground group: the servers do not die first, the run says interrupted', () => stopRun(CASES[0], 'SIGINT', 'group'), 240_000);
  it('SIGHUP (the terminal closed) stops the run like Ctrl-C', () => stopRun(CASES[0], 'SIGHUP', 'process'), 240_000);
});
