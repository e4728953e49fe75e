/**
 * Capacity projection: from the throughput one pod sustained in the measured run and its
 * latency, the pods needed for a target request rate growing month by month. Concurrency
 * (requests in flight) follows Little's law, L = λ·W: target rps × mean latency. Pods are sized
 * so each runs at `utilization` of the measured per-pod throughput (headroom for spikes).
 * The measured throughput is a pod's capacity only if the run saturated it (a stress profile);
 * otherwise the projection is conservative.
 */

/** What the projection starts from. */
export interface CapacityInput {
  /** Requests per second one pod sustained in the measured run. */
  readonly perPodRps: number;
  /** Mean latency (ms): Little's law's W. */
  readonly meanLatencyMs: number;
  /** p95 latency (ms), for an upper bound of concurrency. */
  readonly p95LatencyMs?: number;
  /** Request rate now (month 0). */
  readonly targetRps: number;
  /** Growth per month as a fraction (0.2 = 20%/month). */
  readonly growthPerMonth: number;
  /** Months projected. */
  readonly months: number;
  /** Share of the measured per-pod throughput each pod is planned to carry. @default 0.7 */
  readonly utilization?: number;
}

/** One month of the projection. */
export interface CapacityRow {
  readonly month: number;
  readonly rps: number;
  readonly pods: number;
  /** Requests in flight across the service (Little's law with the mean latency). */
  readonly inFlight: number;
  /** Requests in flight with the p95 latency (upper bound). */
  readonly inFlightP95?: number;
  readonly inFlightPerPod: number;
}

/** The projection. */
export interface CapacityProjection {
  readonly input: CapacityInput;
  readonly utilization: number;
  /** Throughput each pod is planned to carry: per-pod rps × utilization. */
  readonly plannedPerPodRps: number;
  /** Requests in flight per pod in the measured run (Little's law). */
  readonly measuredInFlightPerPod: number;
  readonly rows: CapacityRow[];
}

/** A validation problem with a projection's input. */
export class CapacityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CapacityError';
  }
}

/** Parses a growth rate: `20%`, `20%/month`, `0.2`. */
export function parseGrowth(s: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%)?\s*(?:\/\s*(?:month|mo))?\s*$/i.exec(s);
  if (!m) throw new CapacityError(`--growth ${JSON.stringify(s)}: expected a monthly rate like 20% or 20%/month or 0.2`);
  return m[2] ? Number(m[1]) / 100 : Number(m[1]);
}

/** Projects pods and concurrency month by month. */
export function projectCapacity(input: CapacityInput): CapacityProjection {
  const utilization = input.utilization ?? 0.7;
  if (!(input.perPodRps > 0)) throw new CapacityError('capacity projection needs a measured throughput > 0');
  if (!(utilization > 0 && utilization <= 1)) throw new CapacityError(`utilization must be in (0, 1], got ${utilization}`);
  if (!(input.targetRps > 0)) throw new CapacityError(`target rps must be > 0, got ${input.targetRps}`);
  if (!(input.growthPerMonth >= 0)) throw new CapacityError(`growth must be ≥ 0, got ${input.growthPerMonth}`);
  if (!Number.isInteger(input.months) || input.months < 0 || input.months > 120) throw new CapacityError(`months must be a whole number 0..120, got ${input.months}`);
  const planned = input.perPodRps * utilization;
  const rows: CapacityRow[] = [];
  for (let month = 0; month <= input.months; month++) {
    const rps = input.targetRps * (1 + input.growthPerMonth) ** month;
    const pods = Math.max(1, Math.ceil(rps / planned - 1e-9));
    const inFlight = (rps * input.meanLatencyMs) / 1000;
    rows.push({
      month,
      rps,
      pods,
      inFlight,
      inFlightP95: input.p95LatencyMs === undefined ? undefined : (rps * input.p95LatencyMs) / 1000,
      inFlightPerPod: inFlight / pods,
    });
  }
  return { input, utilization, plannedPerPodRps: planned, measuredInFlightPerPod: (input.perPodRps * input.meanLatencyMs) / 1000, rows };
}
