/**
 * A throwaway Redis for the local target's cache layer (Debian package redis-server): a free
 * port on 127.0.0.1, no persistence (no RDB snapshots, no AOF), a temp working folder, and
 * everything removed on stop — the messaging experiment's scratch folders clean up on exit too.
 */
import * as net from 'net';
import { toolchainVersion } from '../../../src/local/commands';
import { ManagedProcess, freePort } from '../../../src/local/processes';
import { makeScratchDir, removeScratchDir } from '../../messaging/local/scratch-dir';

/** Program and Debian package of the local cache. */
export const REDIS_TOOL = { command: 'redis-server', aptPackage: 'redis-server' } as const;

/** A running local Redis. */
export interface LocalRedis {
  /** `127.0.0.1:<port>` (REDIS_ADDR of the app). */
  readonly addr: string;
  readonly pid: number;
  readonly version: string;
  stop(): Promise<void>;
}

/** Version line of redis-server, or undefined when it is not installed. */
export function redisVersion(): string | undefined {
  return toolchainVersion({ command: REDIS_TOOL.command, versionArgs: ['--version'], installHint: `apt-get install ${REDIS_TOOL.aptPackage}` });
}

/** Starts redis-server; resolves once it answers PING (its cold start is the process's first healthy answer). */
export async function startRedis(): Promise<LocalRedis> {
  const dir = makeScratchDir('perflab-redis-');
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'];
  const proc = new ManagedProcess('redis-server', { command: REDIS_TOOL.command, args, cwd: dir }, {});
  const stop = async (): Promise<void> => {
    await proc.stop(5000);
    removeScratchDir(dir);
  };
  try {
    await waitForPing(proc, port);
  } catch (err) {
    await stop();
    throw err;
  }
  return { addr: `127.0.0.1:${port}`, pid: proc.pid as number, version: redisVersion() ?? 'redis-server (unknown version)', stop };
}

async function waitForPing(proc: ManagedProcess, port: number, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.hasExited) throw new Error(`redis-server exited before it answered:\n${proc.tail()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.setTimeout(500);
      sock.once('connect', () => sock.write('PING\r\n'));
      sock.once('data', (d) => {
        sock.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
      sock.once('error', () => resolve(false));
      sock.once('timeout', () => {
        sock.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on port ${port} within ${timeoutMs} ms:\n${proc.tail()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
