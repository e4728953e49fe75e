/**
 * sysbench 1.0 output → ToolReport (OLTP tests and sysbench-tpcc print the same report).
 * The summary gives transactions, queries, ignored errors, reconnects, total time and latency
 * min/avg/max and one percentile (`--percentile`, 95 by default); `--histogram` prints the
 * latency distribution (`value ms |*** count` rows), which is loaded into an HDR histogram for
 * every percentile; `--report-interval` adds one `[ Ns ] thds: ... tps: ...` line per interval.
 */
import { newLatencyHistogram } from '../../../src/results/histogram';
import { IntervalFigure, ToolOutputError, ToolReport, numberAfter } from './tool-report';

function intervals(out: string): IntervalFigure[] {
  const re = /^\[ (\d+)s \] thds: \d+ tps: ([\d.]+) qps: [\d.]+ \(r\/w\/o: [\d./]+\) lat \(ms,\d+%\): ([\d.]+) err\/s: ([\d.]+)/gm;
  const list: IntervalFigure[] = [];
  for (let m = re.exec(out); m; m = re.exec(out)) list.push({ atSeconds: Number(m[1]), tps: Number(m[2]), latencyMs: Number(m[3]), errors: Number(m[4]) });
  return list;
}

/** Parses one sysbench `run`; throws ToolOutputError when the report or the histogram is missing. */
export function parseSysbench(output: string, exitCode?: number): ToolReport {
  const tx = /^\s+transactions:\s+(\d+)\s+\(([\d.]+) per sec\.\)/m.exec(output);
  if (!tx) {
    const fatal = /^FATAL: (.*)$/m.exec(output)?.[1];
    throw new ToolOutputError('sysbench', fatal ? `the run failed: ${fatal}` : 'no "transactions:" line in the report — did the run start?', output);
  }
  const q = /^\s+queries:\s+(\d+)\s+\(([\d.]+) per sec\.\)/m.exec(output);
  const num = (label: string): number | undefined => numberAfter(output, new RegExp(`^\\s+${label}:\\s+([\\d.]+)`, 'm'));
  const latencyAvg = num('avg');
  if (latencyAvg === undefined) throw new ToolOutputError('sysbench', 'no "Latency (ms)" block in the report', output);
  const pct = /^\s+(\d+)th percentile:\s+([\d.]+)/m.exec(output);

  const start = output.search(/^Latency histogram \(values are in milliseconds\)/m);
  if (start < 0) throw new ToolOutputError('sysbench', 'no latency histogram: percentiles need sysbench --histogram=on', output);
  const histogram = newLatencyHistogram();
  for (const line of output.slice(start).split('\n').slice(2)) {
    const m = /^\s+([\d.]+) \|\**\s+(\d+)$/.exec(line);
    if (!m) break;
    histogram.recordValueWithCount(Math.max(1, Math.round(Number(m[1]) * 1000)), Number(m[2]));
  }

  const transactions = Number(tx[1]);
  const errorsByKind: Record<string, number> = {};
  const ignored = numberAfter(output, /^\s+ignored errors:\s+(\d+)/m);
  const reconnects = numberAfter(output, /^\s+reconnects:\s+(\d+)/m);
  if (ignored) errorsByKind.ignored_error = ignored;
  if (reconnects) errorsByKind.reconnect = reconnects;
  const notes: string[] = [];
  const fatal = output.match(/^FATAL: .*$/gm) ?? [];
  if (fatal.length) {
    errorsByKind.fatal = fatal.length;
    notes.push(`sysbench reported ${fatal.length} FATAL error(s), first: ${(fatal[0] ?? "").slice(7, 200)}`);
  }
  if (exitCode !== undefined && exitCode !== 0) notes.push(`sysbench exited with code ${exitCode}`);
  const events = numberAfter(output, /^\s+total number of events:\s+(\d+)/m);
  if (histogram.totalCount !== (events ?? transactions)) {
    notes.push(`latency histogram holds ${histogram.totalCount} events, sysbench's report ${events ?? transactions}`);
  }
  const totalTime = numberAfter(output, /^\s+total time:\s+([\d.]+)s/m);
  return {
    tool: 'sysbench',
    toolVersion: /^sysbench ([\d.]+)/m.exec(output)?.[1],
    clients: numberAfter(output, /^Number of threads: (\d+)/m),
    durationSeconds: totalTime ?? 0,
    transactions,
    tps: Number(tx[2]),
    errorsByKind,
    histogram,
    summary: {
      latencyAvgMs: latencyAvg,
      latencyMinMs: num('min'),
      latencyMaxMs: num('max'),
      percentile: pct ? { p: Number(pct[1]), ms: Number(pct[2]) } : undefined,
      queries: q
        ? {
            read: numberAfter(output, /^\s+read:\s+(\d+)/m) ?? 0,
            write: numberAfter(output, /^\s+write:\s+(\d+)/m) ?? 0,
            other: numberAfter(output, /^\s+other:\s+(\d+)/m) ?? 0,
            total: Number(q[1]),
            perSecond: Number(q[2]),
          }
        : undefined,
    },
    intervals: intervals(output),
    statements: [],
    notes,
  };
}
