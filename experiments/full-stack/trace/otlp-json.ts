/**
 * OTLP/JSON trace data (the JSON encoding of an ExportTraceServiceRequest, as the app exports
 * it and as the OpenTelemetry Collector's file exporter writes it) → flat spans. Ids are hex,
 * times are Unix nanoseconds (strings or numbers); times are kept as microseconds, which a
 * double holds exactly for any date in this century.
 */

/** One span, as the breakdown needs it. */
export interface TraceSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** Empty for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer (0 unspecified). */
  readonly kind: number;
  /** Start and end, Unix microseconds. */
  readonly startUs: number;
  readonly endUs: number;
  /** `service.name` of the span's resource. */
  readonly service: string;
  /** String, number and boolean attributes, as strings. */
  readonly attributes: Readonly<Record<string, string>>;
}

const KIND_NAMES: Readonly<Record<string, number>> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};

type Json = Record<string, unknown>;

function attributeMap(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(list)) return out;
  for (const a of list as Json[]) {
    const v = (a.value ?? {}) as Json;
    const raw = v.stringValue ?? v.intValue ?? v.doubleValue ?? v.boolValue;
    if (typeof a.key === 'string' && raw !== undefined) out[a.key] = String(raw);
  }
  return out;
}

function micros(ns: unknown, what: string): number {
  if (typeof ns !== 'string' && typeof ns !== 'number') throw new Error(`${what}: not a Unix nanosecond time`);
  return Number(BigInt(typeof ns === 'number' ? Math.round(ns) : ns) / 1000n);
}

function kindOf(k: unknown): number {
  if (typeof k === 'number') return k;
  if (typeof k === 'string') return KIND_NAMES[k] ?? 0;
  return 0;
}

/** The spans of one ExportTraceServiceRequest (parsed JSON); throws naming what is malformed. */
export function spansOfRequest(request: unknown): TraceSpan[] {
  const out: TraceSpan[] = [];
  const resourceSpans = (request as Json | null)?.resourceSpans;
  if (!Array.isArray(resourceSpans)) throw new Error('not an OTLP trace request: no resourceSpans array');
  for (const rs of resourceSpans as Json[]) {
    const service = attributeMap((rs.resource as Json | undefined)?.attributes)['service.name'] ?? 'unknown';
    for (const ss of (rs.scopeSpans ?? rs.instrumentationLibrarySpans ?? []) as Json[]) {
      for (const s of (ss.spans ?? []) as Json[]) {
        if (typeof s.traceId !== 'string' || typeof s.spanId !== 'string') throw new Error(`span ${JSON.stringify(s.name)}: traceId and spanId must be hex strings`);
        out.push({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: typeof s.parentSpanId === 'string' ? s.parentSpanId : '',
          name: String(s.name ?? ''),
          kind: kindOf(s.kind),
          startUs: micros(s.startTimeUnixNano, `span ${String(s.name)} startTimeUnixNano`),
          endUs: micros(s.endTimeUnixNano, `span ${String(s.name)} endTimeUnixNano`),
          service,
          attributes: attributeMap(s.attributes),
        });
      }
    }
  }
  return out;
}

/**
 * Spans from text holding one OTLP/JSON request per line (the Collector's file exporter output,
 * possibly inside a pod log with other lines): lines that are not a trace request are skipped
 * and counted; a line that is one but is malformed is counted as malformed.
 */
export function spansOfJsonLines(text: string): { spans: TraceSpan[]; skippedLines: number; malformedLines: number } {
  const spans: TraceSpan[] = [];
  let skippedLines = 0;
  let malformedLines = 0;
  for (const line of text.split('\n')) {
    const start = line.indexOf('{"resourceSpans"');
    if (start < 0) {
      if (line.trim()) skippedLines++;
      continue;
    }
    try {
      spans.push(...spansOfRequest(JSON.parse(line.slice(start))));
    } catch {
      malformedLines++;
    }
  }
  return { spans, skippedLines, malformedLines };
}
