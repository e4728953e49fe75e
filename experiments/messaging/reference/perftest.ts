/**
 * RabbitMQ PerfTest as the reference for the RabbitMQ variant: the same queue (quorum, durable,
 * persistent messages unless told otherwise), message size, rate, one producer with the same
 * confirm window, one consumer with the same prefetch and multi-ack. Rates are the mean of
 * PerfTest's per-second lines over the whole run (its rate limiter catches up after a stall, so
 * single seconds run above the rate). Latency medians skip the first second, which holds the
 * JVM's warm-up (a median of 60–90 ms here): the median of the later per-second medians.
 */
import * as crypto from 'crypto';
import { RabbitmqQueueType } from '../storage-axes';
import { ReferenceFigures, mean, median } from './figures';
import { capture, perfTestLib } from './tools';

/** One PerfTest run. */
export interface PerfTestRun {
  /** amqp://user:pass@host:port (a trailing `/` is dropped: the Java client reads it as vhost ""). */
  readonly url: string;
  readonly seconds: number;
  readonly messageSize: number;
  /** Messages/s; 0 = unthrottled. */
  readonly rate: number;
  readonly maxInFlight: number;
  readonly queueType: RabbitmqQueueType;
  readonly persistence: boolean;
}

/** PerfTest's command-line arguments for a run (after the main class). */
export function perfTestArgs(r: PerfTestRun, queue = `perflab-ref-${crypto.randomBytes(3).toString('hex')}`): string[] {
  const args = ['-h', r.url.replace(/\/$/, ''), '-x', '1', '-y', '1', '-s', String(r.messageSize), '-z', String(r.seconds), '-c', String(r.maxInFlight), '-q', '2000', '-A', '64', '--queue', queue];
  if (r.rate > 0) args.push('-r', String(r.rate));
  if (r.queueType === 'quorum') args.push('--quorum-queue');
  else if (r.queueType === 'stream') args.push('--stream-queue');
  else if (r.persistence) args.push('-f', 'persistent', '--auto-delete', 'false');
  return args;
}

const SECOND_LINE = /time ([\d.]+) s, sent: (\d+) msg\/s, confirmed: (\d+) msg\/s, nacked: \d+ msg\/s, received: (\d+) msg\/s, min\/median\/75th\/95th\/99th consumer latency: \d+\/(\d+)\/[\d/]+ µs, confirm latency: \d+\/(\d+)\//;

/**
 * Figures from PerfTest's output: latency medians over the seconds after the first (JVM
 * warm-up); rates over every second of a rate-limited run (its limiter catches up after a stall)
 * and, for an `unthrottled` run, over the seconds after the first too — there the first second
 * measures the JVM's warm-up, not the broker (3-s rounds put PerfTest's max-throughput rate ~25%
 * low with it).
 */
export function parsePerfTest(text: string, unthrottled = false): ReferenceFigures {
  const secs = [...text.matchAll(new RegExp(SECOND_LINE, 'g'))].map((m) => ({ t: Number(m[1]), confirmed: Number(m[3]), received: Number(m[4]), e2eUs: Number(m[5]), confirmUs: Number(m[6]) }));
  const steady = secs.filter((s) => s.t > 1.5);
  if (steady.length === 0) throw new Error(`PerfTest printed no per-second lines after the first second:\n${text.split('\n').slice(-10).join('\n')}`);
  const rated = unthrottled ? steady : secs;
  return {
    publishRate: mean(rated.map((s) => s.confirmed)) as number,
    deliverRate: mean(rated.map((s) => s.received)),
    publishP50Ms: (median(steady.map((s) => s.confirmUs)) as number) / 1000,
    endToEndP50Ms: (median(steady.map((s) => s.e2eUs)) as number) / 1000,
  };
}

/** Runs PerfTest against a broker and returns its figures. */
export async function runPerfTest(r: PerfTestRun): Promise<ReferenceFigures> {
  const lib = perfTestLib();
  if (!lib) throw new Error('PerfTest is not installed');
  const out = await capture('java', ['-cp', `${lib}/*`, 'com.rabbitmq.perf.PerfTest', ...perfTestArgs(r)], (r.seconds + 60) * 1000);
  return { ...parsePerfTest(out.text, r.rate === 0), clientCores: out.cpuSeconds === undefined ? undefined : out.cpuSeconds / r.seconds };
}
