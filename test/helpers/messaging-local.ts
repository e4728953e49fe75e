/**
 * Shared by the tests that run local brokers: PERFLAB_MQ_* variables set for one call, and the
 * processes still running from a broker folder this test process made.
 */
import * as fs from 'fs';
import { createdScratchDirs } from '../../experiments/messaging/local/scratch-dir';

/** Runs `fn` with the variables of `env` set, restoring them afterwards. */
export async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Running processes whose command line points into a broker folder this test process made (other test files may run brokers of their own). */
export function brokerProcesses(): string[] {
  const ours = createdScratchDirs();
  const out: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (ours.some((dir) => cmd.includes(dir))) out.push(`${pid}: ${cmd.slice(0, 120)}`);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
