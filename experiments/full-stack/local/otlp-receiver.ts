/**
 * The local target's trace receiver: an OTLP/HTTP endpoint on 127.0.0.1 (`POST /v1/traces`,
 * JSON encoding — what the app exports and what the OpenTelemetry Collector's otlp receiver
 * accepts on a cluster) that keeps the spans in memory for the layer breakdown. It plays the
 * Collector's receiving side on a machine without one; the spans are the app's real spans.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import { TraceSpan, spansOfRequest } from '../trace/otlp-json';

/** A running receiver. */
export interface OtlpReceiver {
  /** Base URL for OTEL_EXPORTER_OTLP_ENDPOINT, e.g. `http://127.0.0.1:43180`. */
  readonly endpoint: string;
  /** Spans received so far. */
  spans(): readonly TraceSpan[];
  /** Requests that were refused (not JSON, not a trace request) or spans dropped beyond the cap. */
  readonly problems: { rejected: number; dropped: number };
  /** Forgets the spans received so far. */
  clear(): void;
  stop(): Promise<void>;
}

/** Spans kept at most (beyond it they are counted as dropped). @default 2,000,000 */
export const MAX_SPANS = 2_000_000;

/** Starts a receiver on a free port of 127.0.0.1. */
export function startOtlpReceiver(maxSpans = MAX_SPANS): Promise<OtlpReceiver> {
  let spans: TraceSpan[] = [];
  const problems = { rejected: 0, dropped: 0 };
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/traces') {
      res.writeHead(404).end();
      return;
    }
    if (!/application\/json/.test(req.headers['content-type'] ?? '')) {
      problems.rejected++;
      res.writeHead(415, { 'content-type': 'text/plain' }).end('this receiver takes OTLP/JSON (application/json) only');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const got = spansOfRequest(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        const room = Math.max(0, maxSpans - spans.length);
        spans.push(...got.slice(0, room));
        problems.dropped += Math.max(0, got.length - room);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch (err) {
        problems.rejected++;
        res.writeHead(400, { 'content-type': 'text/plain' }).end((err as Error).message);
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        endpoint: `http://127.0.0.1:${port}`,
        spans: () => spans,
        problems,
        clear: () => {
          spans = [];
        },
        stop: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
