/** Scaling a load profile in time and rate, so the catalogue's shapes fit a laptop or a big cluster. */
import { LoadProfile, Pattern } from './profile';

/** How much to stretch a profile: `time` multiplies durations, `rate` multiplies VUs / rates. */
export interface ProfileScale {
  /** Multiplier on every duration (0.1 turns 5 min into 30 s). @default 1 */
  readonly time?: number;
  /** Multiplier on every target (0.5 halves VUs or rate). @default 1 */
  readonly rate?: number;
}

function scaleTarget(target: number, rate: number, model: LoadProfile['model']): number {
  if (target === 0) return 0;
  const scaled = target * rate;
  // VUs are whole; a scaled-down non-zero stage keeps at least one VU.
  return model === 'closed' ? Math.max(1, Math.round(scaled)) : Math.max(scaled, 0.1);
}

function scalePattern(pattern: Pattern, time: number): Pattern {
  switch (pattern.kind) {
    case 'steady':
      return pattern;
    case 'periodic':
      return { ...pattern, periodSeconds: pattern.periodSeconds * time };
    case 'bursty':
      return { ...pattern, everySeconds: pattern.everySeconds * time, burstSeconds: pattern.burstSeconds * time };
    case 'chaos':
      return { ...pattern, stepSeconds: pattern.stepSeconds * time };
  }
}

/** A copy of `profile` scaled in time and rate; scale factors must be positive. */
export function scaleProfile<P extends LoadProfile>(profile: P, scale: ProfileScale): P {
  const time = scale.time ?? 1;
  const rate = scale.rate ?? 1;
  if (!(time > 0) || !(rate > 0)) {
    throw new Error(`profile scale: time and rate must be positive numbers (got time=${time}, rate=${rate})`);
  }
  if (time === 1 && rate === 1) return profile;
  return {
    ...profile,
    startTarget: scaleTarget(profile.startTarget, rate, profile.model),
    stages: profile.stages.map((s) => ({
      durationSeconds: Math.max(1, Math.round(s.durationSeconds * time * 1000) / 1000),
      target: scaleTarget(s.target, rate, profile.model),
    })),
    maxVUs: profile.maxVUs === undefined ? undefined : Math.max(1, Math.ceil(profile.maxVUs * rate)),
    pattern: scalePattern(profile.pattern, time),
    gracefulStopSeconds: Math.round(profile.gracefulStopSeconds * Math.min(1, time) * 1000) / 1000,
  };
}
