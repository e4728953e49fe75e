/**
 * A local NATS server with JetStream (Debian package nats-server): `nats-server -js -sd <dir>
 * -p <port> -a 127.0.0.1 -m <monitor port>` in a temp folder (JetStream from a config file
 * instead when a `sync_interval` is asked for: nats-server ≥ 2.10); ready when its
 * monitoring endpoint's /healthz answers 200 (JetStream included, also after a restart on old data).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError } from '../../../src/config/errors';
import { toolchainVersion } from '../../../src/local/commands';
import { ManagedProcess, freePort } from '../../../src/local/processes';
import { natsHasSyncSetting } from '../storage-axes';
import { LocalBrokerSpec, LocalBrokerStorage, missingAptPackage } from './local-broker';
import { makeScratchDir } from './scratch-dir';
import { ScratchBroker } from './scratch-broker';

/** Seconds a NATS server may take to become healthy. */
const READY_TIMEOUT_MS = 30_000;

class NatsBroker extends ScratchBroker {
  readonly variant = 'nats' as const;
  readonly url: string;

  constructor(dir: string, private readonly port: number, private readonly monitorPort: number, private readonly syncInterval = 'default') {
    super(dir, 5000);
    this.url = `nats://127.0.0.1:${port}`;
  }

  protected async launch(): Promise<number> {
    const storeDir = path.join(this.dir, 'jetstream');
    const args = ['-p', String(this.port), '-a', '127.0.0.1', '-m', String(this.monitorPort), '-n', 'perflab-local'];
    if (this.syncInterval === 'default') {
      args.push('-js', '-sd', storeDir);
    } else {
      // sync_interval has no flag: JetStream is configured by file (a flag for the same setting would clash with it).
      const conf = path.join(this.dir, 'nats.conf');
      fs.writeFileSync(conf, `jetstream {\n  store_dir: ${JSON.stringify(storeDir)}\n  sync_interval: ${this.syncInterval}\n}\n`);
      args.push('-c', conf);
    }
    this.proc = new ManagedProcess('nats-server', { command: 'nats-server', args, cwd: this.dir }, {});
    return this.proc.waitHealthy(`http://127.0.0.1:${this.monitorPort}/healthz`, READY_TIMEOUT_MS);
  }
}

/** The installed nats-server's version line (`nats-server: v2.9.10`), or undefined. */
export function natsServerVersion(): string | undefined {
  return toolchainVersion({ command: 'nats-server', versionArgs: ['--version'], installHint: 'apt-get install nats-server' });
}

/** NATS on the local target. */
export const natsLocalSpec: LocalBrokerSpec = {
  variant: 'nats',
  description: 'NATS server with JetStream (file store, single node)',
  aptPackage: 'nats-server',
  missing: () => missingAptPackage('nats-server'),
  installedVersion: natsServerVersion,
  async create(storage?: LocalBrokerStorage) {
    const sync = storage?.natsSyncInterval ?? 'default';
    const version = natsServerVersion();
    if (sync !== 'default' && !natsHasSyncSetting(version)) {
      throw new ConfigError([`PERFLAB_MQ_NATS_SYNC_INTERVAL: ${JSON.stringify(sync)} needs nats-server ≥ 2.10 (sync_interval); ${version ?? 'the installed nats-server'} syncs its file store every 60 s, fixed — use default`]);
    }
    return new NatsBroker(makeScratchDir('perflab-mq-nats-'), await freePort(), await freePort(), sync);
  },
};
