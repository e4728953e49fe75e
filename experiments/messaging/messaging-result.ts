/**
 * Turns one harness run (HarnessOutput) into a RunResult, the same for every broker and target:
 * - latency: end-to-end (message timestamp → delivery; README "How latency is timed"), HDR histogram kept;
 * - throughput: acknowledged messages (and payload bytes) per second of production;
 * - endpoints: `publish` (attempts, failed publishes, publish latency: timestamp → ack)
 *   and `deliver` (first deliveries over all subscriptions, lost deliveries, end-to-end latency);
 * - errors by kind: failed publishes by reason, `lost` (acknowledged, never delivered), `undecodable`;
 * - recovery scenario: recovery time on the delivered-throughput series, and acked-vs-consumed;
 * - the storage (persistence, queue type, NATS sync) in the label and notes, with the durability
 *   its acknowledgements carry; the producer's pacing error as the `send-lateness` endpoint;
 *   delivered beside acknowledged rate, flagging a consumer that fell behind.
 */
import { ResolvedLoadProfile } from '../../src/load/profile';
import { newRunId, latencyOf } from '../../src/local/http-result';
import { ResourceUsage } from '../../src/local/resource-sampler';
import { Environment } from '../../src/results/environment';
import { decodeHistogram, newLatencyHistogram } from '../../src/results/histogram';
import { Latency, RunResult, RunResultSchema } from '../../src/results/run-result';
import { ThresholdResult, evaluateThresholds } from '../../src/results/thresholds';
import { HarnessOutput } from './harness-output';
import { Recovery, ratesFromCumulative, recoveryTime } from './recovery';
import { deliveredRateOf } from './delivered-rate';
import { pacingOf } from './pacing';
import { ScenarioRun } from './scenarios';
import { StorageSpec, durabilityOf, storageLabel } from './storage-axes';
import { MessagingWorkload } from './workload';

/** Everything besides the harness output that goes into the RunResult. */
export interface MessagingRunContext {
  readonly variant: string;
  readonly run: ScenarioRun;
  /** `local`, `k3s`, ... */
  readonly target: string;
  readonly profile: ResolvedLoadProfile;
  readonly workload: MessagingWorkload;
  /** Broker(s) first, then the harness. */
  readonly resources: readonly ResourceUsage[];
  readonly environment: Environment;
  /** User label; the result's label is `<label:>variant:run`. */
  readonly label?: string;
  /** Seconds after production start the broker was killed (local); else the harness's fault line. */
  readonly faultAtSeconds?: number;
  /** Relative band of the recovery calculation. @default 0.1 */
  readonly recoveryTolerance?: number;
  /** Broker process start to first usable answer, when measured. */
  readonly coldStartMs?: number;
  readonly notes?: readonly string[];
  /** NATS file store sync setting and the server's version (the default interval depends on it). @default default, version unknown */
  readonly natsSync?: { readonly interval: string; readonly serverVersion?: string };
  /** A run id to use instead of a new one (cluster runs derive theirs). */
  readonly id?: string;
}

const round = (v: number, digits = 2): number => Math.round(v * 10 ** digits) / 10 ** digits;

function latencyFrom(encoded: string): Latency {
  return latencyOf(encoded ? decodeHistogram(encoded) : newLatencyHistogram());
}

/** The recovery of a run with a fault, on the unique-delivery series cut at the end of production. */
export function recoveryOf(out: HarnessOutput, faultAt: number, tolerance = 0.1): Recovery {
  const end = out.result.productionSeconds + 0.05;
  const points = out.samples.filter((s) => s.t <= end).map((s) => ({ t: s.t, count: s.delivered - s.duplicates }));
  return recoveryTime(ratesFromCumulative(points), { faultAt, tolerance });
}

/** Where latency is measured from (README: "How latency is timed"). */
function latencyOrigin(unthrottled: boolean, paced: boolean): string {
  if (unthrottled) return 'latency = end-to-end from the send time (unthrottled: there is no schedule)';
  if (!paced) return 'latency = end-to-end from the intended send time (coordinated-omission safe; harness before 0.2.0: includes its own timer lateness)';
  return 'latency = end-to-end from the actual send time while the producer kept its schedule, from the intended send time while the broker held it back (coordinated-omission safe)';
}

function recoveryThresholds(rec: Recovery, lost: number, tolerance: number): ThresholdResult[] {
  return [
    { metric: 'messaging.lostMessages', condition: '== 0 (every acknowledged message delivered)', observed: lost, passed: lost === 0 },
    {
      metric: 'messaging.recoverySeconds',
      condition: `throughput back within ${Math.round(tolerance * 100)}% of steady state`,
      observed: rec.recoverySeconds ?? -1,
      passed: rec.recoverySeconds !== undefined,
    },
  ];
}

/** The storage of a run: the workload's persistence and queue type, the NATS sync setting, and whether the broker is one local node. */
export function runStorage(ctx: Pick<MessagingRunContext, 'workload' | 'natsSync' | 'target'>): StorageSpec {
  const w = ctx.workload;
  return {
    broker: w.broker,
    persistence: w.persistence,
    queueType: w.queueType,
    natsSyncInterval: ctx.natsSync?.interval ?? 'default',
    natsServerVersion: ctx.natsSync?.serverVersion,
    singleNode: ctx.target === 'local',
  };
}

/** The RunResult of one harness run, validated. */
export function messagingRunResult(out: HarnessOutput, ctx: MessagingRunContext): RunResult {
  const r = out.result;
  const seconds = r.productionSeconds;
  const msgsPerSecond = seconds > 0 ? r.acked / seconds : 0;
  const failedPublishes = Object.values(r.publishErrors).reduce((a, b) => a + b, 0);
  const byKind: Record<string, number> = { ...r.publishErrors };
  if (r.lostMessages > 0) byKind.lost = r.lostMessages;
  if (r.undecodable > 0) byKind.undecodable = r.undecodable;
  const errorsTotal = Object.values(byKind).reduce((a, b) => a + b, 0);
  const latency = latencyFrom(r.endToEndLatencyUs);
  const uniqueDelivered = r.uniqueDelivered.reduce((a, b) => a + b, 0);
  const tolerance = ctx.recoveryTolerance ?? 0.1;
  const w = ctx.workload;
  const storage = runStorage(ctx);
  const pacing = pacingOf(r);
  const rates = deliveredRateOf(r);
  const notes = [
    `scenario ${ctx.run.name}: ${w.producers} producer(s), ${w.subscriptions} subscription(s) × ${w.consumers} consumer(s), ${w.partitions} partition(s), ${w.messageSize} B messages, persistence ${w.persistence ? 'on' : 'off'}${w.broker === 'rabbitmq' ? `, queue type ${w.queueType}` : ''}, storage ${storageLabel(storage)}, replication ${w.replicationFactor}`,
    `durability: ${durabilityOf(storage)}`,
    `harness ${r.harness} with ${r.client}; ${latencyOrigin(ctx.run.unthrottled, pacing !== undefined)}`,
    `acknowledged ${r.acked} of ${r.sent} published; delivered ${uniqueDelivered} first deliveries over ${r.subscriptions} subscription(s) (${round(uniqueDelivered / Math.max(seconds, 0.001), 1)}/s); duplicates ${r.duplicates}; lost ${r.lostMessages}`,
    ...(rates?.notes ?? []),
    ...(pacing?.notes ?? []),
    ...(ctx.notes ?? []),
  ];
  if (!r.drained) notes.push('consumers had not caught up when the drain time ran out: the undelivered acknowledged messages count as lost');
  if (r.deliveredNotAcked > 0) notes.push(`${r.deliveredNotAcked} message(s) were delivered although their publish was not acknowledged (at-least-once: the ack was lost)`);
  const thresholds = evaluateThresholds(ctx.profile.thresholds, { p95Ms: latency.p95, p99Ms: latency.p99, errorRate: r.sent ? errorsTotal / r.sent : 0, rps: msgsPerSecond });
  const faultAt = ctx.faultAtSeconds ?? out.faults.find((f) => f.ok)?.t;
  if (ctx.run.fault) {
    if (faultAt === undefined) {
      notes.push(`recovery not measured: no fault was injected${out.faults.length ? ` (${out.faults.map((f) => f.error ?? f.target).join('; ')})` : ''}`);
      thresholds.push({ metric: 'messaging.faultInjected', condition: 'a broker was killed', observed: 0, passed: false });
    } else {
      const rec = recoveryOf(out, faultAt, tolerance);
      thresholds.push(...recoveryThresholds(rec, r.lostMessages, tolerance));
      notes.push(
        rec.recoverySeconds !== undefined
          ? `recovery: ${rec.recoverySeconds} s after the broker was killed at ${round(faultAt, 3)} s, delivered throughput was back within ${Math.round(tolerance * 100)}% of the steady state ${round(rec.steadyState, 1)}/s (lowest after the fault ${round(rec.minRate, 1)}/s)`
          : `recovery: not recovered (broker killed at ${round(faultAt, 3)} s): ${rec.reason}`,
      );
      notes.push(`acked vs consumed: ${r.acked} acknowledged, ${r.uniqueDelivered[0]} consumed, ${r.lostMessages} acknowledged message(s) lost`);
    }
  }
  const userLabel = ctx.label ? `${ctx.label}:` : '';
  const startedAt = new Date(r.productionStartUnixMs);
  return RunResultSchema.parse({
    kind: 'perflab.dev/RunResult',
    version: 1,
    id: ctx.id ?? newRunId('messaging', `${ctx.variant}-${ctx.run.name}`, startedAt),
    experiment: 'messaging',
    variant: ctx.variant,
    target: ctx.target,
    label: `${userLabel}${ctx.variant}:${ctx.run.name}:${storageLabel(storage)}`,
    profile: ctx.profile,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date(r.finishedAtUnixMs).toISOString(),
    durationSeconds: round(seconds, 3),
    loadGenerator: { name: 'mqbench', version: r.harness.replace(/^mqbench\s*/, '') },
    latency,
    throughput: {
      messagesPerSecond: round(msgsPerSecond),
      bytesPerSecond: Math.round(msgsPerSecond * r.messageSize),
      totalMessages: r.acked,
      totalBytes: r.acked * r.messageSize,
    },
    errors: { total: errorsTotal, rate: Math.min(1, r.sent ? errorsTotal / r.sent : 0), byKind },
    endpoints: [
      { name: 'publish', requests: r.sent, errors: failedPublishes, latency: latencyFrom(r.publishLatencyUs) },
      { name: 'deliver', requests: uniqueDelivered, errors: r.lostDeliveries, latency },
      ...(pacing ? [pacing.endpoint] : []),
    ],
    resources: ctx.resources,
    thresholds,
    thresholdsPassed: thresholds.every((t) => t.passed) && r.acked > 0 && r.drained,
    coldStartMs: ctx.coldStartMs === undefined ? undefined : round(ctx.coldStartMs, 1),
    environment: ctx.environment,
    notes,
  });
}
