/** Terminal sparklines: one block character per value, scaled between the series' min and max. */

/** The eight block heights, lowest first. */
export const SPARK_BLOCKS = '▁▂▃▄▅▆▇█';

/** One character per value; a flat series is drawn at mid height. */
export function sparkline(values: readonly number[]): string {
  if (!values.length) return '';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (!(hi > lo)) return SPARK_BLOCKS[3].repeat(values.length);
  return values.map((v) => SPARK_BLOCKS[Math.min(7, Math.floor(((v - lo) / (hi - lo)) * 8))]).join('');
}

/** A line under a sparkline with `marker` at each of `positions` (0-based), spaces elsewhere. */
export function markerLine(length: number, positions: readonly number[], marker = '^'): string {
  const chars = Array.from({ length }, () => ' ');
  for (const p of positions) if (p >= 0 && p < length) chars[p] = marker;
  return chars.join('').trimEnd();
}
