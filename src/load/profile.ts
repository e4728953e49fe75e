/**
 * The one LoadProfile type every experiment and target uses: stages of VUs (closed model) or
 * arrival rate (open model), an arrival pattern, a weighted request mix, think time and
 * thresholds. The schema doubles as the validator for `perflab:load` objects.
 */
import { z } from 'zod';

/** HTTP methods a request mix may use. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** One ramp step: move linearly from the previous target to `target` over `durationSeconds`. */
export const StageSchema = z
  .object({
    durationSeconds: z.number().positive(),
    target: z.number().min(0),
  })
  .strict();
/** One ramp step of a profile. */
export type Stage = z.infer<typeof StageSchema>;

/** One endpoint of the request mix; requests are drawn in proportion to `weight`. */
export const EndpointSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _'),
    method: z.enum(HTTP_METHODS).default('GET'),
    path: z.string().startsWith('/'),
    /** JSON body sent with the request (POST/PUT/PATCH). */
    body: z.unknown().optional(),
    weight: z.number().positive().default(1),
    /** Status a healthy server answers; anything else counts as an error. @default 200 */
    expectStatus: z.number().int().min(100).max(599).default(200),
  })
  .strict();
/** One endpoint of a request mix. */
export type Endpoint = z.infer<typeof EndpointSchema>;

/**
 * Arrival pattern layered over the stages. `steady` follows the stages as written; `periodic`
 * multiplies them by 1 + amplitude·sin(2πt/period); `bursty` multiplies them by `multiplier`
 * for `burstSeconds` every `everySeconds`; `chaos` multiplies each `stepSeconds` window by a
 * factor drawn (seeded, reproducible) from [minFactor, maxFactor].
 */
export const PatternSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('steady') }).strict(),
  z
    .object({
      kind: z.literal('periodic'),
      periodSeconds: z.number().positive(),
      amplitude: z.number().min(0).max(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('bursty'),
      everySeconds: z.number().positive(),
      burstSeconds: z.number().positive(),
      multiplier: z.number().min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('chaos'),
      stepSeconds: z.number().positive(),
      minFactor: z.number().min(0),
      maxFactor: z.number().positive(),
      seed: z.number().int().default(1),
    })
    .strict(),
]);
/** Arrival pattern of a profile. */
export type Pattern = z.infer<typeof PatternSchema>;

/** Pass/fail criteria of a run; every one set must hold for the run to pass. */
export const ThresholdsSchema = z
  .object({
    p95Ms: z.number().positive().optional(),
    p99Ms: z.number().positive().optional(),
    /** Highest acceptable share of failed requests, 0..1. */
    maxErrorRate: z.number().min(0).max(1).optional(),
    /** Lowest acceptable mean throughput over the run, requests per second. */
    minRps: z.number().min(0).optional(),
    /**
     * Open model: most iterations the load tool may drop for want of a free VU (k6's
     * `dropped_iterations`); a dropped iteration is a request the arrival rate asked for and
     * never sent. @default 0 in the open model, not checked in the closed model
     */
    maxDroppedIterations: z.number().int().min(0).optional(),
  })
  .strict();
/** Pass/fail criteria of a run. */
export type Thresholds = z.infer<typeof ThresholdsSchema>;

/** The full load profile, as written in a stack file's `perflab:load` or built in. */
export const LoadProfileSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and -'),
    description: z.string().default(''),
    /** `closed`: stages target virtual users (k6 ramping-vus); `open`: requests per second (ramping-arrival-rate). */
    model: z.enum(['closed', 'open']).default('closed'),
    /** VUs or rate at t=0, before the first stage. @default 0 */
    startTarget: z.number().min(0).default(0),
    stages: z.array(StageSchema).min(1),
    pattern: PatternSchema.default({ kind: 'steady' }),
    /**
     * Open model: VUs k6 pre-allocates and may use to sustain the rate (and local connections).
     * @default 1.1 × peak rate × pattern peak factor × worst expected latency (request timeout, else the p99/p95 threshold, else 1 s), at least 10
     */
    maxVUs: z.number().int().positive().optional(),
    /**
     * Closed model only: pause between a VU's requests, drawn uniformly from [minMs, maxMs]. The
     * open model rejects it: there the arrival rate sets the pace, and a sleep would only hold a
     * VU (k6 drops arrivals when none is free) while the local generator ignores it. @default none
     */
    thinkTime: z
      .object({ minMs: z.number().min(0), maxMs: z.number().min(0) })
      .strict()
      .refine((t) => t.maxMs >= t.minMs, 'maxMs must be ≥ minMs')
      .optional(),
    /** Endpoints and weights; when absent the experiment's default mix is used. */
    requestMix: z.array(EndpointSchema).min(1).optional(),
    thresholds: ThresholdsSchema.default({}),
    /** Seconds a stopping VU may finish its iteration. @default 10 */
    gracefulStopSeconds: z.number().min(0).default(10),
    /**
     * Seconds a request may take before the load tool gives up on it and counts it failed (k6's
     * `timeout` request param, whose own default is 60 s). @default the load tool's default
     */
    requestTimeoutSeconds: z.number().positive().max(600).optional(),
    /** Faults are injected by the experiment while this profile runs (the chaos profile). @default false */
    injectFaults: z.boolean().default(false),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.pattern.kind === 'chaos' && p.pattern.maxFactor < p.pattern.minFactor) {
      ctx.addIssue({ code: 'custom', path: ['pattern', 'maxFactor'], message: 'must be ≥ minFactor' });
    }
    if (p.pattern.kind === 'bursty' && p.pattern.burstSeconds >= p.pattern.everySeconds) {
      ctx.addIssue({ code: 'custom', path: ['pattern', 'burstSeconds'], message: 'must be < everySeconds' });
    }
    if (p.model === 'closed') {
      // k6 reads VU counts as integers; a fractional VU target would stop the k6 run at start.
      if (!Number.isInteger(p.startTarget)) ctx.addIssue({ code: 'custom', path: ['startTarget'], message: 'must be a whole number of VUs (closed model)' });
      p.stages.forEach((s, i) => {
        if (!Number.isInteger(s.target)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'target'], message: 'must be a whole number of VUs (closed model)' });
      });
    }
    if (p.model === 'open' && p.thinkTime !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['thinkTime'],
        message:
          'is not allowed with model "open": the arrival rate sets the pace, and a sleep would only hold a k6 VU (arrivals without a free VU are dropped); remove thinkTime, or use model "closed" for users who pause',
      });
    }
    if (!p.stages.some((s) => s.target > 0) && p.startTarget === 0) {
      ctx.addIssue({ code: 'custom', path: ['stages'], message: 'at least one stage must have a target > 0' });
    }
  });

/** A validated load profile (defaults applied). */
export type LoadProfile = z.output<typeof LoadProfileSchema>;
/** A load profile as a user may write it (defaults optional). */
export type LoadProfileInput = z.input<typeof LoadProfileSchema>;

/** A profile whose request mix has been filled in (from the profile or the experiment). */
export type ResolvedLoadProfile = LoadProfile & { readonly requestMix: Endpoint[] };

/** Total wall-clock length of the stages, in seconds. */
export function profileDurationSeconds(profile: Pick<LoadProfile, 'stages'>): number {
  return profile.stages.reduce((sum, s) => sum + s.durationSeconds, 0);
}

/** Highest target any stage reaches (VUs or rate), before the pattern. */
export function peakTarget(profile: Pick<LoadProfile, 'stages' | 'startTarget'>): number {
  return Math.max(profile.startTarget, ...profile.stages.map((s) => s.target));
}

/** Highest factor a pattern multiplies the stages by: 1 + amplitude, the burst multiplier, the chaos maxFactor. */
export function patternPeakFactor(pattern: Pattern): number {
  switch (pattern.kind) {
    case 'periodic':
      return 1 + pattern.amplitude;
    case 'bursty':
      return pattern.multiplier;
    case 'chaos':
      return pattern.maxFactor;
    default:
      return 1;
  }
}

/** Latency an open-model run is sized for when it sets no request timeout and no p99/p95 threshold, ms. */
export const DEFAULT_WORST_LATENCY_MS = 1000;

/**
 * The longest a request is expected to take, ms: the request timeout when the profile sets one
 * (no request outlasts it), else its p99 or p95 threshold (the latency the run is meant to
 * tolerate), else DEFAULT_WORST_LATENCY_MS. Think time adds nothing: the open model has none.
 */
export function worstExpectedLatencyMs(profile: Pick<LoadProfile, 'thresholds' | 'requestTimeoutSeconds'>): number {
  if (profile.requestTimeoutSeconds !== undefined) return profile.requestTimeoutSeconds * 1000;
  return profile.thresholds.p99Ms ?? profile.thresholds.p95Ms ?? DEFAULT_WORST_LATENCY_MS;
}

/** Spare VUs over Little's law, as a factor: an iteration lasts a little longer than its request. */
export const OPEN_MODEL_VU_HEADROOM = 1.1;

/**
 * VUs an open-model profile may hold (its maxVUs, or the default): by Little's law, the peak
 * arrival rate (stages × the pattern's peak factor) times the worst expected latency, plus
 * OPEN_MODEL_VU_HEADROOM, at least 10 — so the rate is still delivered while the system under test slows down to that latency.
 */
export function openModelMaxVUs(profile: Pick<LoadProfile, 'maxVUs' | 'stages' | 'startTarget' | 'pattern' | 'thresholds' | 'requestTimeoutSeconds'>): number {
  if (profile.maxVUs !== undefined) return profile.maxVUs;
  const peakRate = peakTarget(profile) * patternPeakFactor(profile.pattern);
  return Math.max(10, Math.ceil((OPEN_MODEL_VU_HEADROOM * peakRate * worstExpectedLatencyMs(profile)) / 1000 - 1e-9));
}

/** The dropped-iterations limit a profile is judged by: its own, 0 in the open model, none in the closed model. */
export function droppedIterationsLimit(profile: Pick<LoadProfile, 'model' | 'thresholds'>): number | undefined {
  return profile.thresholds.maxDroppedIterations ?? (profile.model === 'open' ? 0 : undefined);
}
