/**
 * Tests of the load profile machinery: built-in profiles, scaling, pattern expansion, the local
 * plan, and the request cycle of the local generator.
 */
import { BASELINE_VUS, BUILTIN_PROFILE_NAMES, CHAOS_RATE, CHAOS_REQUEST_TIMEOUT_SECONDS, builtinProfile } from '../src/load/builtin';
import { ExpandedStages, MAX_EXPANDED_STAGES, expandStages } from '../src/load/expand';
import { compileLocalPlan } from '../src/load/local-plan';
import { DEFAULT_WORST_LATENCY_MS, Endpoint, LoadProfile, LoadProfileInput, LoadProfileSchema, openModelMaxVUs, peakTarget, profileDurationSeconds } from '../src/load/profile';
import { resolveProfile } from '../src/load/resolve';
import { scaleProfile } from '../src/load/scale';
import { MAX_CYCLE_LENGTH, integerWeights, requestCycle } from '../src/local/request-cycle';

const MIX: Endpoint[] = [{ name: 'a', method: 'GET', path: '/', weight: 1, expectStatus: 200 }];
const profile = (input: Partial<LoadProfileInput>): LoadProfile => LoadProfileSchema.parse({ name: 'p', stages: [{ durationSeconds: 60, target: 10 }], ...input });
const builtin = (name: string): LoadProfile => {
  const p = builtinProfile(name);
  if (!p) throw new Error(`no built-in profile ${name}`);
  return p;
};

/** Target at time t of an expanded ramp list (linear within each ramp). */
function targetAt(e: ExpandedStages, t: number): number {
  let from = e.startTarget;
  let start = 0;
  for (const s of e.stages) {
    if (t <= start + s.durationSeconds) return from + (s.target - from) * ((t - start) / s.durationSeconds);
    from = s.target;
    start += s.durationSeconds;
  }
  return from;
}

/** End time of each ramp. */
const endTimes = (e: ExpandedStages): number[] => {
  let t = 0;
  return e.stages.map((s) => Math.round((t += s.durationSeconds) * 1000) / 1000);
};

describe('built-in profiles', () => {
  it('are the catalogue, and unknown names give undefined', () => {
    expect(BUILTIN_PROFILE_NAMES).toEqual(['smoke', 'baseline', 'stress', 'spike', 'soak', 'chaos']);
    expect(builtinProfile('nope')).toBeUndefined();
  });

  it('baseline ramps to BASELINE_VUS, holds 5 min and ramps down', () => {
    const p = builtin('baseline');
    expect(p.stages).toEqual([
      { durationSeconds: 30, target: BASELINE_VUS },
      { durationSeconds: 300, target: BASELINE_VUS },
      { durationSeconds: 30, target: 0 },
    ]);
    expect(p.thresholds).toEqual({ p95Ms: 500, p99Ms: 1000, maxErrorRate: 0.01 });
  });

  it('stress peaks at 2× baseline with ramp-up, sustain and ramp-down', () => {
    const p = builtin('stress');
    expect(peakTarget(p)).toBe(2 * BASELINE_VUS);
    const [up, sustain, down] = p.stages;
    expect(p.startTarget).toBe(0);
    expect(up.target).toBe(2 * BASELINE_VUS);
    expect(sustain.target).toBe(2 * BASELINE_VUS);
    expect(sustain.durationSeconds).toBeGreaterThan(up.durationSeconds);
    expect(down.target).toBe(0);
    expect(p.stages).toHaveLength(3);
  });

  it('spike jumps to 10× baseline quickly and returns to baseline', () => {
    const p = builtin('spike');
    expect(p.startTarget).toBe(BASELINE_VUS);
    expect(peakTarget(p)).toBe(10 * BASELINE_VUS);
    const jump = p.stages.findIndex((s) => s.target === 10 * BASELINE_VUS);
    expect(p.stages[jump].durationSeconds).toBeLessThanOrEqual(10);
    expect(p.stages[p.stages.length - 1].target).toBe(BASELINE_VUS);
    expect(p.stages.slice(jump + 1).some((s) => s.target === BASELINE_VUS)).toBe(true);
  });

  it('soak holds baseline load for two hours', () => {
    const p = builtin('soak');
    expect(peakTarget(p)).toBe(BASELINE_VUS);
    expect(Math.max(...p.stages.map((s) => s.durationSeconds))).toBe(7200);
    expect(profileDurationSeconds(p)).toBe(7320);
  });

  it('smoke is seconds long', () => {
    expect(profileDurationSeconds(builtin('smoke'))).toBeLessThanOrEqual(10);
  });

  // A closed model waits on a faulty server and its request rate collapses, understating the
  // outage; an arrival rate keeps coming (k6 v1.3.0 lib/executor/ramping_arrival_rate.go). k6's
  // own request timeout is 60 s (js/modules/k6/http/request.go), longer than most faults.
  it('chaos injects faults under an open-model arrival rate with an explicit request timeout, VUs sized for it', () => {
    const chaos = builtin('chaos');
    expect(chaos.injectFaults).toBe(true);
    expect(chaos.model).toBe('open');
    expect(peakTarget(chaos)).toBe(CHAOS_RATE);
    expect(chaos.requestTimeoutSeconds).toBe(CHAOS_REQUEST_TIMEOUT_SECONDS);
    expect(chaos.requestTimeoutSeconds).toBeLessThan(60);
    // Every arrival of one timeout window may hang at once without k6 dropping any.
    expect(openModelMaxVUs(chaos)).toBeGreaterThanOrEqual(CHAOS_RATE * CHAOS_REQUEST_TIMEOUT_SECONDS);
  });
});

// k6's ramping-arrival-rate executor drops an arrival when no VU is free (grafana/k6 v1.3.0
// lib/executor/ramping_arrival_rate.go, `dropped_iterations`): VUs must cover the peak rate
// times the longest a request may take (Little's law), or the open model drops exactly when the
// system under test slows down.
describe('openModelMaxVUs', () => {
  const open = (over: Partial<LoadProfileInput>): LoadProfile => profile({ model: 'open', stages: [{ durationSeconds: 60, target: 200 }], ...over });

  it('sizes VUs from the peak rate × the p99 (else p95) threshold, with 10% headroom', () => {
    expect(openModelMaxVUs(open({ thresholds: { p99Ms: 1000, p95Ms: 500 } }))).toBe(220); // 1.1 × 200/s × 1 s
    expect(openModelMaxVUs(open({ thresholds: { p95Ms: 500 } }))).toBe(110);
    expect(openModelMaxVUs(open({}))).toBe(220);
    expect(DEFAULT_WORST_LATENCY_MS).toBe(1000);
  });

  it('sizes VUs for the request timeout when one is set (no request outlasts it)', () => {
    expect(openModelMaxVUs(open({ requestTimeoutSeconds: 4, thresholds: { p99Ms: 300 } }))).toBe(880); // 1.1 × 200/s × 4 s
  });

  it('includes the pattern peak: periodic amplitude, burst multiplier, chaos maxFactor', () => {
    const base = openModelMaxVUs(open({ thresholds: { p99Ms: 500 } }));
    expect(openModelMaxVUs(open({ thresholds: { p99Ms: 500 }, pattern: { kind: 'periodic', periodSeconds: 20, amplitude: 0.5 } }))).toBe(Math.ceil(base * 1.5));
    expect(openModelMaxVUs(open({ thresholds: { p99Ms: 500 }, pattern: { kind: 'bursty', everySeconds: 30, burstSeconds: 5, multiplier: 3 } }))).toBe(Math.ceil(base * 3));
    expect(openModelMaxVUs(open({ thresholds: { p99Ms: 500 }, pattern: { kind: 'chaos', stepSeconds: 5, minFactor: 0.5, maxFactor: 2 } }))).toBe(Math.ceil(base * 2));
    // The periodic peak lies above the stages: the expanded ramps reach it.
    const wave = open({ thresholds: { p99Ms: 1000 }, pattern: { kind: 'periodic', periodSeconds: 20, amplitude: 0.5 } });
    const peak = Math.max(...expandStages(wave).stages.map((st) => st.target));
    expect(openModelMaxVUs(wave)).toBeGreaterThanOrEqual(peak * 1.0);
  });

  it('keeps at least 10 VUs, and an explicit maxVUs as given', () => {
    expect(openModelMaxVUs(open({ stages: [{ durationSeconds: 60, target: 2 }], thresholds: { p99Ms: 100 } }))).toBe(10);
    expect(openModelMaxVUs(open({ maxVUs: 33 }))).toBe(33);
  });
});

describe('scaleProfile', () => {
  it('scales durations in time (0.1 turns 300 s into 30 s) and shortens the graceful stop', () => {
    const p = scaleProfile(builtin('baseline'), { time: 0.1 });
    expect(p.stages.map((s) => s.durationSeconds)).toEqual([3, 30, 3]);
    expect(p.stages.map((s) => s.target)).toEqual([50, 50, 0]);
    expect(p.gracefulStopSeconds).toBe(1);
  });

  it('scales targets in rate; VUs stay whole and at least 1, zero stays zero', () => {
    expect(scaleProfile(builtin('stress'), { rate: 0.33 }).stages.map((s) => s.target)).toEqual([33, 33, 0]);
    const tiny = scaleProfile(builtin('spike'), { rate: 0.001 });
    expect(tiny.startTarget).toBe(1);
    for (const s of tiny.stages) {
      expect(Number.isInteger(s.target)).toBe(true);
      expect(s.target).toBeGreaterThanOrEqual(1);
    }
    expect(scaleProfile(builtin('baseline'), { rate: 0.001 }).stages.map((s) => s.target)).toEqual([1, 1, 0]);
  });

  it('keeps open-model rates fractional (at least 0.1) and scales maxVUs', () => {
    const p = scaleProfile(profile({ model: 'open', stages: [{ durationSeconds: 10, target: 25 }], maxVUs: 40 }), { rate: 0.01 });
    expect(p.stages[0].target).toBeCloseTo(0.25, 10);
    expect(p.maxVUs).toBe(1);
    expect(scaleProfile(profile({ model: 'open' }), { rate: 0.001 }).stages[0].target).toBe(0.1);
  });

  it('scales the pattern with time, and never makes a stage shorter than 1 s', () => {
    const p = scaleProfile(profile({ pattern: { kind: 'bursty', everySeconds: 60, burstSeconds: 10, multiplier: 2 }, stages: [{ durationSeconds: 5, target: 5 }, { durationSeconds: 600, target: 5 }] }), { time: 0.1 });
    expect(p.pattern).toEqual({ kind: 'bursty', everySeconds: 6, burstSeconds: 1, multiplier: 2 });
    expect(p.stages.map((s) => s.durationSeconds)).toEqual([1, 60]);
  });

  it('rejects non-positive factors', () => {
    expect(() => scaleProfile(builtin('baseline'), { time: 0 })).toThrow('profile scale: time and rate must be positive numbers (got time=0, rate=1)');
    expect(() => scaleProfile(builtin('baseline'), { rate: -1 })).toThrow(/rate=-1/);
  });
});

describe('expandStages', () => {
  it('returns a steady profile as written', () => {
    const p = builtin('spike');
    const e = expandStages(p);
    expect(e).toEqual({ startTarget: p.startTarget, stages: p.stages });
    expect(e.stages).not.toBe(p.stages);
  });

  it('periodic: targets follow base·(1 + a·sin(2πt/T)), with the extremes at quarter periods', () => {
    const p = profile({ startTarget: 100, stages: [{ durationSeconds: 60, target: 100 }], pattern: { kind: 'periodic', periodSeconds: 20, amplitude: 0.5 } });
    const e = expandStages(p);
    expect(e.startTarget).toBe(100);
    expect(profileDurationSeconds(e)).toBeCloseTo(60, 6);
    const ends = endTimes(e);
    e.stages.forEach((s, i) => expect(s.target).toBe(Math.round(100 * (1 + 0.5 * Math.sin((2 * Math.PI * ends[i]) / 20)))));
    for (const [t, v] of [[5, 150], [10, 100], [15, 50], [20, 100], [25, 150], [55, 50]]) {
      expect(ends).toContain(t);
      expect(targetAt(e, t)).toBe(v);
    }
  });

  it('periodic on a ramp multiplies the ramp', () => {
    const e = expandStages(profile({ model: 'open', stages: [{ durationSeconds: 40, target: 40 }], pattern: { kind: 'periodic', periodSeconds: 40, amplitude: 0.25 } }));
    expect(targetAt(e, 10)).toBeCloseTo(10 * 1.25, 3);
    expect(targetAt(e, 30)).toBeCloseTo(30 * 0.75, 3);
  });

  it('bursty: the multiplier holds during each burst and the load returns to base after', () => {
    const p = profile({ startTarget: 100, stages: [{ durationSeconds: 60, target: 100 }], pattern: { kind: 'bursty', everySeconds: 20, burstSeconds: 5, multiplier: 3 } });
    const e = expandStages(p);
    for (const t of [10, 19.9, 27, 39, 47, 59]) expect(targetAt(e, t)).toBeCloseTo(100, 6);
    for (const t of [21, 23, 25, 41, 43, 45]) expect(targetAt(e, t)).toBeCloseTo(300, 6);
    expect(Math.max(...e.stages.map((s) => s.target))).toBe(300);
    expect(e.stages[e.stages.length - 1].target).toBe(100);
  });

  it('chaos: every target lies within [min, max] × base; the same seed repeats, another differs', () => {
    const chaos = (seed: number) =>
      profile({ startTarget: 100, stages: [{ durationSeconds: 120, target: 100 }], pattern: { kind: 'chaos', stepSeconds: 10, minFactor: 0.5, maxFactor: 1.5, seed } });
    const a = expandStages(chaos(7));
    for (const s of [{ target: a.startTarget }, ...a.stages]) {
      expect(s.target).toBeGreaterThanOrEqual(50);
      expect(s.target).toBeLessThanOrEqual(150);
    }
    // One factor per 10 s window: constant inside a window.
    for (let k = 0; k < 12; k++) expect(targetAt(a, k * 10 + 3)).toBe(targetAt(a, k * 10 + 9));
    const windowLevels = new Set(Array.from({ length: 12 }, (_, k) => targetAt(a, k * 10 + 5)));
    expect(windowLevels.size).toBeGreaterThan(3);
    expect(expandStages(chaos(7))).toEqual(a);
    expect(expandStages(chaos(8))).not.toEqual(a);
  });

  it('rounds closed-model targets to whole VUs', () => {
    const e = expandStages(profile({ startTarget: 7, stages: [{ durationSeconds: 30, target: 7 }], pattern: { kind: 'periodic', periodSeconds: 9, amplitude: 0.33 } }));
    for (const s of e.stages) expect(Number.isInteger(s.target)).toBe(true);
  });

  it(`refuses a pattern that needs more than ${MAX_EXPANDED_STAGES} ramps`, () => {
    const p = profile({ stages: [{ durationSeconds: 1000, target: 10 }], pattern: { kind: 'periodic', periodSeconds: 1, amplitude: 0.5 } });
    expect(() => expandStages(p)).toThrow(
      `load.pattern: a periodic pattern over 1000 s needs 16000 ramps; at most ${MAX_EXPANDED_STAGES} are allowed — use a longer period/step or a shorter profile`,
    );
  });
});

describe('compileLocalPlan', () => {
  const resolved = (p: LoadProfile) => resolveProfile(p, MIX);
  const sum = (xs: { durationSeconds: number }[]) => xs.reduce((s, x) => s + x.durationSeconds, 0);

  it.each([
    ['baseline ×0.1', scaleProfile(builtin('baseline'), { time: 0.1 })],
    ['spike ×0.05', scaleProfile(builtin('spike'), { time: 0.05 })],
    ['odd ramps', profile({ stages: [{ durationSeconds: 11, target: 10 }, { durationSeconds: 7, target: 3 }, { durationSeconds: 13.3, target: 0 }] })],
    ['periodic', profile({ stages: [{ durationSeconds: 45, target: 20 }], pattern: { kind: 'periodic', periodSeconds: 15, amplitude: 0.5 } })],
    ['chaos open', profile({ model: 'open', stages: [{ durationSeconds: 37, target: 50 }], pattern: { kind: 'chaos', stepSeconds: 4, minFactor: 0.2, maxFactor: 2, seed: 3 } })],
  ])('segments of %s cover the whole profile exactly', (_name, p) => {
    const plan = compileLocalPlan(resolved(p));
    expect(plan.totalSeconds).toBe(Math.round(profileDurationSeconds(p) * 1000) / 1000);
    expect(sum(plan.segments)).toBeCloseTo(profileDurationSeconds(p), 6);
    for (const s of plan.segments) expect(s.durationSeconds).toBeGreaterThan(0);
  });

  it('cuts a ramp into steps of at most maxStepSeconds at the midpoint values', () => {
    const plan = compileLocalPlan(resolved(profile({ stages: [{ durationSeconds: 20, target: 40 }, { durationSeconds: 10, target: 40 }] })), { maxStepSeconds: 5 });
    expect(plan.model).toBe('closed');
    expect(plan.segments).toEqual([
      { durationSeconds: 5, connections: 5 },
      { durationSeconds: 5, connections: 15 },
      { durationSeconds: 5, connections: 25 },
      { durationSeconds: 5, connections: 35 },
      { durationSeconds: 10, connections: 40 },
    ]);
  });

  it('open model: overallRate follows the rate, connections never exceed maxVUs', () => {
    const p = profile({ model: 'open', maxVUs: 8, stages: [{ durationSeconds: 10, target: 100 }, { durationSeconds: 10, target: 100 }] });
    const plan = compileLocalPlan(resolved(p), { maxStepSeconds: 5 });
    expect(plan.segments).toEqual([
      { durationSeconds: 5, connections: 8, overallRate: 25 },
      { durationSeconds: 5, connections: 8, overallRate: 75 },
      { durationSeconds: 10, connections: 8, overallRate: 100 },
    ]);
    const low = compileLocalPlan(resolved(profile({ model: 'open', stages: [{ durationSeconds: 10, target: 3 }], startTarget: 3 })));
    expect(low.segments).toEqual([{ durationSeconds: 10, connections: 3, overallRate: 3 }]);
  });

  it('closed model with think time paces each connection', () => {
    const plan = compileLocalPlan(resolved(profile({ startTarget: 10, thinkTime: { minMs: 100, maxMs: 300 } })));
    expect(plan.segments).toEqual([{ durationSeconds: 60, connections: 10, connectionRate: 5 }]);
  });

  it('an idle stretch becomes a segment without connections', () => {
    const plan = compileLocalPlan(resolved(profile({ model: 'open', stages: [{ durationSeconds: 5, target: 0 }, { durationSeconds: 5, target: 10 }] })));
    expect(plan.segments[0]).toEqual({ durationSeconds: 5, connections: 0 });
  });
});

describe('request cycle of the local generator', () => {
  it('integerWeights keeps the proportions (to 1%) with the smallest whole numbers', () => {
    expect(integerWeights([1, 4, 3, 2])).toEqual([1, 4, 3, 2]);
    expect(integerWeights([0.5, 1.5])).toEqual([1, 3]);
    expect(integerWeights([2, 2, 2])).toEqual([1, 1, 1]);
    expect(integerWeights([1, 3.333])).toEqual([100, 333]);
  });

  it(`integerWeights caps the cycle at ${MAX_CYCLE_LENGTH} requests`, () => {
    const w = integerWeights([1, 1000]);
    expect(w[0]).toBeGreaterThanOrEqual(1);
    expect(w[0] + w[1]).toBeLessThanOrEqual(MAX_CYCLE_LENGTH);
    expect(w[1] / w[0]).toBeGreaterThan(900);
  });

  const mix = (weights: number[]): Endpoint[] => weights.map((weight, i) => ({ name: `e${i}`, method: 'GET', path: `/${i}`, weight, expectStatus: 200 }));
  const counts = (cycle: number[], n: number) => Array.from({ length: n }, (_, i) => cycle.filter((x) => x === i).length);

  it('requestCycle holds each endpoint in its weight’s proportion', () => {
    const cycle = requestCycle(mix([1, 4, 3, 2]));
    expect(cycle).toHaveLength(10);
    expect(counts(cycle, 4)).toEqual([1, 4, 3, 2]);
    expect(counts(requestCycle(mix([0.25, 0.75])), 2)).toEqual([1, 3]);
  });

  it('requestCycle interleaves endpoints instead of batching them', () => {
    const cycle = requestCycle(mix([1, 4, 3, 2]));
    for (let i = 1; i < cycle.length; i++) expect(cycle[i]).not.toBe(cycle[i - 1]);
    // The heaviest endpoint is spread evenly: its gaps differ by at most one request.
    const at = cycle.flatMap((x, i) => (x === 1 ? [i] : []));
    const gaps = at.slice(1).map((v, i) => v - at[i]);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
    // A 3:1 mix puts the light endpoint between heavy ones, not after all of them.
    expect(requestCycle(mix([3, 1]))).toEqual([0, 0, 1, 0]);
  });
});
