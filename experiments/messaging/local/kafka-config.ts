/**
 * The files of a local Kafka broker: server.properties for a single KRaft node that is both
 * broker and controller (a dynamic quorum of one, formatted with `--standalone`), listening on
 * 127.0.0.1 only, with every internal topic at replication factor 1; and a log4j2 configuration
 * that writes the full log to the broker's folder and warnings and errors to the console (which
 * the broker's tail() shows). Setting names: Kafka 4.1 broker configuration (kafka.apache.org/41/configuration).
 */

/** Where and how one local broker listens and stores. */
export interface KafkaServerSettings {
  /** Client listener port (PLAINTEXT) on 127.0.0.1. */
  readonly port: number;
  /** Controller listener port on 127.0.0.1 (also the quorum's bootstrap address). */
  readonly controllerPort: number;
  /** Folder of the partition logs and the metadata log. */
  readonly logDir: string;
}

/** server.properties of a single-node KRaft broker + controller. */
export function serverProperties(s: KafkaServerSettings): string {
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.bootstrap.servers': `127.0.0.1:${s.controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${s.port},CONTROLLER://127.0.0.1:${s.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${s.port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': s.logDir,
    // One node: every internal topic and every acks=all write needs that node alone.
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'min.insync.replicas': 1,
    // Consumer groups start at once instead of waiting 3 s for more members.
    'group.initial.rebalance.delay.ms': 0,
    // The harness creates its topics with the partitions it asks for.
    'auto.create.topics.enable': false,
  };
  return `${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join('\n')}\n`;
}

/** log4j2 properties: INFO and above to `logFile`, WARN and above also to the console. */
export function log4jProperties(logFile: string): string {
  return [
    'status = warn',
    'appender.file.type = File',
    'appender.file.name = file',
    `appender.file.fileName = ${logFile}`,
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'appender.console.type = Console',
    'appender.console.name = console',
    'appender.console.layout.type = PatternLayout',
    'appender.console.layout.pattern = [%d] %p %m (%c)%n',
    'appender.console.filter.threshold.type = ThresholdFilter',
    'appender.console.filter.threshold.level = warn',
    'rootLogger.level = info',
    'rootLogger.appenderRef.file.ref = file',
    'rootLogger.appenderRef.console.ref = console',
    '',
  ].join('\n');
}
