/**
 * perflab against the brokers' own tools, in alternating rounds on one broker started exactly
 * as `perflab run messaging --target local` starts it: round 0 runs perflab then the tool,
 * round 1 the tool then perflab, and so on, so drift on a shared machine hits both alike.
 * Each scenario (fixed-rate, max-throughput) yields per-metric medians over the rounds and
 * their ratio perflab / reference.
 */
import { parseExperimentConfig } from '../../../src/config/spec';
import { createProgress } from '../../../src/local/progress';
import { localEnvironment } from '../../../src/results/environment';
import { RunResult } from '../../../src/results/run-result';
import { MessagingSettings, defaultMessagingSettings } from '../config';
import { LocalBroker } from '../local/local-broker';
import { runLocalScenario } from '../local/run-scenario';
import { scenarioRuns } from '../scenarios';
import { HARNESS_VERSION } from '../versions';
import { ReferenceFigures, median } from './figures';
import { runProducerPerf } from './kafka-producer-perf';
import { runNatsBench } from './nats-bench';
import { runPerfTest } from './perftest';
import { REFERENCE_VERSIONS } from './tools';

/** Scenarios compared. */
export type ComparedScenario = 'fixed-rate' | 'max-throughput';

/** A comparison's inputs. */
export interface AlternatingOptions {
  readonly broker: LocalBroker;
  readonly brokerVersion: string;
  readonly harness: string;
  readonly scenario: ComparedScenario;
  readonly rounds: number;
  /** Seconds per run (each side). */
  readonly seconds: number;
  /** Fixed-rate messages/s. @default 1000 */
  readonly rate?: number;
  readonly messageSize?: number;
  /**
   * A perflab run before round 0 whose figures are dropped, so the broker's JIT has compiled its
   * hot paths before either side is measured (here a fresh Kafka broker's first fixed-rate run
   * had a publish median 9–15× its later runs'). @default true for Kafka (a JVM), false otherwise
   */
  readonly warmUp?: boolean;
  /** Called after every run, for progress. */
  readonly onRun?: (side: 'perflab' | 'reference', round: number, f: ReferenceFigures) => void;
}

/** One compared metric: both sides' values per round, medians and their ratio. */
export interface ComparedMetric {
  readonly metric: keyof ReferenceFigures;
  readonly perflab: number[];
  readonly reference: number[];
  /** median(perflab) / median(reference). */
  readonly ratio: number;
  /** Run-to-run noise: the larger of the two sides' max / min over the rounds (1 = none). */
  readonly spread: number;
}

/** The agreement a metric shows at `tolerance`: agree, disagree, or inconclusive when either side's own rounds spread wider than the tolerance. */
export function agreement(m: ComparedMetric, tolerance: number): 'agree' | 'disagree' | 'inconclusive' {
  if (Math.abs(m.ratio - 1) <= tolerance) return 'agree';
  return m.spread - 1 > tolerance ? 'inconclusive' : 'disagree';
}

function spreadOf(xs: readonly number[]): number {
  const lo = Math.min(...xs);
  return lo > 0 ? Math.max(...xs) / lo : Infinity;
}

/** A scenario's comparison. */
export interface Comparison {
  readonly variant: string;
  readonly scenario: ComparedScenario;
  readonly tool: string;
  readonly metrics: ComparedMetric[];
  /** perflab's results, for their notes (pacing, delivered rate). */
  readonly results: RunResult[];
}

/** perflab's figures from its RunResult: acked rate, delivered rate (from the rates note), publish and end-to-end medians. */
export function perflabFigures(r: RunResult): ReferenceFigures {
  const delivered = r.notes.map((n) => /delivered ([\d.]+) msgs\/s per subscription/.exec(n)).find(Boolean);
  return {
    publishRate: r.throughput.messagesPerSecond ?? 0,
    deliverRate: delivered ? Number(delivered[1]) : undefined,
    publishP50Ms: r.endpoints.find((e) => e.name === 'publish')?.latency.p50,
    endToEndP50Ms: r.latency.p50,
    clientCores: r.resources.find((x) => x.component === 'harness')?.cpuCoresAvg,
  };
}

function settingsFor(o: AlternatingOptions): MessagingSettings {
  return { ...defaultMessagingSettings(), messageSize: o.messageSize ?? 1024, producerRate: o.rate ?? 1000 };
}

async function runPerflab(o: AlternatingOptions, settings: MessagingSettings): Promise<RunResult> {
  const profile = parseExperimentConfig({ experiment: 'messaging', variant: o.broker.variant, load: 'smoke', timeScale: o.seconds / 4 }).profile;
  const run = scenarioRuns(o.scenario, settings)[0];
  const environment = localEnvironment('local', { [o.broker.variant]: o.brokerVersion, mqbench: HARNESS_VERSION });
  return runLocalScenario({ broker: o.broker, brokerColdStartMs: 0, brokerVersion: o.brokerVersion, harness: o.harness, run, settings, profile, environment, progress: createProgress({ quiet: true }) });
}

function runReference(o: AlternatingOptions, settings: MessagingSettings, lastRate: number): Promise<ReferenceFigures> {
  const rate = o.scenario === 'fixed-rate' ? settings.producerRate : 0;
  const messages = Math.max(10_000, Math.round(lastRate * o.seconds));
  if (o.broker.variant === 'kafka') {
    return runProducerPerf({ url: o.broker.url, seconds: o.seconds, messageSize: settings.messageSize, rate, messages, partitions: settings.partitions, persistence: settings.persistence });
  }
  if (o.broker.variant === 'rabbitmq') {
    return runPerfTest({ url: o.broker.url, seconds: o.seconds, messageSize: settings.messageSize, rate, maxInFlight: settings.maxInFlight, queueType: settings.rabbitmqQueueType, persistence: settings.persistence });
  }
  return runNatsBench({ url: o.broker.url, seconds: o.seconds, messageSize: settings.messageSize, rate, messages, persistence: settings.persistence, maxInFlight: settings.maxInFlight });
}

/** Runs the rounds and compares. */
export async function compareAlternating(o: AlternatingOptions): Promise<Comparison> {
  const settings = settingsFor(o);
  const ours: ReferenceFigures[] = [];
  const theirs: ReferenceFigures[] = [];
  const results: RunResult[] = [];
  let lastRate = 50_000;
  if (o.warmUp ?? o.broker.variant === 'kafka') lastRate = perflabFigures(await runPerflab(o, settings)).publishRate || lastRate;
  for (let round = 0; round < o.rounds; round++) {
    const sides: Array<'perflab' | 'reference'> = round % 2 === 0 ? ['perflab', 'reference'] : ['reference', 'perflab'];
    for (const side of sides) {
      if (side === 'perflab') {
        const r = await runPerflab(o, settings);
        results.push(r);
        const f = perflabFigures(r);
        lastRate = f.publishRate;
        ours.push(f);
        o.onRun?.(side, round, f);
      } else {
        const f = await runReference(o, settings, lastRate);
        theirs.push(f);
        o.onRun?.(side, round, f);
      }
    }
  }
  const keys: Array<keyof ReferenceFigures> = ['publishRate', 'deliverRate', 'publishP50Ms', 'endToEndP50Ms', 'clientCores'];
  const metrics: ComparedMetric[] = [];
  for (const metric of keys) {
    const a = ours.map((f) => f[metric]).filter((v): v is number => v !== undefined);
    const b = theirs.map((f) => f[metric]).filter((v): v is number => v !== undefined);
    if (a.length && b.length) metrics.push({ metric, perflab: a, reference: b, ratio: (median(a) as number) / (median(b) as number), spread: Math.max(spreadOf(a), spreadOf(b)) });
  }
  return { variant: o.broker.variant, scenario: o.scenario, tool: REFERENCE_TOOL_NAMES[o.broker.variant], metrics, results };
}

/** Each variant's reference tool, as the table names it. */
const REFERENCE_TOOL_NAMES: Record<LocalBroker['variant'], string> = {
  rabbitmq: `PerfTest ${REFERENCE_VERSIONS.perfTest}`,
  nats: `nats bench (natscli ${REFERENCE_VERSIONS.natscli})`,
  kafka: `ProducerPerformance (kafka-tools ${REFERENCE_VERSIONS.kafkaTools})`,
};

/** A comparison as Markdown table rows: scenario, metric, medians, ratio, run-to-run spread. */
export function comparisonRows(c: Comparison): string[] {
  const fmt = (v: number): string => (v >= 100 ? v.toFixed(0) : v.toPrecision(3));
  // A reference median of 0 (a tool printing whole milliseconds) has no ratio.
  const ratio = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '—');
  return c.metrics.map((m) => `| ${c.variant} | ${c.scenario} | ${m.metric} | ${fmt(median(m.perflab) as number)} | ${fmt(median(m.reference) as number)} | ${c.tool} | ${ratio(m.ratio)} | ${ratio(m.spread)} |`);
}
