/**
 * pgbench output → ToolReport. pgbench's summary gives transactions, failures, tps and the
 * latency average and stddev, never percentiles; `--progress` adds one line per interval and
 * `-r` the average latency of each statement. Percentiles come from the per-transaction log
 * (`--log`: `client_id transaction_no latency_us script_no epoch epoch_us [lag] [retries]`,
 * latency `failed`/`skipped` for such transactions), loaded into an HDR histogram, or from its
 * folded `<value µs> <count>` form (histogram-lines.ts) when the run happened in a cluster.
 */
import { LatencyHistogram, newLatencyHistogram } from '../../../src/results/histogram';
import { HistogramLines } from './histogram-lines';
import { IntervalFigure, StatementFigure, ToolOutputError, ToolReport, numberAfter } from './tool-report';

/**
 * A histogram from pgbench per-transaction log text (any number of files concatenated), and
 * the transactions logged without a latency by kind (`failed`, or with --failures-detailed
 * `serialization` / `deadlock`; `skipped` under --latency-limit).
 */
export function histogramFromPgbenchLog(text: string, into: LatencyHistogram = newLatencyHistogram()): HistogramLines {
  const unmeasured: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f.length < 6) continue;
    const us = Number(f[2]);
    if (Number.isFinite(us)) into.recordValue(Math.max(1, us));
    else unmeasured[f[2]] = (unmeasured[f[2]] ?? 0) + 1;
  }
  return { histogram: into, unmeasured };
}

function progressLines(out: string): IntervalFigure[] {
  const re = /^progress: ([\d.]+) s, ([\d.]+) tps, lat ([\d.]+) ms stddev ([\d.]+|NaN)(?:, (\d+) failed)?/gm;
  const out2: IntervalFigure[] = [];
  for (let m = re.exec(out); m; m = re.exec(out)) {
    out2.push({ atSeconds: Number(m[1]), tps: Number(m[2]), latencyMs: Number(m[3]), errors: m[5] ? Number(m[5]) : 0 });
  }
  return out2;
}

function statementLines(out: string): StatementFigure[] {
  const start = out.search(/^statement latencies in milliseconds/m);
  if (start < 0) return [];
  const statements: StatementFigure[] = [];
  for (const line of out.slice(start).split('\n').slice(1)) {
    const m = /^\s+([\d.]+)\s+(\d+)(?:\s+\d+)?\s{2}(.*\S)\s*$/.exec(line);
    if (!m) break;
    if (m[3].startsWith('\\')) continue; // meta-commands (\set) take no server time
    statements.push({ statement: m[3], latencyMs: Number(m[1]), failures: Number(m[2]) });
  }
  return statements;
}

/** Inputs of parsePgbench: the tool's stdout+stderr and its latency data. */
export interface PgbenchOutput {
  /** pgbench's stdout and stderr, in order (or concatenated). */
  readonly output: string;
  /** The per-transaction log (`--log`), concatenated over its files. */
  readonly transactionLog?: string;
  /** Or: a histogram already folded from that log (cluster runs, histogram-lines.ts). */
  readonly histogram?: HistogramLines;
  /** Exit code of pgbench; 2 means clients aborted (the results are incomplete). */
  readonly exitCode?: number;
}

/** Parses one pgbench run; throws ToolOutputError when the summary or latency data is missing. */
export function parsePgbench(input: PgbenchOutput): ToolReport {
  const out = input.output;
  const processed = /^number of transactions actually processed: (\d+)(?:\/(\d+))?/m.exec(out);
  const tps = numberAfter(out, /^tps = ([\d.]+)/m);
  const firstAbort = /^pgbench: error: client \d+ (?:script \d+ )?aborted[^:]*: (.*)$/m.exec(out)?.[1];
  if (processed && tps === undefined && firstAbort) {
    throw new ToolOutputError('pgbench', `every client aborted, no transaction completed; first error: ${firstAbort}`, out);
  }
  if (!processed || tps === undefined) {
    throw new ToolOutputError('pgbench', 'no summary ("number of transactions actually processed" and "tps = ") — did the run start?', out);
  }
  const latencyAvg = numberAfter(out, /^latency average = ([\d.]+) ms/m);
  if (latencyAvg === undefined) throw new ToolOutputError('pgbench', 'no "latency average" line in the summary', out);
  const notes: string[] = [];
  const errorsByKind: Record<string, number> = {};
  const add = (k: string, n: number | undefined): void => {
    if (n) errorsByKind[k] = (errorsByKind[k] ?? 0) + n;
  };
  const serialization = numberAfter(out, /^number of serialization failures: (\d+)/m);
  const deadlock = numberAfter(out, /^number of deadlock failures: (\d+)/m);
  const failed = numberAfter(out, /^number of failed transactions: (\d+)/m) ?? 0;
  if (serialization !== undefined || deadlock !== undefined) {
    add('serialization', serialization);
    add('deadlock', deadlock);
    add('failed', failed - (serialization ?? 0) - (deadlock ?? 0));
  } else add('failed', failed);
  add('skipped', numberAfter(out, /^number of transactions skipped: (\d+)/m));
  const aborted = (out.match(/^pgbench: error: client \d+ (?:script \d+ )?aborted/gm) ?? []).length;
  add('aborted_client', aborted);
  if (aborted || input.exitCode === 2 || /Run was aborted/.test(out)) {
    notes.push(`pgbench: ${aborted || 'some'} client(s) aborted; pgbench calls the results incomplete`);
  }

  const h = input.histogram ?? (input.transactionLog !== undefined ? histogramFromPgbenchLog(input.transactionLog) : undefined);
  if (!h) throw new ToolOutputError('pgbench', 'no per-transaction latency data: percentiles need pgbench --log (its summary has only average and stddev)', out);
  const histogram = h.histogram;
  const logged = Object.entries(h.unmeasured).filter(([k]) => k !== 'skipped').reduce((a, [, n]) => a + n, 0);
  if (logged !== failed) notes.push(`the transaction log has ${logged} failed transactions, pgbench's summary ${failed}`);
  const transactions = Number(processed[1]);
  if (histogram.totalCount === 0 && transactions > 0) notes.push('the per-transaction log is empty though pgbench processed transactions');
  else if (histogram.totalCount !== transactions) {
    notes.push(`latency histogram holds ${histogram.totalCount} transactions, pgbench's summary ${transactions}`);
  }
  const duration = numberAfter(out, /^duration: (\d+) s/m);
  return {
    tool: 'pgbench',
    toolVersion: /^pgbench \(([\d.]+)/m.exec(out)?.[1],
    clients: numberAfter(out, /^number of clients: (\d+)/m),
    durationSeconds: duration ?? (tps > 0 ? transactions / tps : 0),
    transactions,
    tps,
    errorsByKind,
    histogram,
    summary: { latencyAvgMs: latencyAvg, latencyStddevMs: numberAfter(out, /^latency stddev = ([\d.]+) ms/m) },
    intervals: progressLines(out),
    statements: statementLines(out),
    notes,
  };
}
