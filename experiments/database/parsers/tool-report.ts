/**
 * ToolReport: what a parser makes of one workload tool's output (pgbench or sysbench), before
 * it becomes a RunResult. Latency percentiles come from an HDR histogram filled from the tool's
 * own per-transaction data (pgbench's transaction log, sysbench's --histogram); the tool's own
 * summary figures are kept beside it for cross-checks.
 */
import { LatencyHistogram } from '../../../src/results/histogram';

/** One progress interval the tool reported. */
export interface IntervalFigure {
  /** Seconds since the start of the run, at the end of the interval. */
  readonly atSeconds: number;
  readonly tps: number;
  /** Mean (pgbench) or 95th percentile (sysbench) latency of the interval, ms. */
  readonly latencyMs: number;
  /** Errors per second (sysbench) or failed transactions (pgbench) in the interval. */
  readonly errors: number;
}

/** Average latency of one statement of a pgbench script (`-r`). */
export interface StatementFigure {
  readonly statement: string;
  readonly latencyMs: number;
  readonly failures: number;
}

/** The figures the tool printed in its own summary. */
export interface ToolSummary {
  /** Mean latency, ms. */
  readonly latencyAvgMs: number;
  /** pgbench: latency stddev, ms. */
  readonly latencyStddevMs?: number;
  /** sysbench: min / max / percentile, ms. */
  readonly latencyMinMs?: number;
  readonly latencyMaxMs?: number;
  /** sysbench: the `--percentile` figure and which percentile it is. */
  readonly percentile?: { readonly p: number; readonly ms: number };
  /** sysbench: queries performed (read / write / other / total) and queries per second. */
  readonly queries?: { readonly read: number; readonly write: number; readonly other: number; readonly total: number; readonly perSecond: number };
}

/** One kind of transaction (tpccstyle: new-order, payment, ...) with its own histogram. */
export interface EndpointFigure {
  readonly name: string;
  /** Completed transactions (committed, plus expected rollbacks). */
  readonly requests: number;
  /** Transactions that failed for good (after retries). */
  readonly errors: number;
  /** Latency of the completed ones (µs). */
  readonly histogram: LatencyHistogram;
}

/** One parsed run of a workload tool. */
export interface ToolReport {
  readonly tool: 'pgbench' | 'sysbench' | 'tpccstyle';
  /** Version line the tool printed, e.g. `pgbench (PostgreSQL) 15.18` or `sysbench 1.0.20`. */
  readonly toolVersion?: string;
  /** Client connections the tool reported. */
  readonly clients?: number;
  /** Measured seconds (the tool's own figure). */
  readonly durationSeconds: number;
  /** Transactions completed successfully. */
  readonly transactions: number;
  /** Transactions per second, as the tool computed it. */
  readonly tps: number;
  /** Failed operations by kind (`failed`, `serialization`, `deadlock`, `ignored_error`, `reconnect`, `aborted_client`). */
  readonly errorsByKind: Readonly<Record<string, number>>;
  /** Per-transaction latency histogram (µs). */
  readonly histogram: LatencyHistogram;
  readonly summary: ToolSummary;
  readonly intervals: readonly IntervalFigure[];
  readonly statements: readonly StatementFigure[];
  /** Per transaction type (tpccstyle); absent for tools that report one transaction kind. */
  readonly endpoints?: readonly EndpointFigure[];
  /** tpmC-style: committed new-order transactions per minute (tpccstyle). */
  readonly newOrderPerMinute?: number;
  /** What the parser noticed (aborted clients, mismatches, missing pieces). */
  readonly notes: readonly string[];
}

/** Output the tool's parser could not use; the message names what is missing and shows the last lines. */
export class ToolOutputError extends Error {
  constructor(tool: string, problem: string, output: string) {
    const tail = output
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .slice(-12)
      .map((l) => `  | ${l}`)
      .join('\n');
    super(`${tool} output: ${problem}${tail ? `\nlast lines:\n${tail}` : ' (the output is empty)'}`);
    this.name = 'ToolOutputError';
  }
}

/** The number after `label` on a line of `text` (first match), or undefined. */
export function numberAfter(text: string, label: RegExp): number | undefined {
  const m = label.exec(text);
  return m ? Number(m[1]) : undefined;
}
