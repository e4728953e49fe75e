/**
 * The one workload definition all three brokers run (the JSON mqbench reads), built from the
 * messaging settings, a scenario run and the LoadProfile. How the profile maps:
 *
 * - duration: the profile's stages (after `timeScale`), expanded with its arrival pattern;
 * - shape: the rate at time t is `producerRate × level(t) / peak level`, so baseline's ramps,
 *   spike's 10× jump or a periodic pattern keep their shape and `producerRate` is the peak;
 *   ramps become 1-second steps; a level of 0 is an idle step;
 * - VUs / arrival rates themselves are not messages: `rateScale` changes nothing here (it
 *   scales targets and peak alike) — change `producerRate`;
 * - max-throughput runs unthrottled for the whole duration (the shape does not apply);
 * - thresholds: p95/p99 apply to end-to-end latency, maxErrorRate to failed + lost messages,
 *   minRps to acknowledged messages per second.
 */
import { ConfigError } from '../../src/config/errors';
import { expandStages } from '../../src/load/expand';
import { ResolvedLoadProfile, profileDurationSeconds } from '../../src/load/profile';
import { MessagingSettings } from './config';
import { MessagingVariant } from './experiment';
import { ScenarioRun } from './scenarios';
import { RabbitmqQueueType, storageProblems } from './storage-axes';

/** One stretch of the producer schedule (mirrors the harness's Segment). */
export interface ScheduleSegment {
  readonly durationSeconds: number;
  /** Messages per second across all producers (0 with `max` unset: idle). */
  readonly rate: number;
  /** As fast as the in-flight window allows. */
  readonly max?: boolean;
}

/** A broker pod the harness deletes mid-run (cluster only; locally the target kills the process). */
export interface FaultSpec {
  readonly atSeconds: number;
  /** Pod name, or `leader` (partition / stream leader; RabbitMQ uses fallbackPod). */
  readonly target: string;
  readonly fallbackPod: string;
  readonly namespace: string;
  /** Kafka: pod name prefix of a broker id (Strimzi: `<cluster>-<pool>-`). */
  readonly podPrefix: string;
}

/** The workload mqbench runs (its `--workload` JSON). */
export interface MessagingWorkload {
  readonly broker: MessagingVariant;
  /** `nats://host:port`, `amqp://user:pass@host:port/` or `host:port[,host:port]` (Kafka). */
  readonly url: string;
  /** Topic / stream / exchange name; also names queues and consumer groups. */
  readonly topic: string;
  readonly messageSize: number;
  readonly producers: number;
  readonly consumers: number;
  readonly subscriptions: number;
  readonly partitions: number;
  readonly persistence: boolean;
  readonly replicationFactor: number;
  /** RabbitMQ queue type (ignored by the other brokers). */
  readonly queueType: RabbitmqQueueType;
  /** Declare the topic (false: wait for the cluster's KafkaTopic / Stream resource). */
  readonly createTopology: boolean;
  readonly schedule: ScheduleSegment[];
  readonly maxInFlight: number;
  /** Seconds consumers may take to catch up after the last publish. */
  readonly drainSeconds: number;
  /** Counter sampling interval. */
  readonly sampleMillis: number;
  /** Seconds the harness waits for the broker (and topic) to be usable. */
  readonly connectSeconds: number;
  readonly ackTimeoutSeconds: number;
  readonly fault?: FaultSpec;
}

/** Shortest recovery run: a steady state before the fault and room to recover after it. */
export const RECOVERY_MIN_SECONDS = 30;

/** Producer schedule of a profile at `peakRate` (0 or `unthrottled`: one max segment). */
export function rateSchedule(profile: ResolvedLoadProfile, peakRate: number, unthrottled = false): ScheduleSegment[] {
  const total = profileDurationSeconds(profile);
  if (unthrottled || peakRate === 0) return [{ durationSeconds: total, rate: 0, max: true }];
  const expanded = expandStages(profile);
  const levels: Array<{ d: number; level: number }> = [];
  let from = expanded.startTarget;
  for (const st of expanded.stages) {
    if (st.target === from) {
      levels.push({ d: st.durationSeconds, level: from });
    } else {
      const steps = Math.max(1, Math.ceil(st.durationSeconds));
      for (let i = 0; i < steps; i++) levels.push({ d: st.durationSeconds / steps, level: from + (st.target - from) * ((i + 0.5) / steps) });
    }
    from = st.target;
  }
  const peak = Math.max(...levels.map((l) => l.level));
  if (!(peak > 0)) return [{ durationSeconds: total, rate: 0 }];
  const out: ScheduleSegment[] = [];
  for (const l of levels) {
    const rate = Math.round(((peakRate * l.level) / peak) * 100) / 100;
    const last = out[out.length - 1];
    if (last && last.rate === rate) out[out.length - 1] = { ...last, durationSeconds: last.durationSeconds + l.d };
    else out.push({ durationSeconds: l.d, rate });
  }
  return out.map((s) => ({ ...s, durationSeconds: Math.round(s.durationSeconds * 1000) / 1000 }));
}

/** Stretches a schedule to at least `seconds` by holding its last rate (recovery runs). */
export function extendSchedule(schedule: readonly ScheduleSegment[], seconds: number): ScheduleSegment[] {
  const total = schedule.reduce((a, s) => a + s.durationSeconds, 0);
  if (total >= seconds) return [...schedule];
  const last = schedule[schedule.length - 1];
  const hold = last.rate > 0 || last.max ? last : schedule.find((s) => s.rate > 0) ?? last;
  return [...schedule, { ...hold, durationSeconds: Math.round((seconds - total) * 1000) / 1000 }];
}

/** Total seconds of a schedule. */
export function scheduleSeconds(schedule: readonly ScheduleSegment[]): number {
  return Math.round(schedule.reduce((a, s) => a + s.durationSeconds, 0) * 1000) / 1000;
}

/** Default fault time: 30% into the run, at least 5 s (a RabbitMQ restart alone can take 5–12 s). */
export function defaultFaultAt(durationSeconds: number): number {
  return Math.max(5, Math.round(durationSeconds * 0.3 * 10) / 10);
}

/** Where and how one workload runs, beyond the settings and scenario. */
export interface WorkloadTarget {
  readonly broker: MessagingVariant;
  readonly url: string;
  readonly topic: string;
  /** Replication the target can give (local single nodes: 1). */
  readonly replicationFactor: number;
  readonly createTopology: boolean;
  readonly connectSeconds: number;
  readonly sampleMillis: number;
  readonly fault?: Omit<FaultSpec, 'atSeconds'>;
}

/** The workload of one scenario run. */
export function buildWorkload(settings: MessagingSettings, run: ScenarioRun, profile: ResolvedLoadProfile, target: WorkloadTarget): MessagingWorkload {
  let schedule = rateSchedule(profile, settings.producerRate, run.unthrottled);
  if (run.fault) schedule = extendSchedule(schedule, RECOVERY_MIN_SECONDS);
  const duration = scheduleSeconds(schedule);
  const problems = storageProblems({ broker: target.broker, persistence: run.persistence, queueType: run.queueType });
  if (problems.length) throw new ConfigError(problems);
  const workload: MessagingWorkload = {
    broker: target.broker,
    url: target.url,
    topic: target.topic,
    messageSize: settings.messageSize,
    producers: settings.producers,
    consumers: settings.consumers,
    subscriptions: run.subscriptions,
    partitions: settings.partitions,
    persistence: run.persistence,
    replicationFactor: target.replicationFactor,
    queueType: run.queueType,
    createTopology: target.createTopology,
    schedule,
    maxInFlight: settings.maxInFlight,
    drainSeconds: Math.max(10, Math.min(120, duration)),
    sampleMillis: target.sampleMillis,
    connectSeconds: target.connectSeconds,
    ackTimeoutSeconds: 30,
  };
  if (!run.fault || !target.fault) return workload;
  return { ...workload, fault: { ...target.fault, atSeconds: settings.faultAtSeconds ?? defaultFaultAt(duration) } };
}
