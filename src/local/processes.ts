/**
 * Server processes of the local target: start, wait for the first healthy answer (cold start),
 * stop with SIGTERM (then SIGKILL). Each server leads a process group of its own (./process-group),
 * so a signal reaches whatever it started. Every process started is tracked, so all of them are
 * stopped on failure, on Ctrl-C / SIGTERM / SIGHUP and on exit.
 */
import { ChildProcess } from 'child_process';
import * as http from 'http';
import * as net from 'net';
import { CommandSpec } from '../../experiments/runtime/variant-spec';
import { spawnGroup } from './process-group';

const live = new Set<ManagedProcess>();
let hooksInstalled = false;

function installCleanupHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const p of live) p.kill('SIGKILL');
  });
}

/** Stops every server this process started (SIGTERM, then SIGKILL after the grace period). */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...live].map((p) => p.stop()));
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A started server process and the tail of its output (for error messages). */
export class ManagedProcess {
  readonly child: ChildProcess;
  readonly startedAt: bigint;
  private readonly output: string[] = [];
  private exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  constructor(readonly name: string, cmd: CommandSpec, env: Readonly<Record<string, string>>) {
    installCleanupHooks();
    this.startedAt = process.hrtime.bigint();
    this.child = spawnGroup(cmd.command, cmd.args, {
      cwd: cmd.cwd,
      env: { ...process.env, ...(cmd.env ?? {}), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer): void => {
      this.output.push(...chunk.toString().split('\n').filter((l) => l.length));
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    live.add(this);
    this.exited = new Promise((resolve) => {
      this.child.on('error', (err) => {
        this.output.push(`failed to start ${cmd.command}: ${err.message}`);
        this.exitCode = null;
        live.delete(this);
        resolve(null);
      });
      this.child.on('exit', (code) => {
        this.exitCode = code;
        live.delete(this);
        resolve(code);
      });
    });
  }

  /** Process id (undefined if it failed to start). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the process has exited. */
  get hasExited(): boolean {
    return this.exitCode !== undefined;
  }

  /** The last `n` lines the process printed. */
  tail(n = 20): string {
    return this.output.slice(-n).join('\n');
  }

  /** Sends a signal to the process's group if the process is still running. */
  kill(signal: NodeJS.Signals): void {
    if (!this.hasExited) this.child.kill(signal);
  }

  /** Resolves with the exit code once the process has exited (null if a signal ended it), without signalling it. */
  exit(): Promise<number | null> {
    return this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (null if killed). */
  async stop(graceMs = 5000): Promise<number | null> {
    if (this.hasExited) return this.exitCode ?? null;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  /**
   * Polls `url` until it answers 200; returns milliseconds from process start to that answer
   * (the cold start). Fails with the process's last output if it exits or `timeoutMs` passes.
   */
  async waitHealthy(url: string, timeoutMs = 30000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.hasExited) throw new Error(`${this.name} exited (code ${this.exitCode}) before answering ${url}:\n${this.tail()}`);
      if (await answers200(url)) return Number(process.hrtime.bigint() - this.startedAt) / 1e6;
      if (Date.now() > deadline) throw new Error(`${this.name} did not answer 200 on ${url} within ${timeoutMs} ms:\n${this.tail()}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }
}

function answers200(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}
