/** Runs toolchain probes and build steps for the local target, with output kept for errors. */
import { spawn, spawnSync } from 'child_process';
import { CommandSpec, ToolchainSpec } from '../../experiments/runtime/variant-spec';

/** The toolchain's version line, or undefined when the toolchain is not installed. */
export function toolchainVersion(t: ToolchainSpec): string | undefined {
  const r = spawnSync(t.command, [...t.versionArgs], { encoding: 'utf8', timeout: 20000 });
  if (r.error || r.status !== 0) return undefined;
  return (r.stdout || r.stderr).trim().split('\n')[0];
}

/** Runs one command to completion; throws with its last output lines when it fails. */
export function runCommand(cmd: CommandSpec, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd.command, [...cmd.args], { cwd: cmd.cwd, env: { ...process.env, ...(cmd.env ?? {}) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: string[] = [];
    const keep = (c: Buffer): void => {
      out.push(c.toString());
      if (out.length > 400) out.splice(0, out.length - 400);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => reject(new Error(`${label}: cannot run ${cmd.command}: ${err.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) return resolve();
      const tail = out.join('').split('\n').slice(-25).join('\n');
      reject(new Error(`${label}: \`${cmd.command} ${cmd.args.join(' ')}\` failed (${signal ?? `exit ${code}`}) in ${cmd.cwd}:\n${tail}`));
    });
  });
}
