/**
 * How much memory a k6 pod needs for a profile. k6 v1.3.0 keeps every sample of a Trend metric
 * in memory until the end of the run (metrics/sink.go: `TrendSink.values []float64`, appended
 * per sample), and each HTTP request adds one value to about ten trends: the seven
 * `http_req_*` timings (lib/netext/httpext/tracer.go), the `expected_response:true` submetric of
 * `http_req_duration` (internal/metrics/engine/engine.go), the script's per-endpoint submetric
 * and `iteration_duration` (one request per iteration). Memory therefore grows with the number
 * of requests a pod sends; a pod whose limit is too small is OOM-killed and leaves no summary.
 * Every VU is also a JavaScript runtime of its own, initialised before the run starts (an
 * open model pre-allocates all of its VUs), so memory grows with the VUs a pod holds too.
 */
import { LoadProfile, openModelMaxVUs, patternPeakFactor, peakTarget, profileDurationSeconds } from './profile';

/** Trend values k6 keeps per HTTP request (see the file comment). */
export const K6_TREND_VALUES_PER_REQUEST = 10;

/**
 * Bytes one request costs a k6 pod: 8-byte float64 values, times 2 because a Go slice grown by
 * `append` holds up to twice its length in capacity.
 */
export const K6_BYTES_PER_REQUEST = K6_TREND_VALUES_PER_REQUEST * 8 * 2;

/** Memory of k6 itself (Go runtime, outputs, the script's init context) before any VU or sample. */
export const K6_BASE_MEMORY_BYTES = 256 * 1024 ** 2;

/**
 * Memory one initialised VU holds: its own JavaScript runtime with the script and modules
 * loaded. k6's maintainers put it at 2.7–3 MB for small scripts (grafana/k6 issue 1543); 3 MiB
 * is taken, and a script that imports large modules or data needs more (set the limit yourself).
 */
export const K6_BYTES_PER_VU = 3 * 1024 ** 2;

/**
 * Requests per second one core of k6 can send at most: the ceiling used for closed-model
 * profiles (whose request count depends on the server's latency) and as a cap on open ones. An
 * assumption, not a measurement made here (no k6 binary can be had on the development machine):
 * set `resources.limits.memory` yourself where it is known to be wrong.
 */
export const K6_ASSUMED_MAX_RPS_PER_CORE = 5000;

/** Shortest iteration assumed for a closed-model VU without think time, in milliseconds. */
export const K6_ASSUMED_MIN_ITERATION_MS = 1;

/** ∫ target dt over the stages (each a linear ramp from the previous target): VU-seconds or requests. */
function targetSeconds(profile: Pick<LoadProfile, 'stages' | 'startTarget'>): number {
  let previous = profile.startTarget;
  let sum = 0;
  for (const s of profile.stages) {
    sum += ((previous + s.target) / 2) * s.durationSeconds;
    previous = s.target;
  }
  return sum;
}

/**
 * Upper bound of the requests a run sends over all its pods: an open model's arrivals at the
 * pattern's peak factor, a closed model's VU-seconds at one iteration per (mean think time +
 * K6_ASSUMED_MIN_ITERATION_MS); both capped by what the pods' CPU can send
 * (K6_ASSUMED_MAX_RPS_PER_CORE).
 */
export function expectedRequests(profile: LoadProfile, pods: { readonly parallelism: number; readonly cpuCores: number }): number {
  const cpuCap = pods.parallelism * pods.cpuCores * K6_ASSUMED_MAX_RPS_PER_CORE * profileDurationSeconds(profile);
  const thinkMs = profile.thinkTime ? (profile.thinkTime.minMs + profile.thinkTime.maxMs) / 2 : 0;
  const asked =
    profile.model === 'open' ? targetSeconds(profile) * patternPeakFactor(profile.pattern) : (targetSeconds(profile) * patternPeakFactor(profile.pattern) * 1000) / (thinkMs + K6_ASSUMED_MIN_ITERATION_MS);
  return Math.ceil(Math.min(asked, cpuCap));
}

/**
 * VUs one pod holds at most: its share of an open model's pre-allocated VUs (openModelMaxVUs),
 * or of a closed model's peak target at the pattern's peak factor.
 */
export function vusPerPod(profile: LoadProfile, parallelism: number): number {
  const vus = profile.model === 'open' ? openModelMaxVUs(profile) : Math.ceil(peakTarget(profile) * patternPeakFactor(profile.pattern));
  return Math.ceil(vus / parallelism);
}

/**
 * Memory one k6 pod needs for the profile, in bytes: K6_BASE_MEMORY_BYTES + its VUs ×
 * K6_BYTES_PER_VU + its share of the requests × K6_BYTES_PER_REQUEST.
 */
export function k6MemoryNeedBytes(profile: LoadProfile, pods: { readonly parallelism: number; readonly cpuCores: number }): number {
  return K6_BASE_MEMORY_BYTES + vusPerPod(profile, pods.parallelism) * K6_BYTES_PER_VU + Math.ceil(expectedRequests(profile, pods) / pods.parallelism) * K6_BYTES_PER_REQUEST;
}

/** Bytes as a Kubernetes quantity in whole MiB, rounded up to 64 MiB (e.g. `1536Mi`). */
export function mebibyteQuantity(bytes: number): string {
  const step = 64;
  return `${Math.ceil(bytes / 1024 ** 2 / step) * step}Mi`;
}
