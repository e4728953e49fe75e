/**
 * The built-in load profiles. Shapes follow the usual performance-test catalogue: a baseline at
 * expected load, stress at 2× with ramp-up / sustain / ramp-down, a sudden 10× spike and its
 * recovery, a long soak, chaos (a fixed arrival rate with a request timeout while the
 * experiment injects faults), and a seconds-long smoke for tests. Scale any of them in time and rate with `scaleProfile`.
 */
import { LoadProfile, LoadProfileSchema, LoadProfileInput } from './profile';

/** VUs of the baseline profile; stress and spike are multiples of it. */
export const BASELINE_VUS = 50;

/** Arrival rate of the chaos profile, requests/s: kept whatever the faults do. */
export const CHAOS_RATE = 50;
/** Request timeout of the chaos profile, s: a request hanging on a fault fails after this long (sizes the VUs: rate × timeout). */
export const CHAOS_REQUEST_TIMEOUT_SECONDS = 3;

const standardThresholds = { p95Ms: 500, p99Ms: 1000, maxErrorRate: 0.01 };

const definitions: Record<string, LoadProfileInput> = {
  smoke: {
    name: 'smoke',
    description: 'A few seconds at 8 VUs: proves the pipeline works, not a measurement.',
    startTarget: 8,
    stages: [{ durationSeconds: 4, target: 8 }],
    thresholds: { maxErrorRate: 0.01 },
    gracefulStopSeconds: 2,
  },
  baseline: {
    name: 'baseline',
    description: `Expected load: ramp to ${BASELINE_VUS} VUs in 30 s, hold 5 min, ramp down.`,
    stages: [
      { durationSeconds: 30, target: BASELINE_VUS },
      { durationSeconds: 300, target: BASELINE_VUS },
      { durationSeconds: 30, target: 0 },
    ],
    thresholds: standardThresholds,
  },
  stress: {
    name: 'stress',
    description: `2× baseline: ramp to ${2 * BASELINE_VUS} VUs in 60 s, sustain 5 min, ramp down 60 s.`,
    stages: [
      { durationSeconds: 60, target: 2 * BASELINE_VUS },
      { durationSeconds: 300, target: 2 * BASELINE_VUS },
      { durationSeconds: 60, target: 0 },
    ],
    thresholds: { p95Ms: 1000, p99Ms: 2000, maxErrorRate: 0.05 },
  },
  spike: {
    name: 'spike',
    description: `Sudden 10× spike: ${BASELINE_VUS} VUs, jump to ${10 * BASELINE_VUS} in 10 s, hold 1 min, drop back and recover for 2 min.`,
    startTarget: BASELINE_VUS,
    stages: [
      { durationSeconds: 30, target: BASELINE_VUS },
      { durationSeconds: 10, target: 10 * BASELINE_VUS },
      { durationSeconds: 60, target: 10 * BASELINE_VUS },
      { durationSeconds: 10, target: BASELINE_VUS },
      { durationSeconds: 120, target: BASELINE_VUS },
    ],
    thresholds: { p95Ms: 2000, maxErrorRate: 0.1 },
  },
  soak: {
    name: 'soak',
    description: `Long constant load: ${BASELINE_VUS} VUs for 2 h (finds leaks and drift).`,
    stages: [
      { durationSeconds: 60, target: BASELINE_VUS },
      { durationSeconds: 7200, target: BASELINE_VUS },
      { durationSeconds: 60, target: 0 },
    ],
    thresholds: standardThresholds,
  },
  chaos: {
    name: 'chaos',
    description: `${CHAOS_RATE} requests/s (open model) held for 5 min while the experiment injects faults; requests time out after ${CHAOS_REQUEST_TIMEOUT_SECONDS} s.`,
    // Open model: during a fault, closed-model VUs would wait and the request rate collapse,
    // understating the outage; arrivals keep coming here, and each one that hangs fails at the
    // timeout instead of k6's 60 s default (grafana/k6 v1.3.0 js/modules/k6/http/request.go).
    model: 'open',
    startTarget: CHAOS_RATE,
    stages: [{ durationSeconds: 300, target: CHAOS_RATE }],
    requestTimeoutSeconds: CHAOS_REQUEST_TIMEOUT_SECONDS,
    injectFaults: true,
    thresholds: { maxErrorRate: 0.05 },
  },
};

/** Names of the built-in profiles. */
export const BUILTIN_PROFILE_NAMES = Object.keys(definitions) as readonly string[];

/** A built-in profile by name, validated; undefined when there is none of that name. */
export function builtinProfile(name: string): LoadProfile | undefined {
  const def = definitions[name];
  return def ? LoadProfileSchema.parse(def) : undefined;
}
