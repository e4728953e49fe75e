/**
 * Expands a profile's stages and arrival pattern into one list of linear ramps. Both back ends
 * (the k6 script and the local plan) consume this list, so a pattern is defined in one place.
 */
import { seededRandom } from '../stats/prng';
import { LoadProfile, Pattern, Stage, profileDurationSeconds } from './profile';

/** Most ramps an expanded profile may have before the pattern is too fine for its length. */
export const MAX_EXPANDED_STAGES = 5000;

/** Base target at time t: piecewise-linear through the stages, starting at startTarget. */
export function baseTargetAt(profile: Pick<LoadProfile, 'stages' | 'startTarget'>, t: number): number {
  let from = profile.startTarget;
  let start = 0;
  for (const stage of profile.stages) {
    const end = start + stage.durationSeconds;
    if (t <= end) {
      const f = stage.durationSeconds === 0 ? 1 : (t - start) / stage.durationSeconds;
      return from + (stage.target - from) * Math.max(0, f);
    }
    from = stage.target;
    start = end;
  }
  return from;
}

interface FactorCurve {
  /** Times (seconds) where the factor curve must be sampled. */
  readonly points: number[];
  /** Factor at time t. */
  readonly at: (t: number) => number;
}

function factorCurve(pattern: Pattern, total: number): FactorCurve {
  switch (pattern.kind) {
    case 'steady':
      return { points: [], at: () => 1 };
    case 'periodic': {
      const step = pattern.periodSeconds / 16;
      const points: number[] = [];
      for (let t = step; t < total; t += step) points.push(t);
      return { points, at: (t) => 1 + pattern.amplitude * Math.sin((2 * Math.PI * t) / pattern.periodSeconds) };
    }
    case 'bursty': {
      const edge = Math.min(1, pattern.burstSeconds / 4);
      const points: number[] = [];
      const windows: Array<[number, number]> = [];
      for (let s = pattern.everySeconds; s < total; s += pattern.everySeconds) {
        const e = s + pattern.burstSeconds;
        windows.push([s, e]);
        points.push(s, s + edge, e, e + edge);
      }
      const at = (t: number): number => {
        for (const [s, e] of windows) {
          if (t < s) break;
          if (t <= s + edge) return 1 + (pattern.multiplier - 1) * ((t - s) / edge);
          if (t <= e) return pattern.multiplier;
          if (t <= e + edge) return pattern.multiplier - (pattern.multiplier - 1) * ((t - e) / edge);
        }
        return 1;
      };
      return { points, at };
    }
    case 'chaos': {
      const rand = seededRandom(pattern.seed);
      const step = pattern.stepSeconds;
      const edge = Math.min(1, step / 4);
      const factors: number[] = [];
      const points: number[] = [];
      for (let k = 0; k * step < total; k++) {
        factors.push(pattern.minFactor + (pattern.maxFactor - pattern.minFactor) * rand());
        if (k > 0) points.push(k * step, k * step + edge);
      }
      const at = (t: number): number => {
        const k = Math.min(factors.length - 1, Math.floor(t / step));
        const inEdge = k > 0 && t - k * step < edge;
        return inEdge ? factors[k - 1] + (factors[k] - factors[k - 1]) * ((t - k * step) / edge) : factors[k];
      };
      return { points, at };
    }
  }
}

/** The start target and ramps that realise the profile's stages under its arrival pattern. */
export interface ExpandedStages {
  readonly startTarget: number;
  readonly stages: Stage[];
}

/**
 * Expand stages × pattern into linear ramps. Closed-model targets are rounded to whole VUs.
 * A steady pattern returns the stages unchanged.
 */
export function expandStages(profile: Pick<LoadProfile, 'stages' | 'startTarget' | 'pattern' | 'model'>): ExpandedStages {
  const round = (v: number): number => (profile.model === 'closed' ? Math.round(v) : Math.round(v * 1000) / 1000);
  if (profile.pattern.kind === 'steady') {
    return { startTarget: profile.startTarget, stages: profile.stages.map((s) => ({ ...s })) };
  }
  const total = profileDurationSeconds(profile);
  const curve = factorCurve(profile.pattern, total);
  const times = new Set<number>([total]);
  let acc = 0;
  for (const s of profile.stages) {
    acc += s.durationSeconds;
    times.add(Math.round(acc * 1000) / 1000);
  }
  for (const p of curve.points) if (p > 0 && p < total) times.add(Math.round(p * 1000) / 1000);
  const sorted = [...times].sort((a, b) => a - b);
  if (sorted.length > MAX_EXPANDED_STAGES) {
    throw new Error(
      `load.pattern: a ${profile.pattern.kind} pattern over ${total} s needs ${sorted.length} ramps; at most ${MAX_EXPANDED_STAGES} are allowed — use a longer period/step or a shorter profile`,
    );
  }
  const valueAt = (t: number): number => round(Math.max(0, baseTargetAt(profile, t) * curve.at(t)));
  const stages: Stage[] = [];
  let prev = 0;
  for (const t of sorted) {
    const duration = Math.round((t - prev) * 1000) / 1000;
    if (duration > 0) stages.push({ durationSeconds: duration, target: valueAt(t) });
    prev = t;
  }
  return { startTarget: valueAt(0), stages: mergeFlatRuns(valueAt(0), stages) };
}

/** Joins consecutive ramps that hold the same target (a flat run needs only one ramp). */
function mergeFlatRuns(start: number, stages: Stage[]): Stage[] {
  const out: Stage[] = [];
  for (const s of stages) {
    const last = out[out.length - 1];
    const levelBeforeLast = out.length >= 2 ? out[out.length - 2].target : start;
    if (last && last.target === levelBeforeLast && s.target === last.target) {
      last.durationSeconds = Math.round((last.durationSeconds + s.durationSeconds) * 1000) / 1000;
    } else {
      out.push({ ...s });
    }
  }
  return out;
}
