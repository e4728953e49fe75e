/**
 * Compiles a resolved LoadProfile into the local load generator's plan: a list of constant
 * segments (connections, optional request rate) that follow the expanded ramps. The local
 * generator holds each segment's level constant, so ramps become steps of at most
 * `maxStepSeconds`, each at the ramp's value at the step's midpoint.
 */
import { expandStages } from './expand';
import { ResolvedLoadProfile, openModelMaxVUs } from './profile';

/** One constant stretch of local load. */
export interface LocalSegment {
  readonly durationSeconds: number;
  /** Concurrent connections (closed model: VUs). 0 means idle for the segment. */
  readonly connections: number;
  /** Open model: requests per second across all connections. */
  readonly overallRate?: number;
  /** Closed model with think time: requests per second per connection (1000 / mean think ms). */
  readonly connectionRate?: number;
}

/** The whole local plan of one profile. */
export interface LocalPlan {
  readonly profile: string;
  readonly model: ResolvedLoadProfile['model'];
  readonly segments: LocalSegment[];
  readonly totalSeconds: number;
}

/** Options of the local plan. */
export interface LocalPlanOptions {
  /** Longest step a ramp is cut into. @default 5 */
  readonly maxStepSeconds?: number;
}

/** Builds the local generator's plan for a profile. */
export function compileLocalPlan(profile: ResolvedLoadProfile, opts: LocalPlanOptions = {}): LocalPlan {
  const maxStep = opts.maxStepSeconds ?? 5;
  const expanded = expandStages(profile);
  const thinkMeanMs = profile.thinkTime ? (profile.thinkTime.minMs + profile.thinkTime.maxMs) / 2 : 0;
  const connectionRate = profile.model === 'closed' && thinkMeanMs > 0 ? Math.max(1, Math.floor(1000 / thinkMeanMs)) : undefined;
  const maxVUs = openModelMaxVUs(profile);
  const segments: LocalSegment[] = [];
  let from = expanded.startTarget;
  for (const stage of expanded.stages) {
    const steps = from === stage.target ? 1 : Math.max(1, Math.ceil(stage.durationSeconds / maxStep));
    // Step boundaries rounded to the ms from the stage start, so the steps add up to the stage exactly.
    const boundary = (i: number): number => Math.round((stage.durationSeconds * i * 1000) / steps) / 1000;
    for (let i = 0; i < steps; i++) {
      const mid = from + (stage.target - from) * ((i + 0.5) / steps);
      segments.push(segmentAt(mid, boundary(i + 1) - boundary(i), profile.model, maxVUs, connectionRate));
    }
    from = stage.target;
  }
  const merged = mergeEqualSegments(segments);
  return {
    profile: profile.name,
    model: profile.model,
    segments: merged,
    totalSeconds: Math.round(merged.reduce((s, x) => s + x.durationSeconds, 0) * 1000) / 1000,
  };
}

function segmentAt(level: number, durationSeconds: number, model: ResolvedLoadProfile['model'], maxVUs: number, connectionRate?: number): LocalSegment {
  const d = Math.round(durationSeconds * 1000) / 1000;
  if (model === 'closed') {
    const connections = Math.round(level);
    return connectionRate === undefined ? { durationSeconds: d, connections } : { durationSeconds: d, connections, connectionRate };
  }
  const rate = Math.round(level);
  if (rate <= 0) return { durationSeconds: d, connections: 0 };
  return { durationSeconds: d, connections: Math.min(maxVUs, rate), overallRate: rate };
}

function mergeEqualSegments(segments: LocalSegment[]): LocalSegment[] {
  const out: LocalSegment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && last.connections === s.connections && last.overallRate === s.overallRate && last.connectionRate === s.connectionRate) {
      out[out.length - 1] = { ...last, durationSeconds: Math.round((last.durationSeconds + s.durationSeconds) * 1000) / 1000 };
    } else {
      out.push(s);
    }
  }
  return out;
}
