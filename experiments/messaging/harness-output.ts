/**
 * Parses mqbench's output (one JSON object per line: start, ready, sample, fault, error,
 * result) into a typed HarnessOutput. Anything that is not the harness's output fails with
 * the source and line number; lines that are not JSON (a runtime's log on a shared pod log)
 * are skipped.
 */
import { z } from 'zod';

const Count = z.number().int().min(0);

/** `start`: the harness began (before connecting). */
export const StartLineSchema = z.object({ type: z.literal('start'), unixMs: z.number(), broker: z.string(), harness: z.string(), client: z.string() });
/** `ready`: consumers are receiving; production starts now. */
export const ReadyLineSchema = z.object({ type: z.literal('ready'), unixMs: z.number(), setupMs: z.number() });
/** `sample`: cumulative counters `t` seconds after production started. */
export const SampleLineSchema = z.object({
  type: z.literal('sample'),
  t: z.number().min(0),
  sent: Count,
  acked: Count,
  failed: Count,
  delivered: Count,
  duplicates: Count,
});
/** `fault`: the harness deleted a broker pod (cluster). */
export const FaultLineSchema = z.object({
  type: z.literal('fault'),
  t: z.number().min(0),
  unixMs: z.number(),
  action: z.string(),
  target: z.string(),
  ok: z.boolean(),
  error: z.string().optional(),
  leaderLookup: z.string().optional(),
});
/** `error`: the run could not be carried out. */
export const ErrorLineSchema = z.object({ type: z.literal('error'), message: z.string() });
/** `result`: the run's totals and latency histograms (HDR, µs, compressed base64). */
export const ResultLineSchema = z.object({
  type: z.literal('result'),
  harness: z.string(),
  broker: z.string(),
  client: z.string(),
  startedAtUnixMs: z.number(),
  productionStartUnixMs: z.number(),
  productionEndUnixMs: z.number(),
  finishedAtUnixMs: z.number(),
  productionSeconds: z.number().min(0),
  sent: Count,
  acked: Count,
  publishErrors: z.record(z.string(), Count),
  delivered: Count,
  uniqueDelivered: z.array(Count).min(1),
  duplicates: Count,
  lostDeliveries: Count,
  lostMessages: Count,
  deliveredNotAcked: Count,
  undecodable: Count,
  drained: z.boolean(),
  messageSize: Count,
  subscriptions: z.number().int().min(1),
  publishLatencyUs: z.string(),
  endToEndLatencyUs: z.string(),
  /** First deliveries per subscription when production ended (mqbench ≥ 0.2.0). */
  deliveredAtProductionEnd: z.array(Count).optional(),
  /** Send time − intended time of on-schedule messages: the pacer's own error, HDR µs (mqbench ≥ 0.2.0; empty when unthrottled). */
  pacingLatenessUs: z.string().optional(),
  /** Scheduled messages sent while the broker held the producer back (stamped with their intended time; mqbench ≥ 0.2.0). */
  heldBack: Count.optional(),
});

/** Counters at one instant. */
export type HarnessSample = z.infer<typeof SampleLineSchema>;
/** A fault the harness injected. */
export type HarnessFault = z.infer<typeof FaultLineSchema>;
/** The harness's totals. */
export type HarnessResult = z.infer<typeof ResultLineSchema>;

/** Everything one harness run printed. */
export interface HarnessOutput {
  readonly start: z.infer<typeof StartLineSchema>;
  readonly ready?: z.infer<typeof ReadyLineSchema>;
  readonly samples: HarnessSample[];
  readonly faults: HarnessFault[];
  readonly result: HarnessResult;
}

/** Output that is not a complete mqbench run; the message names the source and the line. */
export class HarnessOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarnessOutputError';
  }
}

const schemas: Record<string, z.ZodType> = {
  start: StartLineSchema,
  ready: ReadyLineSchema,
  sample: SampleLineSchema,
  fault: FaultLineSchema,
  error: ErrorLineSchema,
  result: ResultLineSchema,
};

/** Parses a harness's stdout (or a pod log holding it); `source` names it in errors. */
export function parseHarnessOutput(text: string, source: string): HarnessOutput {
  let start: HarnessOutput['start'] | undefined;
  let ready: HarnessOutput['ready'];
  let result: HarnessResult | undefined;
  const samples: HarnessSample[] = [];
  const faults: HarnessFault[] = [];
  let brokenLine: number | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line.startsWith('{')) continue;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      // The harness's lines carry "type" last (sorted keys): a cut line of it still names the broker.
      if (line.includes('"broker":') || line.includes('"acked":')) brokenLine = i + 1;
      continue;
    }
    const type = (doc as { type?: unknown }).type;
    const schema = typeof type === 'string' ? schemas[type] : undefined;
    if (!schema) continue;
    const parsed = schema.safeParse(doc);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HarnessOutputError(`${source}:${i + 1}: ${String(type)} line: ${issue.path.join('.') || '.'}: ${issue.message}`);
    }
    const v = parsed.data as { type: string };
    if (v.type === 'start') start = v as HarnessOutput['start'];
    else if (v.type === 'ready') ready = v as HarnessOutput['ready'];
    else if (v.type === 'sample') samples.push(v as HarnessSample);
    else if (v.type === 'fault') faults.push(v as HarnessFault);
    else if (v.type === 'error') throw new HarnessOutputError(`${source}:${i + 1}: the harness failed: ${(v as unknown as { message: string }).message}`);
    else result = v as HarnessResult;
  }
  if (!result && brokenLine !== undefined) throw new HarnessOutputError(`${source}:${brokenLine}: a harness line is not valid JSON and no result follows (truncated output?)`);
  if (!start) throw new HarnessOutputError(`${source}: no mqbench output (no "start" line)`);
  if (!result) throw new HarnessOutputError(`${source}: the harness started (${start.harness}, ${start.broker}) but printed no result (killed or timed out?)`);
  return { start, ready, samples, faults, result };
}
