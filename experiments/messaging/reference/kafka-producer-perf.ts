/**
 * Kafka's own producer benchmark, `org.apache.kafka.tools.ProducerPerformance` (what
 * bin/kafka-producer-perf-test.sh runs), as the reference for the Kafka variant: kafka-tools at
 * the broker's version, on a topic of its own created (and deleted) with Kafka's TopicCommand.
 * Fixed rate: `--throughput <rate>`; max throughput: `--throughput -1` with a record count.
 * It runs no consumer: it gives the acknowledged rate and publish latency (send() → ack callback)
 * only. Its latencies are whole milliseconds (System.currentTimeMillis differences, kafka-tools
 * 4.1.1 ProducerPerformance.PerfCallback), and its summary covers the whole run, JVM warm-up
 * included (it prints no per-second lines to drop the first second from).
 *
 * Producer settings made like mqbench's Kafka driver (harness/kafka.go, franz-go v1.22.3):
 * - acks=all + enable.idempotence=true with persistence on; acks=1 without idempotence off
 *   (as kgo.RequiredAcks / kgo.DisableIdempotentWrite there);
 * - linger.ms=0: mqbench sets kgo.ProducerLinger(0); the Java default is 5 since Kafka 4.0
 *   (KIP-1030; clients 4.1.1 ProducerConfig LINGER_MS_CONFIG), franz-go's own default is 10 ms
 *   (franz-go v1.22.3 pkg/kgo/config.go);
 * - max.in.flight.requests.per.connection: 5 with idempotence, 1 without, franz-go's produce
 *   requests in flight per broker (pkg/kgo/sink.go newSink; config.go maxProduceInflight: 1);
 * - batch.size=1000012: franz-go's default batch cap (config.go maxRecordBatchBytes; Java: 16384);
 * - compression.type=none: mqbench 0.3.0 turns franz-go's default snappy off
 *   (kgo.ProducerBatchCompression(kgo.NoCompression())), as RabbitMQ and NATS store every
 *   payload byte. The tool's payload file is read as UTF-8 text, so its payload repeats every
 *   128 bytes (ASCII) where mqbench's repeats every 256 — without compression that no longer
 *   changes what is sent;
 * - records go round-robin over the partitions (RoundRobinPartitioner), as mqbench's seq % partitions;
 * - the JVM of bin/kafka-producer-perf-test.sh: -Xmx512M and kafka-run-class.sh's G1 options.
 * Not aligned: mqbench bounds unacknowledged records (maxInFlight, kgo.MaxBufferedRecords);
 * the Java producer bounds buffered bytes (buffer.memory, 32 MiB default) and has no record
 * window, so at max throughput it holds more records unacknowledged and builds larger batches:
 * its max-throughput rate and latency are shown, not checked (test/messaging-reference.test.ts).
 * mqbench stamps every record at send; the tool reuses one payload.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MESSAGE_HEADER_BYTES } from '../config';
import { KAFKA_JVM_OPTIONS } from '../local/kafka-broker';
import { ReferenceFigures } from './figures';
import { capture, kafkaToolsLib } from './tools';

/** One ProducerPerformance run. */
export interface ProducerPerfRun {
  /** kafka://host:port[,host:port] or host:port[,...]. */
  readonly url: string;
  readonly seconds: number;
  readonly messageSize: number;
  /** Messages/s; 0 = unthrottled. */
  readonly rate: number;
  /** Unthrottled runs: how many records to send (the tool counts records, it does not time runs). */
  readonly messages: number;
  readonly partitions: number;
  readonly persistence: boolean;
}

/** The JVM options of bin/kafka-producer-perf-test.sh (-Xmx512M) with kafka-run-class.sh's performance options. */
export const PRODUCER_PERF_JVM_OPTIONS = ['-Xmx512m', ...KAFKA_JVM_OPTIONS.filter((o) => !/^-Xm[sx]/.test(o))];

/** The producer properties that make the Java producer behave like mqbench's franz-go producer. */
export function producerPerfProps(r: ProducerPerfRun): string[] {
  const bootstrap = r.url.replace(/^kafka:\/\//, '');
  const durability = r.persistence ? ['acks=all', 'enable.idempotence=true', 'max.in.flight.requests.per.connection=5'] : ['acks=1', 'enable.idempotence=false', 'max.in.flight.requests.per.connection=1'];
  return [`bootstrap.servers=${bootstrap}`, ...durability, 'linger.ms=0', 'batch.size=1000012', 'compression.type=none', 'partitioner.class=org.apache.kafka.clients.producer.RoundRobinPartitioner', 'client.id=perflab-reference'];
}

/** How many records a run sends: rate × seconds at a fixed rate, else `messages`. */
export function producerPerfRecords(r: ProducerPerfRun): number {
  return r.rate > 0 ? Math.round(r.rate * r.seconds) : r.messages;
}

/** ProducerPerformance's arguments (after the main class). */
export function producerPerfArgs(r: ProducerPerfRun, topic: string, payloadFile: string): string[] {
  return ['--topic', topic, '--num-records', String(producerPerfRecords(r)), '--throughput', r.rate > 0 ? String(r.rate) : '-1', '--payload-file', payloadFile, '--producer-props', ...producerPerfProps(r)];
}

/**
 * A payload like mqbench's: `size` bytes, a 20-byte header then a repeating pattern; ASCII
 * (bytes i % 128, newline replaced) because the tool reads its payload file as UTF-8 text and
 * splits it at newlines.
 */
export function mqbenchLikePayload(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = i < MESSAGE_HEADER_BYTES ? 0x30 + (i % 10) : i % 128 === 0x0a ? 0x0b : i % 128;
  return b;
}

const TOTAL = /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99\.9th\./;

/** The final summary line of a ProducerPerformance run. */
export interface ProducerPerfSummary {
  readonly records: number;
  readonly recordsPerSecond: number;
  readonly avgMs: number;
  readonly maxMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

/** The last summary line of ProducerPerformance output (the per-window lines lack the percentiles). */
export function parseProducerPerf(text: string): ProducerPerfSummary {
  const m = TOTAL.exec(text);
  if (!m) throw new Error(`ProducerPerformance printed no summary line:\n${text.split('\n').slice(-10).join('\n')}`);
  return { records: Number(m[1]), recordsPerSecond: Number(m[2]), avgMs: Number(m[4]), maxMs: Number(m[5]), p50Ms: Number(m[6]), p95Ms: Number(m[7]), p99Ms: Number(m[8]) };
}

/** A summary as comparison figures: acknowledged rate and publish (send → ack) median; no consumer ran. */
export function producerPerfFigures(s: ProducerPerfSummary): ReferenceFigures {
  return { publishRate: s.recordsPerSecond, publishP50Ms: s.p50Ms };
}

function topicCommand(lib: string, bootstrap: string, args: string[]): Promise<unknown> {
  return capture('java', ['-Xmx256m', '-cp', `${lib}/*`, 'org.apache.kafka.tools.TopicCommand', '--bootstrap-server', bootstrap, ...args], 60_000);
}

/** Runs ProducerPerformance on a fresh topic, deletes the topic, and returns its figures. */
export async function runProducerPerf(r: ProducerPerfRun): Promise<ReferenceFigures> {
  const lib = kafkaToolsLib();
  if (!lib) throw new Error('Kafka tools (ProducerPerformance) are not installed');
  const bootstrap = r.url.replace(/^kafka:\/\//, '');
  const topic = `perflab-ref-${crypto.randomBytes(3).toString('hex')}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-kafka-ref-'));
  const payloadFile = path.join(dir, 'payload.txt');
  fs.writeFileSync(payloadFile, mqbenchLikePayload(r.messageSize));
  try {
    await topicCommand(lib, bootstrap, ['--create', '--topic', topic, '--partitions', String(r.partitions), '--replication-factor', '1']);
    const started = Date.now();
    const out = await capture('java', [...PRODUCER_PERF_JVM_OPTIONS, '-cp', `${lib}/*`, 'org.apache.kafka.tools.ProducerPerformance', ...producerPerfArgs(r, topic, payloadFile)], (r.seconds * 4 + 60) * 1000);
    const seconds = (Date.now() - started) / 1000;
    return { ...producerPerfFigures(parseProducerPerf(out.text)), clientCores: out.cpuSeconds === undefined ? undefined : out.cpuSeconds / seconds };
  } finally {
    await topicCommand(lib, bootstrap, ['--delete', '--topic', topic]).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
