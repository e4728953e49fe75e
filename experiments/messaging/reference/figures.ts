/**
 * What one run of a scenario gives for the comparison with a reference tool, whoever measured it:
 * rates in messages/s and latency medians in ms.
 */

/** One run's figures. */
export interface ReferenceFigures {
  /** Acknowledged (confirmed) publishes per second. */
  readonly publishRate: number;
  /** Messages per second the consumer received; undefined when the tool ran no consumer. */
  readonly deliverRate?: number;
  /** Median publish latency, send → broker ack, ms. */
  readonly publishP50Ms?: number;
  /** Median end-to-end latency, send → delivery, ms. */
  readonly endToEndP50Ms?: number;
  /** CPU cores the client (load generator) used on average over the run. */
  readonly clientCores?: number;
}

/** The median of numbers (undefined for none). */
export function median(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The mean of numbers (undefined for none). */
export function mean(xs: readonly number[]): number | undefined {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined;
}
