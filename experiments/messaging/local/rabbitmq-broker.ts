/**
 * A local RabbitMQ node (Debian package rabbitmq-server) in a temp folder: its own node name,
 * AMQP, distribution and epmd ports on 127.0.0.1, Mnesia and log folders, no plugins, HOME (so
 * the Erlang cookie stays in the folder). perflab starts the node's epmd itself (in the
 * foreground) so stopping the broker leaves no daemon behind. Ready when the AMQP listener
 * answers the protocol header; the server process measured and killed is beam.smp.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ManagedProcess, freePort } from '../../../src/local/processes';
import { amqpAnswers } from './amqp-probe';
import { LocalBrokerSpec, missingAptPackage } from './local-broker';
import { findDescendant } from './proc-tree';
import { ScratchBroker } from './scratch-broker';
import { makeScratchDir } from './scratch-dir';

/** The Debian package's server script (runs the node as the calling user, unlike /usr/sbin's wrapper). */
export const RABBITMQ_SCRIPT = '/usr/lib/rabbitmq/bin/rabbitmq-server';
/** Where the Debian package keeps the server's versioned folder (rabbitmq_server-<version>). */
const RABBITMQ_LIB = '/usr/lib/rabbitmq/lib';
/** A RabbitMQ node takes ~5 s to boot here; give it room on a busy machine. */
const READY_TIMEOUT_MS = 90_000;

/** Installed RabbitMQ version, from the package's folder name; undefined when not installed. */
export function rabbitmqVersion(): string | undefined {
  if (!fs.existsSync(RABBITMQ_SCRIPT)) return undefined;
  try {
    const dir = fs.readdirSync(RABBITMQ_LIB).find((d) => d.startsWith('rabbitmq_server-'));
    return dir ? `RabbitMQ ${dir.slice('rabbitmq_server-'.length)}` : 'RabbitMQ (unknown version)';
  } catch {
    return 'RabbitMQ (unknown version)';
  }
}

/** SIGKILLs a pid that may already be gone. */
function sigkill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** beam.smp pids still running; SIGKILLed if this process exits first (the wrapper's kill does not reach them). */
const liveBeams = new Set<number>();
let exitHook = false;

function trackBeam(pid: number): void {
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => liveBeams.forEach(sigkill));
  }
  liveBeams.add(pid);
}

/** `proc` is the rabbitmq-server wrapper script; the server measured and killed is its beam.smp. */
class RabbitBroker extends ScratchBroker {
  readonly variant = 'rabbitmq' as const;
  readonly url: string;
  private epmd?: ManagedProcess;
  private beam?: number;
  private readonly env: Record<string, string>;

  constructor(dir: string, private readonly port: number, distPort: number, private readonly epmdPort: number) {
    super(dir, 20_000);
    this.url = `amqp://guest:guest@127.0.0.1:${port}/`;
    for (const sub of ['home', 'mnesia', 'log']) fs.mkdirSync(path.join(dir, sub));
    fs.writeFileSync(path.join(dir, 'enabled_plugins'), '[].\n');
    fs.writeFileSync(path.join(dir, 'rabbitmq.conf'), 'log.console = true\nlog.console.level = warning\nlog.file = false\n');
    this.env = {
      HOME: path.join(dir, 'home'),
      RABBITMQ_NODENAME: `perflab-${crypto.randomBytes(4).toString('hex')}@localhost`,
      RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
      RABBITMQ_NODE_PORT: String(port),
      RABBITMQ_DIST_PORT: String(distPort),
      ERL_EPMD_PORT: String(epmdPort),
      ERL_EPMD_ADDRESS: '127.0.0.1',
      RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
      RABBITMQ_LOG_BASE: path.join(dir, 'log'),
      RABBITMQ_LOGS: '-',
      RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
      RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq'),
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
    };
  }

  override serverPid(): number | undefined {
    return this.proc && !this.proc.hasExited ? this.beam : undefined;
  }

  protected async launch(): Promise<number> {
    if (!this.epmd || this.epmd.hasExited) {
      this.epmd = new ManagedProcess('epmd', { command: 'epmd', args: ['-port', String(this.epmdPort), '-address', '127.0.0.1'], cwd: this.dir }, {});
    }
    const server = new ManagedProcess('rabbitmq-server', { command: RABBITMQ_SCRIPT, args: [], cwd: this.dir }, this.env);
    this.proc = server;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (server.hasExited) throw new Error(`rabbitmq-server exited before it served AMQP on port ${this.port}:\n${server.tail()}`);
      if (await amqpAnswers(this.port, 500)) break;
      if (Date.now() > deadline) throw new Error(`rabbitmq-server did not serve AMQP on port ${this.port} within ${READY_TIMEOUT_MS / 1000} s:\n${server.tail()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const ms = Number(process.hrtime.bigint() - server.startedAt) / 1e6;
    this.beam = server.pid === undefined ? undefined : findDescendant(server.pid, 'beam.smp');
    if (this.beam === undefined) throw new Error('rabbitmq-server is up but its beam.smp process was not found under /proc');
    trackBeam(this.beam);
    return ms;
  }

  override async kill(): Promise<void> {
    if (this.beam !== undefined) sigkill(this.beam);
    // The wrapper script exits once beam.smp is gone.
    await this.proc?.stop(5000);
    if (this.beam !== undefined) liveBeams.delete(this.beam);
    this.beam = undefined;
  }

  protected override async shutdown(): Promise<void> {
    await super.shutdown();
    if (this.beam !== undefined) {
      sigkill(this.beam);
      liveBeams.delete(this.beam);
    }
    await this.epmd?.stop(2000);
  }
}

/** RabbitMQ on the local target. */
export const rabbitmqLocalSpec: LocalBrokerSpec = {
  variant: 'rabbitmq',
  description: 'RabbitMQ node (single node, no plugins)',
  aptPackage: 'rabbitmq-server',
  missing: () => missingAptPackage('rabbitmq-server'),
  installedVersion: rabbitmqVersion,
  async create() {
    return new RabbitBroker(makeScratchDir('perflab-mq-rabbitmq-'), await freePort(), await freePort(), await freePort());
  },
};
