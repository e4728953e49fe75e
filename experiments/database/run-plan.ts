/**
 * How a LoadProfile becomes a database workload run. pgbench and sysbench hold a constant
 * number of client connections for a fixed time, so:
 * - closed model: clients = the profile's peak VUs; open model: a target rate of the profile's
 *   peak arrival rate (pgbench --rate, sysbench --rate, transactions/s) over the profile's maxVUs
 *   clients;
 * - duration = the profile's total length (ramps are not reproduced: the tools start every
 *   client at once and hold them);
 * - warm-up = a separate, discarded run before the measured one (10% of the duration, 1..60 s,
 *   unless `perflab:warmupSeconds` says otherwise);
 * - pgbench worker threads = min(clients, 4) unless `perflab:threads` is set; sysbench runs one
 *   thread per client.
 * `perflab:clients` overrides the client count. Every choice is written to the plan's notes.
 */
import { ResolvedLoadProfile, openModelMaxVUs, peakTarget, profileDurationSeconds } from '../../src/load/profile';

/** The knobs of one workload run. */
export interface RunPlan {
  /** Client connections (pgbench -c, sysbench --threads). */
  readonly clients: number;
  /** pgbench worker threads (-j). */
  readonly threads: number;
  /** Measured seconds (pgbench -T, sysbench --time). */
  readonly durationSeconds: number;
  /** Seconds of the discarded warm-up run (0: none). */
  readonly warmupSeconds: number;
  /** Target transactions/s (open model), undefined for as fast as possible. */
  readonly rate?: number;
  /** Progress report interval, seconds. */
  readonly progressSeconds: number;
  /** How the plan was derived, for the RunResult's notes. */
  readonly notes: readonly string[];
}

/** Overrides from `perflab:*` keys. */
export interface PlanOverrides {
  readonly clients?: number;
  readonly threads?: number;
  readonly warmupSeconds?: number;
}

/** Default cap on pgbench worker threads. */
export const DEFAULT_MAX_THREADS = 4;

/**
 * Most clients an open-model run opens by default: each is a server backend (a process on
 * PostgreSQL), and the servers allow 300 connections. The load profile's VU sizing (peak rate ×
 * worst expected latency) can ask for more; `perflab:clients` sets any number explicitly.
 */
export const MAX_OPEN_MODEL_CLIENTS = 100;

/** The run plan of a profile. */
export function planRun(profile: ResolvedLoadProfile, o: PlanOverrides = {}): RunPlan {
  const notes: string[] = [];
  const duration = Math.max(1, Math.round(profileDurationSeconds(profile)));
  const peak = peakTarget(profile);
  let clients: number;
  let rate: number | undefined;
  if (profile.model === 'open') {
    rate = Math.round(peak * 100) / 100;
    const sized = openModelMaxVUs(profile);
    clients = o.clients ?? Math.min(sized, MAX_OPEN_MODEL_CLIENTS);
    if (o.clients === undefined && sized > clients) {
      notes.push(`open model: ${sized} clients would cover the peak rate at the worst expected latency; capped at ${clients} (set perflab:clients to choose) — transactions the tool cannot start on time are reported late or skipped`);
    }
    notes.push(`open model: target rate ${rate} transactions/s (the profile's peak rate) over ${clients} clients`);
  } else {
    clients = o.clients ?? Math.max(1, Math.round(peak));
    notes.push(`closed model: ${clients} clients (${o.clients !== undefined ? 'perflab:clients' : "the profile's peak VUs"}) held for the whole run`);
  }
  if (profile.stages.length > 1 || profile.startTarget !== peak) notes.push('the profile\'s ramps are not reproduced: the workload tools start every client at once');
  if (profile.pattern.kind !== 'steady') notes.push(`the profile's ${profile.pattern.kind} arrival pattern is not reproduced by the workload tools`);
  const threads = Math.min(clients, o.threads ?? Math.min(clients, DEFAULT_MAX_THREADS));
  const warmup = o.warmupSeconds ?? Math.min(60, Math.max(1, Math.round(duration * 0.1)));
  notes.push(`measured for ${duration} s after a discarded ${warmup} s warm-up run`);
  const progressSeconds = duration >= 120 ? 10 : 1;
  return { clients, threads, durationSeconds: duration, warmupSeconds: warmup, rate, progressSeconds, notes };
}
