/**
 * A local NATS server with JetStream (Debian package nats-server): `nats-server -js -sd <dir>
 * -p <port> -a 127.0.0.1 -m <monitor port>` in a temp folder; ready when its monitoring
 * endpoint's /healthz answers 200 (JetStream included, also after a restart on old data).
 */
import * as path from 'path';
import { toolchainVersion } from '../../../src/local/commands';
import { ManagedProcess, freePort } from '../../../src/local/processes';
import { LocalBroker, LocalBrokerSpec } from './local-broker';
import { makeScratchDir, removeScratchDir } from './scratch-dir';

/** Seconds a NATS server may take to become healthy. */
const READY_TIMEOUT_MS = 30_000;

class NatsBroker implements LocalBroker {
  readonly variant = 'nats' as const;
  readonly url: string;
  private proc?: ManagedProcess;
  private stopped = false;

  constructor(private readonly dir: string, private readonly port: number, private readonly monitorPort: number) {
    this.url = `nats://127.0.0.1:${port}`;
  }

  serverPid(): number | undefined {
    return this.proc && !this.proc.hasExited ? this.proc.pid : undefined;
  }

  private async launch(): Promise<number> {
    const args = ['-js', '-sd', path.join(this.dir, 'jetstream'), '-p', String(this.port), '-a', '127.0.0.1', '-m', String(this.monitorPort), '-n', 'perflab-local'];
    this.proc = new ManagedProcess('nats-server', { command: 'nats-server', args, cwd: this.dir }, {});
    return this.proc.waitHealthy(`http://127.0.0.1:${this.monitorPort}/healthz`, READY_TIMEOUT_MS);
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
      await this.proc?.stop(5000);
    } finally {
      removeScratchDir(this.dir);
    }
  }

  tail(): string {
    return this.proc?.tail() ?? '';
  }
}

/** NATS on the local target. */
export const natsLocalSpec: LocalBrokerSpec = {
  variant: 'nats',
  description: 'NATS server with JetStream (file store, single node)',
  aptPackage: 'nats-server',
  installedVersion: () => toolchainVersion({ command: 'nats-server', versionArgs: ['--version'], installHint: 'apt-get install nats-server' }),
  async create() {
    return new NatsBroker(makeScratchDir('perflab-mq-nats-'), await freePort(), await freePort());
  },
};
