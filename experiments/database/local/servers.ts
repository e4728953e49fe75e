/**
 * Throwaway database servers for the local target: a fresh data folder in a temp dir, a free
 * port on 127.0.0.1, the server started as a ManagedProcess, and everything removed again on
 * stop — also when the run fails, is interrupted, or the process exits. As root, PostgreSQL
 * runs as the `postgres` user (`runuser -u postgres --`) and MariaDB with `--user=mysql`; both
 * keep their packages' default durability settings (fsync on), so the numbers are what an
 * untuned install does.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ManagedProcess, freePort } from '../../../src/local/processes';
import { spawnGroup } from '../../../src/local/process-group';
import { DbEndpoint } from '../tool-commands';
import { Engine } from '../variants';
import { findTool, toolVersion } from './tools';

/** Database every local workload uses. */
export const LOCAL_DATABASE = 'perflab';

/** A running local server. */
export interface LocalDbServer {
  readonly engine: Engine;
  readonly endpoint: DbEndpoint;
  /** Root of the server's process tree (for resource sampling). */
  readonly pid: number;
  /** Version line of the server binary. */
  readonly version: string;
  /** Stops the server and deletes its temp folder; safe to call twice. */
  stop(): Promise<void>;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function userIds(user: string): { uid: number; gid: number } {
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) throw new Error(`no system user "${user}" to run the server as (the Debian server package creates it)`);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Runs a command to completion; rejects with its output tail. Passwords are never in `args`. */
function run(command: string, args: readonly string[], label: string, timeoutMs = 120000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(command, args, { cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (c: Buffer): void => {
      out = (out + c.toString()).slice(-20000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => reject(new Error(`${label}: cannot run ${command}: ${err.message}`)));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${label} failed (${signal ?? `exit ${code}`}):\n${out.split('\n').slice(-15).join('\n')}`));
    });
  });
}

async function waitReady(proc: ManagedProcess, probe: () => Promise<unknown>, what: string, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.hasExited) throw new Error(`${what} exited before it was ready:\n${proc.tail()}`);
    try {
      await probe();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs} ms: ${(err as Error).message}\n${proc.tail()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Temp folder (under `root`) + exit hook that removes it and SIGKILLs the server's real pid if still there. */
function scratch(prefix: string, root: string): { dir: string; serverPid: { value?: number }; release: () => void } {
  const dir = fs.mkdtempSync(path.join(root, prefix));
  const serverPid: { value?: number } = {};
  const onExit = (): void => {
    if (serverPid.value && pidAlive(serverPid.value)) process.kill(serverPid.value, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', onExit);
  return { dir, serverPid, release: () => process.off('exit', onExit) };
}

const waitGone = async (pid: number, ms: number): Promise<void> => {
  for (let i = 0; i < ms / 100 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
};

async function stopServer(proc: ManagedProcess, serverPid: number | undefined, dir: string, release: () => void, direct?: NodeJS.Signals): Promise<void> {
  if (direct && serverPid && pidAlive(serverPid)) {
    // PostgreSQL: SIGINT is its fast shutdown (SIGTERM through runuser would wait for clients).
    process.kill(serverPid, direct);
    await waitGone(serverPid, 5000);
  }
  await proc.stop(10000);
  if (serverPid && pidAlive(serverPid)) {
    // The wrapper (runuser) was killed before its child: stop the server itself.
    process.kill(serverPid, 'SIGINT');
    await waitGone(serverPid, 5000);
    if (pidAlive(serverPid)) process.kill(serverPid, 'SIGKILL');
  }
  fs.rmSync(dir, { recursive: true, force: true });
  release();
}

/** Starts a throwaway PostgreSQL (trust auth on 127.0.0.1 only) with database `perflab`; its data dir goes under `tempRoot`. */
export async function startPostgres(tempRoot = os.tmpdir()): Promise<LocalDbServer> {
  const initdb = findTool('initdb') as string;
  const postgres = findTool('postgres') as string;
  const s = scratch('perflab-pg-', tempRoot);
  const asPostgres = (cmd: string, args: string[]): { command: string; args: string[] } => (isRoot() ? { command: 'runuser', args: ['-u', 'postgres', '--', cmd, ...args] } : { command: cmd, args });
  let proc: ManagedProcess | undefined;
  try {
    if (isRoot()) {
      const { uid, gid } = userIds('postgres');
      fs.chownSync(s.dir, uid, gid);
    }
    const data = path.join(s.dir, 'data');
    const init = asPostgres(initdb, ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    await run(init.command, init.args, 'initdb');
    const port = await freePort();
    const start = asPostgres(postgres, ['-D', data, '-p', String(port), '-k', s.dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300']);
    proc = new ManagedProcess('postgres', { command: start.command, args: start.args, cwd: s.dir }, {});
    const host = '127.0.0.1';
    await waitReady(proc, () => run(findTool('pg_isready') as string, ['-h', host, '-p', String(port), '-t', '1'], 'pg_isready', 5000), 'postgres');
    const pidFile = path.join(data, 'postmaster.pid');
    if (fs.existsSync(pidFile)) s.serverPid.value = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    await run(findTool('psql') as string, ['-h', host, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${LOCAL_DATABASE}`], 'create database');
    const p = proc;
    let stopped: Promise<void> | undefined;
    return {
      engine: 'postgres',
      endpoint: { engine: 'postgres', host, port: String(port), user: 'postgres', database: LOCAL_DATABASE },
      pid: p.pid as number,
      version: toolVersion(postgres) ?? 'postgres (unknown version)',
      stop: () => (stopped ??= stopServer(p, s.serverPid.value, s.dir, s.release, 'SIGINT')),
    };
  } catch (err) {
    if (proc) await stopServer(proc, s.serverPid.value, s.dir, s.release, 'SIGINT');
    else {
      fs.rmSync(s.dir, { recursive: true, force: true });
      s.release();
    }
    throw err;
  }
}

/** Starts a throwaway MariaDB (root without password, 127.0.0.1 only) with database `perflab`; its data dir goes under `tempRoot`. */
export async function startMariadb(tempRoot = os.tmpdir()): Promise<LocalDbServer> {
  const installDb = findTool('mariadb-install-db') as string;
  const mariadbd = findTool('mariadbd') as string;
  const s = scratch('perflab-mariadb-', tempRoot);
  const user = isRoot() ? ['--user=mysql'] : [];
  let proc: ManagedProcess | undefined;
  try {
    if (isRoot()) {
      const { uid, gid } = userIds('mysql');
      fs.chownSync(s.dir, uid, gid);
    }
    const data = path.join(s.dir, 'data');
    await run(installDb, ['--no-defaults', ...user, `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db'], 'mariadb-install-db');
    const port = await freePort();
    const args = ['--no-defaults', ...user, `--datadir=${data}`, `--socket=${path.join(s.dir, 'mariadb.sock')}`, `--port=${port}`, '--skip-networking=0', '--bind-address=127.0.0.1', `--pid-file=${path.join(s.dir, 'mariadb.pid')}`, '--max-connections=300'];
    proc = new ManagedProcess('mariadbd', { command: mariadbd, args, cwd: s.dir }, {});
    s.serverPid.value = proc.pid;
    const host = '127.0.0.1';
    const client = ['--no-defaults', '-h', host, '-P', String(port), '-u', 'root'];
    await waitReady(proc, () => run(findTool('mariadb-admin') as string, [...client, '--connect-timeout=1', 'ping'], 'mariadb-admin ping', 5000), 'mariadbd');
    await run(findTool('mariadb') as string, [...client, '-e', `CREATE DATABASE ${LOCAL_DATABASE}`], 'create database');
    const p = proc;
    let stopped: Promise<void> | undefined;
    return {
      engine: 'mysql',
      endpoint: { engine: 'mysql', host, port: String(port), user: 'root', database: LOCAL_DATABASE },
      pid: p.pid as number,
      version: toolVersion(mariadbd) ?? 'mariadbd (unknown version)',
      stop: () => (stopped ??= stopServer(p, s.serverPid.value, s.dir, s.release)),
    };
  } catch (err) {
    if (proc) await stopServer(proc, s.serverPid.value, s.dir, s.release);
    else {
      fs.rmSync(s.dir, { recursive: true, force: true });
      s.release();
    }
    throw err;
  }
}
