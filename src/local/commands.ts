/** Runs toolchain probes and build steps for the local target, with output kept for errors. */
import { spawnSync } from 'child_process';
import { CommandSpec, ToolchainSpec } from '../../experiments/runtime/variant-spec';
import { spawnGroup } from './process-group';
import { ProgressReporter } from './progress';

/** The toolchain's version line, or undefined when the toolchain is not installed. */
export function toolchainVersion(t: ToolchainSpec): string | undefined {
  const r = spawnSync(t.command, [...t.versionArgs], { encoding: 'utf8', timeout: 20000 });
  if (r.error || r.status !== 0) return undefined;
  return (r.stdout || r.stderr).trim().split('\n')[0];
}

/** The build was stopped by the run's abort signal (Ctrl-C, SIGTERM, SIGHUP). */
export class CommandAbortedError extends Error {}

/**
 * Runs one command to completion in a process group of its own; throws with its last output
 * lines when it fails, and stops the whole group (CommandAbortedError) when `signal` aborts.
 */
export function runCommand(cmd: CommandSpec, label: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CommandAbortedError(`${label}: aborted`));
    const child = spawnGroup(cmd.command, cmd.args, { cwd: cmd.cwd, env: { ...process.env, ...(cmd.env ?? {}) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const onAbort = (): void => void child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    const out: string[] = [];
    const keep = (c: Buffer): void => {
      out.push(c.toString());
      if (out.length > 400) out.splice(0, out.length - 400);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', (err) => reject(new Error(`${label}: cannot run ${cmd.command}: ${err.message}`)));
    child.on('exit', (code, killedBy) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return reject(new CommandAbortedError(`${label}: aborted`));
      if (code === 0) return resolve();
      const tail = out.join('').split('\n').slice(-25).join('\n');
      reject(new Error(`${label}: \`${cmd.command} ${cmd.args.join(' ')}\` failed (${killedBy ?? `exit ${code}`}) in ${cmd.cwd}:\n${tail}`));
    });
  });
}

/** What a build shows while it runs: `[tag] building <what>… 12 s`, then `[tag] built in 34 s`. */
export interface BuildDisplay {
  readonly tag: string;
  readonly what: string;
  readonly progress: ProgressReporter;
}

/**
 * Runs a variant's build steps with the elapsed time shown (a first build — a Rust release build —
 * takes minutes); stops the build when `signal` aborts.
 */
export async function runBuild(steps: readonly CommandSpec[], label: string, show: BuildDisplay, signal?: AbortSignal): Promise<void> {
  const t0 = Date.now();
  const seconds = (): number => Math.round((Date.now() - t0) / 1000);
  show.progress.step(`${show.tag} building ${show.what}`);
  const ticker = setInterval(() => show.progress.update(`${show.tag} building ${show.what}… ${seconds()} s`), 1000);
  try {
    for (const step of steps) await runCommand(step, label, signal);
  } finally {
    clearInterval(ticker);
    show.progress.done();
  }
  show.progress.step(`${show.tag} built in ${seconds()} s`);
}
