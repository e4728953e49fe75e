/**
 * What every local broker shares: a scratch folder of its own and a main server process, start
 * and restart on the same folder, a crash as SIGKILL of the server, and a stop that ends it
 * (SIGTERM, then SIGKILL after a grace period) and removes the folder — once, on every path.
 * Subclasses say how to launch the server and wait until it serves clients; a broker with more
 * processes (RabbitMQ: epmd, and beam.smp under a wrapper script) overrides kill and shutdown.
 */
import { ManagedProcess } from '../../../src/local/processes';
import { MessagingVariant } from '../experiment';
import { LocalBroker } from './local-broker';
import { removeScratchDir } from './scratch-dir';

/** A local broker run in its own scratch folder, with `proc` as its server process. */
export abstract class ScratchBroker implements LocalBroker {
  abstract readonly variant: MessagingVariant;
  abstract readonly url: string;
  /** The running (or last) server process; set by launch(). */
  protected proc?: ManagedProcess;
  private stopped = false;

  /**
   * @param dir the broker's scratch folder (makeScratchDir), removed by stop()
   * @param stopGraceMs how long a stop waits for the server to exit on SIGTERM before SIGKILL
   */
  protected constructor(protected readonly dir: string, private readonly stopGraceMs: number) {}

  /** Starts the server on the folder's data; resolves to ms from spawn until it serves clients. */
  protected abstract launch(): Promise<number>;

  serverPid(): number | undefined {
    return this.proc && !this.proc.hasExited ? this.proc.pid : undefined;
  }

  start(): Promise<number> {
    return this.launch();
  }

  async kill(): Promise<void> {
    if (!this.proc) return;
    this.proc.kill('SIGKILL');
    await this.proc.stop(1000);
  }

  restart(): Promise<number> {
    return this.launch();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      await this.shutdown();
    } finally {
      removeScratchDir(this.dir);
    }
  }

  /** Ends every process of the broker (stop() then removes the folder). */
  protected async shutdown(): Promise<void> {
    await this.proc?.stop(this.stopGraceMs);
  }

  tail(): string {
    return this.proc?.tail() ?? '';
  }
}
