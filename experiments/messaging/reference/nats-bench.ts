/**
 * `nats bench` (natscli) as the reference for the NATS variant, on a stream of its own with the
 * same storage and message size, with `bench js consume` reading the stream at the same time, as
 * mqbench runs a producer and a consumer. Fixed rate: `bench js pub sync --throughput <rate>` (one
 * publish at a time; its P50 is the publish → ack median — at 1000 msg/s mqbench too has one
 * message in flight). Max throughput: `bench js pub async`.
 */
import * as crypto from 'crypto';
import { ReferenceFigures } from './figures';
import { capture, natsCli } from './tools';

/** One nats bench run. */
export interface NatsBenchRun {
  readonly url: string;
  readonly seconds: number;
  readonly messageSize: number;
  /** Messages/s; 0 = unthrottled. */
  readonly rate: number;
  /** Unthrottled runs: how many messages to publish (nats bench counts messages, it does not time runs). */
  readonly messages: number;
  readonly persistence: boolean;
  /**
   * Unthrottled runs: unacknowledged publishes allowed, passed as `--batch`. nats bench publishes
   * a batch and waits for all of its acks before the next (natscli v0.5.1 cli/bench_command.go,
   * TypeJSPubAsync), where mqbench keeps a sliding window of this many; same size, not the same
   * pipeline. @default 500 (nats bench's own)
   */
  readonly maxInFlight?: number;
}

const PUB = /publisher stats: ([\d,]+) msgs\/sec .*?P50: ([\d,.]+)us/;
const SUB = /consumer \(callback\) stats: ([\d,]+) msgs\/sec/;
const num = (s: string): number => Number(s.replace(/,/g, ''));

/** The publisher's (and, when it ran, the consumer's) figures from nats bench output. */
export function parseNatsBench(pubText: string, subText?: string): ReferenceFigures {
  const p = PUB.exec(pubText);
  if (!p) throw new Error(`nats bench printed no publisher stats:\n${pubText.split('\n').slice(-8).join('\n')}`);
  const s = subText === undefined ? undefined : SUB.exec(subText);
  if (subText !== undefined && !s) throw new Error(`nats bench printed no consumer stats:\n${subText.split('\n').slice(-8).join('\n')}`);
  return { publishRate: num(p[1]), publishP50Ms: num(p[2]) / 1000, deliverRate: s ? num(s[1]) : undefined };
}

/** Runs nats bench on a fresh stream, deletes the stream, and returns its figures. */
export async function runNatsBench(r: NatsBenchRun): Promise<ReferenceFigures> {
  const nats = natsCli();
  if (!nats) throw new Error('natscli is not installed');
  const stream = `perflab-ref-${crypto.randomBytes(3).toString('hex')}`;
  const common = ['-s', r.url, '--no-progress', `--stream=${stream}`, `--size=${r.messageSize}`];
  const timeout = (r.seconds * 4 + 60) * 1000;
  await capture(nats, ['-s', r.url, 'stream', 'add', stream, '--subjects', `${stream}.>`, '--storage', r.persistence ? 'file' : 'memory', '--defaults'], 30_000);
  try {
    const msgs = r.rate > 0 ? Math.round(r.rate * r.seconds) : r.messages;
    const consumer = capture(nats, ['bench', 'js', 'consume', ...common, `--msgs=${msgs}`], timeout);
    const pubArgs = r.rate > 0 ? ['sync', `${stream}.a`, ...common, `--msgs=${msgs}`, `--throughput=${r.rate}`] : ['async', `${stream}.a`, ...common, `--msgs=${msgs}`, `--batch=${r.maxInFlight ?? 500}`];
    const started = Date.now();
    const pub = await capture(nats, ['bench', 'js', 'pub', ...pubArgs], timeout);
    const sub = await consumer;
    const seconds = (Date.now() - started) / 1000;
    const cpu = pub.cpuSeconds !== undefined && sub.cpuSeconds !== undefined ? pub.cpuSeconds + sub.cpuSeconds : undefined;
    return { ...parseNatsBench(pub.text, sub.text), clientCores: cpu === undefined ? undefined : cpu / seconds };
  } finally {
    await capture(nats, ['-s', r.url, 'stream', 'rm', '-f', stream], 30_000).catch(() => undefined);
  }
}
