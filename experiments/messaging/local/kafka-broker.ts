/**
 * A local Apache Kafka broker (KRaft, one node that is broker and controller) from the jars
 * scripts/kafka-broker.sh fetched from Maven Central, run by the `java` on PATH in a temp
 * folder: server.properties and log4j2 configuration of ours (./kafka-config), storage formatted
 * once with `kafka.tools.StorageTool format --standalone`, then `kafka.Kafka server.properties`.
 * Ready when a Metadata request on the client port lists the broker (./kafka-probe). The server
 * process measured and killed is the JVM itself.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ManagedProcess, freePort } from '../../../src/local/processes';
import { STRIMZI } from '../versions';
import { KafkaServerSettings, log4jProperties, serverProperties } from './kafka-config';
import { KAFKA_FETCH_COMMAND, kafkaInstalledVersion, kafkaLibDir, kafkaMissing } from './kafka-install';
import { kafkaServes } from './kafka-probe';
import { LocalBrokerSpec } from './local-broker';
import { makeScratchDir } from './scratch-dir';
import { ScratchBroker } from './scratch-broker';

/** A KRaft broker takes ~3 s to serve here (JVM start, metadata log replay); more on a busy machine. */
const READY_TIMEOUT_MS = 90_000;
/** Formatting the storage takes ~2 s (one JVM start). */
const FORMAT_TIMEOUT_MS = 60_000;
/**
 * Broker JVM options: a fixed 512 MiB heap (bin/kafka-server-start.sh's default is 1 GiB; the
 * local runs share 2 cores and the machine's memory with the harness) and the GC settings of
 * bin/kafka-run-class.sh's KAFKA_JVM_PERFORMANCE_OPTS (apache/kafka).
 */
export const KAFKA_JVM_OPTIONS = ['-Xms512m', '-Xmx512m', '-server', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35', '-XX:+ExplicitGCInvokesConcurrent', '-Djava.awt.headless=true'];

/** A new KRaft cluster id: 16 random bytes, URL-safe base64 without padding (what `kafka-storage random-uuid` prints). */
export function newClusterId(): string {
  return crypto.randomBytes(16).toString('base64url');
}

class KafkaBroker extends ScratchBroker {
  readonly variant = 'kafka' as const;
  readonly url: string;
  private formatted = false;
  private readonly props: string;
  private readonly logFile: string;
  private readonly javaArgs: string[];

  /** A controlled shutdown on SIGTERM takes a few seconds; SIGKILL after 20 s. */
  constructor(dir: string, private readonly settings: KafkaServerSettings) {
    super(dir, 20_000);
    this.url = `kafka://127.0.0.1:${settings.port}`;
    this.props = path.join(dir, 'server.properties');
    this.logFile = path.join(dir, 'server.log');
    const log4j = path.join(dir, 'log4j2.properties');
    fs.writeFileSync(this.props, serverProperties(settings));
    fs.writeFileSync(log4j, log4jProperties(this.logFile));
    this.javaArgs = [`-Dlog4j2.configurationFile=${log4j}`, '-cp', path.join(kafkaLibDir(), '*')];
  }

  /** Formats the log folder as a one-node dynamic quorum (a restart keeps the formatted data). */
  private async format(): Promise<void> {
    const args = ['-Xmx256m', ...this.javaArgs, 'kafka.tools.StorageTool', 'format', '--cluster-id', newClusterId(), '--config', this.props, '--standalone'];
    // A ManagedProcess, so an exit or Ctrl-C during formatting kills it like the server.
    const tool = new ManagedProcess('kafka-storage format', { command: 'java', args, cwd: this.dir }, {});
    const timer = setTimeout(() => tool.kill('SIGKILL'), FORMAT_TIMEOUT_MS);
    const code = await tool.exit();
    clearTimeout(timer);
    if (code !== 0) throw new Error(`kafka-storage format exited with ${code ?? 'a signal'}:\n${tool.tail()}`);
    this.formatted = true;
  }

  protected async launch(): Promise<number> {
    if (!this.formatted) await this.format();
    const server = new ManagedProcess('kafka', { command: 'java', args: [...KAFKA_JVM_OPTIONS, ...this.javaArgs, 'kafka.Kafka', this.props], cwd: this.dir }, {});
    this.proc = server;
    const port = this.settings.port;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (server.hasExited) throw new Error(`kafka exited before it served clients on port ${port}:\n${this.tail()}`);
      if (await kafkaServes(port, 1000)) return Number(process.hrtime.bigint() - server.startedAt) / 1e6;
      if (Date.now() > deadline) throw new Error(`kafka did not serve clients on port ${port} within ${READY_TIMEOUT_MS / 1000} s:\n${this.tail()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The JVM's console (warnings, errors, crashes), then the last lines of server.log. */
  override tail(): string {
    let log = '';
    try {
      log = fs.readFileSync(this.logFile, 'utf8').split('\n').filter(Boolean).slice(-10).join('\n');
    } catch {
      // not written yet
    }
    return [super.tail(), log ? `server.log:\n${log}` : ''].filter(Boolean).join('\n');
  }
}

/** Kafka on the local target. */
export const kafkaLocalSpec: LocalBrokerSpec = {
  variant: 'kafka',
  description: `Apache Kafka ${STRIMZI.kafkaVersion} (KRaft, single node: broker and controller)`,
  installedVersion: kafkaInstalledVersion,
  missing: () => kafkaMissing() ?? { what: `the Kafka ${STRIMZI.kafkaVersion} broker`, hint: `fetch it from Maven Central: ${KAFKA_FETCH_COMMAND}` },
  async create() {
    const port = await freePort();
    const controllerPort = await freePort();
    const dir = makeScratchDir('perflab-mq-kafka-');
    return new KafkaBroker(dir, { port, controllerPort, logDir: path.join(dir, 'data') });
  },
};
