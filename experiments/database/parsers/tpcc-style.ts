/**
 * tpccstyle's `run` output (one JSON line, tpcc-style/main.go) → ToolReport: one endpoint per
 * transaction type with its own HDR histogram, the run's histogram as their union, transactions
 * per second over all completed transactions (committed plus the expected new-order rollbacks),
 * tpmC-style as committed new-orders per minute, errors by kind (transactions that failed after
 * retries), and notes for the retries and the expected rollbacks, which are not errors.
 */
import { z } from 'zod';
import { decodeHistogram, newLatencyHistogram } from '../../../src/results/histogram';
import { EndpointFigure, ToolOutputError, ToolReport } from './tool-report';

/** The five transaction types, in the order results list them. */
export const TPCC_STYLE_TYPES = ['new-order', 'payment', 'order-status', 'delivery', 'stock-level'] as const;

const Count = z.number().int().min(0);
const TypeSchema = z.object({
  completed: Count,
  committed: Count,
  rolledBack: Count,
  retries: z.record(z.string(), Count),
  errors: z.record(z.string(), Count),
  latencyUs: z.string(),
});
/** The driver's result line. */
export const TpccStyleResultSchema = z.object({
  type: z.literal('result'),
  command: z.literal('run'),
  driverVersion: z.string(),
  engine: z.string(),
  serverVersion: z.string(),
  warehouses: Count,
  terminals: Count,
  measuredSeconds: z.number().positive(),
  transactions: z.object(Object.fromEntries(TPCC_STYLE_TYPES.map((t) => [t, TypeSchema])) as Record<(typeof TPCC_STYLE_TYPES)[number], typeof TypeSchema>),
  newOrderPerMinute: z.number().min(0),
  errorSamples: z.array(z.string()).nullable(),
  /** The driver's own CPU (getrusage) over the run, its wall time and the machine's CPU count. */
  driverCpuSeconds: z.number().min(0).optional(),
  driverWallSeconds: z.number().min(0).optional(),
  cpus: z.number().int().min(1).optional(),
});
/** What the driver reported. */
export type TpccStyleResult = z.infer<typeof TpccStyleResultSchema>;

/** The result line in the driver's output; throws ToolOutputError naming what is wrong. */
export function readTpccStyleResult(output: string): TpccStyleResult {
  const lines = output.split('\n').filter((l) => l.startsWith('{'));
  const docs = lines.map((l) => {
    try {
      return JSON.parse(l) as { type?: string; message?: string };
    } catch {
      return {};
    }
  });
  const error = docs.find((d) => d.type === 'error');
  if (error) throw new ToolOutputError('tpccstyle', `the driver failed: ${error.message}`, output);
  const result = docs.find((d) => d.type === 'result');
  if (!result) throw new ToolOutputError('tpccstyle', 'no {"type":"result"} line', output);
  const parsed = TpccStyleResultSchema.safeParse(result);
  if (!parsed.success) throw new ToolOutputError('tpccstyle', `result line does not match the expected shape: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, output);
  return parsed.data;
}

const sumInto = (into: Record<string, number>, from: Record<string, number>): void => {
  for (const [k, n] of Object.entries(from)) if (n > 0) into[k] = (into[k] ?? 0) + n;
};

/** Parses one tpccstyle run. */
export function parseTpccStyle(output: string): ToolReport {
  const r = readTpccStyleResult(output);
  const histogram = newLatencyHistogram();
  const errorsByKind: Record<string, number> = {};
  const retries: Record<string, number> = {};
  const endpoints: EndpointFigure[] = TPCC_STYLE_TYPES.map((name) => {
    const t = r.transactions[name];
    const h = t.latencyUs ? decodeHistogram(t.latencyUs) : newLatencyHistogram();
    histogram.add(h);
    sumInto(errorsByKind, t.errors);
    sumInto(retries, t.retries);
    return { name, requests: t.completed, errors: Object.values(t.errors).reduce((a, b) => a + b, 0), histogram: h };
  });
  const transactions = endpoints.reduce((a, e) => a + e.requests, 0);
  const no = r.transactions['new-order'];
  const notes = [
    `tpmC-style (TPC-C-style, not TPC-C): ${Math.round(r.newOrderPerMinute * 10) / 10} committed new-order transactions per minute with ${r.warehouses} warehouse(s) and ${r.terminals} terminal(s), no keying or think time`,
    `mix: ${endpoints.map((e) => `${e.name} ${transactions ? Math.round((e.requests / transactions) * 1000) / 10 : 0}%`).join(', ')}`,
    `new-order: ${no.rolledBack} expected rollbacks (unused item number, 1% of new-orders by design) counted as completed, not as errors`,
  ];
  const retried = Object.entries(retries);
  notes.push(retried.length ? `retried and then completed or failed (not errors by themselves): ${retried.map(([k, n]) => `${k} ${n}`).join(', ')}` : 'no transaction needed a retry (serialization failure, deadlock or lock timeout)');
  if (r.errorSamples?.length) notes.push(`first errors: ${r.errorSamples.join(' | ')}`);
  if (r.driverCpuSeconds !== undefined && r.driverWallSeconds) {
    const cores = r.driverCpuSeconds / r.driverWallSeconds;
    notes.push(`tpccstyle's own CPU: ${Math.round(r.driverCpuSeconds * 100) / 100} core-seconds in ${Math.round(r.driverWallSeconds * 10) / 10} s (${Math.round(cores * 100) / 100} cores on average${r.cpus ? ` of the machine's ${r.cpus}` : ''}), on the same machine as the server`);
  }
  return {
    tool: 'tpccstyle',
    toolVersion: r.driverVersion,
    clients: r.terminals,
    durationSeconds: r.measuredSeconds,
    transactions,
    tps: transactions / r.measuredSeconds,
    errorsByKind,
    histogram,
    summary: { latencyAvgMs: histogram.totalCount ? Math.round(histogram.mean) / 1000 : 0 },
    intervals: [],
    statements: [],
    endpoints,
    newOrderPerMinute: r.newOrderPerMinute,
    notes,
  };
}
