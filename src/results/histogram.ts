/**
 * HDR latency histograms: recorded in microseconds, kept in the RunResult in HdrHistogram's
 * compressed base64 form, so runs (and distributed load runners) can be merged later without
 * losing percentile accuracy.
 */
import * as hdr from 'hdr-histogram-js';

/** Encoding tag stored beside every histogram. */
export const HISTOGRAM_ENCODING = 'hdr-compressed-base64';
/** Histograms count microseconds; percentiles are reported in milliseconds. */
export const HISTOGRAM_UNIT = 'us';

/** A latency histogram in microseconds. */
export type LatencyHistogram = hdr.Histogram;

/** A new latency histogram: 1 µs to 60 s (auto-resizing beyond), 3 significant digits. */
export function newLatencyHistogram(): LatencyHistogram {
  return hdr.build({
    bitBucketSize: 64,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

/** Compressed base64 form of a histogram. */
export function encodeHistogram(h: LatencyHistogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

/** A histogram from its compressed base64 form; throws on data that is not one. */
export function decodeHistogram(data: string): LatencyHistogram {
  try {
    return hdr.decodeFromCompressedBase64(data, 64, false);
  } catch (err) {
    throw new Error(`not an HDR histogram in compressed base64 form: ${(err as Error).message}`);
  }
}

/** The latency figures every RunResult reports, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly stddev: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

const ms = (us: number): number => Math.round(us) / 1000;

/**
 * Percentiles, mean and spread of a microsecond histogram, in milliseconds. A percentile is the
 * highest value of its bucket, which can lie above the largest value recorded: it is capped there,
 * so no percentile exceeds the maximum.
 */
export function summarizeHistogram(h: LatencyHistogram): LatencySummary {
  if (h.totalCount === 0) return { count: 0, min: 0, mean: 0, stddev: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 };
  const at = (p: number): number => ms(Math.min(h.getValueAtPercentile(p), h.maxValue));
  return {
    count: h.totalCount,
    min: ms(h.minNonZeroValue === Number.MAX_SAFE_INTEGER ? 0 : h.minNonZeroValue),
    mean: ms(h.mean),
    stddev: ms(h.stdDeviation),
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    p999: at(99.9),
    max: ms(h.maxValue),
  };
}

/** One histogram holding every value of the given ones. */
export function mergeHistograms(parts: readonly LatencyHistogram[]): LatencyHistogram {
  const out = newLatencyHistogram();
  for (const p of parts) out.add(p);
  return out;
}
