/**
 * A compact text form of a latency histogram, `<value µs> <count>` per line, used where a raw
 * per-transaction log is too big to move: the cluster Job folds pgbench's transaction log into
 * it with awk (values rounded to 3 significant digits, the precision of the HDR histograms) and
 * prints it to its pod log; the reader loads it back into an HDR histogram.
 */
import { LatencyHistogram, newLatencyHistogram } from '../../../src/results/histogram';

/**
 * awk program folding pgbench per-transaction log lines (`client tx latency_us script epoch us
 * ...`) into `<value µs> <count>` lines; transactions whose latency field is a word (`failed`,
 * `serialization`, `deadlock`, `skipped`) are counted as `<word> <n>`.
 */
export const PGBENCH_LOG_TO_HISTOGRAM_AWK = [
  'NF < 6 { next }',
  '$3 !~ /^[0-9]+$/ { bad[$3]++; next }',
  '{ v = $3 + 0; if (v < 1) v = 1; m = 1; while (v >= 1000 * m) m *= 10; b = int(v / m) * m; h[b]++ }',
  'END { for (b in h) print b, h[b]; for (k in bad) print k, bad[k] }',
].join(' ');

/** A histogram and the counts of transactions without a latency, by kind. */
export interface HistogramLines {
  readonly histogram: LatencyHistogram;
  /** `failed`, `serialization`, `deadlock`, `skipped` → count. */
  readonly unmeasured: Readonly<Record<string, number>>;
}

/** Parses `<value µs> <count>` / `<kind> <count>` lines (blank lines ignored); throws naming the first bad line. */
export function parseHistogramLines(text: string): HistogramLines {
  const histogram = newLatencyHistogram();
  const unmeasured: Record<string, number> = {};
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (!t) return;
    const m = /^(\d+(?:\.\d+)?|[a-z_]+)\s+(\d+)$/.exec(t);
    if (!m) throw new Error(`histogram line ${i + 1}: ${JSON.stringify(t.slice(0, 80))} is not "<value µs> <count>"`);
    const count = Number(m[2]);
    if (/^[a-z_]+$/.test(m[1])) unmeasured[m[1]] = (unmeasured[m[1]] ?? 0) + count;
    else histogram.recordValueWithCount(Math.max(1, Math.round(Number(m[1]))), count);
  });
  return { histogram, unmeasured };
}
