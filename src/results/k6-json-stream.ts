/**
 * Streams k6's raw `--out json` output (JSON lines, optionally gzipped) into HDR histograms with
 * constant memory: `http_req_duration` points overall and per `endpoint` tag, `http_reqs`
 * counts, failed requests (`http_req_failed` points with a non-zero value), and the first and
 * last timestamp of those points.
 *
 * Format (https://grafana.com/docs/k6/latest/results-output/real-time/json/): one object per
 * line, either `{"type":"Metric","data":{"name":"http_req_duration","type":"trend",...},
 * "metric":"http_req_duration"}` declaring a metric, or one sample. The documentation shows a
 * sample with `"metric"` last, but since v0.41 k6 writes samples with easyjson, metric first:
 * `{"metric":"http_req_duration","type":"Point","data":{"time":"2025-…Z","value":459.865729,
 * "tags":{...}}}`, `"metadata":{…}` after the tags when a sample has any (grafana/k6 v1.3.0
 * internal/output/json/wrapper.go `sampleEnvelope`, json_easyjson.go; its json_test.go compares
 * with JSONEq, so its expected strings do not show the order). Values of time metrics are ms.
 *
 * Lines are parsed cheaply, by position, for the two layouts k6 writes — metric first (v0.41 and
 * later) and metric last (v0.40 and earlier, encoding/json): prefix, metric name at a known
 * place, time, value and the endpoint tag found with startsWith/indexOf, no per-line string
 * made. Anything else (other key orders, escapes, ambiguous tags) falls back to JSON.parse, with
 * the same result. Text is read in 64 KiB
 * latin1 chunks into one reused buffer: chunks stay young-generation strings, and no Buffer per
 * read piles up external memory that forces full GCs (with 1 MiB chunks and a 300 MB live heap
 * throughput fell to 0.2 M points/s). Measured: bench/results-engine.ts.
 */
import * as fs from 'fs';
import { Readable } from 'stream';
import * as zlib from 'zlib';
import { LatencyHistogram, newLatencyHistogram } from './histogram';
import { parseNumber } from './json-number';

export { parseNumber };

/** Counters and latency of one endpoint tag value. */
export interface K6EndpointStats {
  readonly histogram: LatencyHistogram;
  requests: number;
  failed: number;
}

/** What a k6 JSON stream holds, aggregated. */
export interface K6StreamSummary {
  /** `http_req_duration` in µs. */
  readonly histogram: LatencyHistogram;
  /** Per value of the endpoint tag; points without the tag are under `(untagged)`. */
  readonly endpoints: Map<string, K6EndpointStats>;
  /** Sum of `http_reqs` point values. */
  httpReqs: number;
  /** `http_req_failed` points with a non-zero value. */
  failedRequests: number;
  /** `http_req_duration` points recorded. */
  durationPoints: number;
  /** Every Point line, of any metric. */
  points: number;
  /** Metric declaration lines. */
  metricLines: number;
  /** Lines that were neither (not JSON, or not a k6 sample). */
  malformedLines: number;
  /** Point lines the fast path could not read (parsed with JSON.parse instead). */
  slowPathLines: number;
  /** Epoch milliseconds of the earliest and latest http_req_* / http_reqs point. */
  firstTimeMs?: number;
  lastTimeMs?: number;
}

/** Options of a stream. */
export interface K6StreamOptions {
  /** Tag that names the endpoint. @default 'endpoint' (what perflab's k6 scripts set) */
  readonly endpointTag?: string;
  /** Most distinct endpoint values kept; further values go to `(other)`. @default 200 */
  readonly maxEndpoints?: number;
}

/** The summary before any line is read. */
export function emptyK6Summary(): K6StreamSummary {
  const zero = { httpReqs: 0, failedRequests: 0, durationPoints: 0, points: 0, metricLines: 0, malformedLines: 0, slowPathLines: 0 };
  return { histogram: newLatencyHistogram(), endpoints: new Map(), ...zero };
}

const UNTAGGED = '(untagged)';
const OTHER = '(other)';
/** k6 ≤ v0.40 layout: `{"type":"Point","data":{"time":"…","value":…,"tags":…},"metric":"…"}`. */
const POINT_DATA_PREFIX = '{"type":"Point","data":{"time":"';
/** k6 ≥ v0.41 layout (easyjson): `{"metric":"…","type":"Point","data":{"time":"…","value":…,"tags":…}}`. */
const POINT_METRIC_PREFIX = '{"metric":"';
const METRIC_PREFIX = '{"type":"Metric",';
const TYPE_DATA_TIME = '","type":"Point","data":{"time":"';
const VALUE_KEY = '","value":';
const TAGS_KEY = ',"tags":';
const METRIC_KEY = '"metric":"';
/** The metrics recorded, by their index in `record`. */
const RECORDED = ['http_req_duration', 'http_reqs', 'http_req_failed'] as const;
const TAIL_SUFFIXES = RECORDED.map((m) => `,"metric":"${m}"}`);

/**
 * Reads k6 lines into a summary. The fast path works on positions in the text (no per-line
 * string is made for the common layouts); `range` is what the streaming loop calls.
 */
export class K6LineReader {
  private readonly endpointKey: string;
  private readonly endpointTag: string;
  private readonly maxEndpoints: number;
  /** Endpoint names seen, tried by position before a slice + Map lookup. */
  private readonly knownEndpoints: { name: string; stats: K6EndpointStats; probe: string }[] = [];
  private cachedBase = '';
  private cachedZone = '';
  private cachedBaseMs = 0;
  /** Next occurrence of the endpoint key in `scanText`, so repeated searches stay linear. */
  private scanText = '';
  private nextEndpointKey = -1;

  constructor(readonly summary: K6StreamSummary = emptyK6Summary(), opts: K6StreamOptions = {}) {
    this.endpointTag = opts.endpointTag ?? 'endpoint';
    this.endpointKey = `"${this.endpointTag}":"`;
    this.maxEndpoints = opts.maxEndpoints ?? 200;
  }

  /** Reads one line (without its newline). */
  line(line: string): void {
    this.range(line, 0, line.length);
  }

  /** Reads the line `text[start, end)`. */
  range(text: string, start: number, end: number): void {
    if (end <= start) return;
    if (text.startsWith(POINT_METRIC_PREFIX, start)) {
      if (this.fastMetricFirst(text, start, end)) return;
    } else if (text.startsWith(POINT_DATA_PREFIX, start)) {
      if (this.fastDataFirst(text, start, end)) return;
    } else if (text.startsWith(METRIC_PREFIX, start)) {
      this.summary.metricLines++;
      return;
    }
    this.slowLine(text.slice(start, end));
  }

  private endpointStats(name: string): K6EndpointStats {
    const eps = this.summary.endpoints;
    let e = eps.get(name);
    if (!e) {
      const key = eps.size >= this.maxEndpoints && name !== UNTAGGED ? OTHER : name;
      e = eps.get(key);
      if (!e) {
        e = { histogram: newLatencyHistogram(), requests: 0, failed: 0 };
        eps.set(key, e);
      }
      if (this.knownEndpoints.length < 16 && key === name && !name.includes('"')) {
        this.knownEndpoints.push({ name, stats: e, probe: `${name}"` });
      }
    }
    return e;
  }

  private record(metric: number, value: number, ep: K6EndpointStats, timeMs: number): void {
    const s = this.summary;
    s.points++;
    if (timeMs === timeMs) {
      if (s.firstTimeMs === undefined || timeMs < s.firstTimeMs) s.firstTimeMs = timeMs;
      if (s.lastTimeMs === undefined || timeMs > s.lastTimeMs) s.lastTimeMs = timeMs;
    }
    if (metric === 0) {
      const us = Math.max(1, Math.round(value * 1000));
      s.histogram.recordValue(us);
      ep.histogram.recordValue(us);
      s.durationPoints++;
    } else if (metric === 1) {
      s.httpReqs += value;
      ep.requests += value;
    } else if (value !== 0) {
      s.failedRequests++;
      ep.failed++;
    }
  }

  /** `{"type":"Point","data":{"time":…,"value":…,"tags":…},"metric":"M"}`; false → slow path. */
  private fastDataFirst(text: string, start: number, end: number): boolean {
    if (text.charCodeAt(end - 1) !== 125 /* } */ || text.charCodeAt(end - 2) !== 34 /* " */) return false;
    let metric = -1;
    for (let i = 0; i < TAIL_SUFFIXES.length; i++) {
      if (text.startsWith(TAIL_SUFFIXES[i], end - TAIL_SUFFIXES[i].length)) {
        metric = i;
        break;
      }
    }
    if (metric < 0) {
      // Another metric: confirm the line ends in `"metric":"<name>"}` and count it.
      const q = text.lastIndexOf('"', end - 3);
      if (q <= start || !text.startsWith(METRIC_KEY, q - METRIC_KEY.length + 1) || text.charCodeAt(q - 1) === 92) return false;
      this.summary.points++;
      return true;
    }
    return this.readData(text, start + POINT_DATA_PREFIX.length, end - TAIL_SUFFIXES[metric].length + 1, metric);
  }

  /** `{"metric":"M","type":"Point","data":{"time":…,"value":…,"tags":…}}`; false → slow path. */
  private fastMetricFirst(text: string, start: number, end: number): boolean {
    const nameStart = start + POINT_METRIC_PREFIX.length;
    const nameEnd = text.indexOf('"', nameStart);
    if (nameEnd < 0 || nameEnd >= end || !text.startsWith(TYPE_DATA_TIME, nameEnd)) return false;
    if (text.charCodeAt(end - 1) !== 125 || text.charCodeAt(end - 2) !== 125) return false;
    let metric = -1;
    for (let i = 0; i < RECORDED.length; i++) {
      if (nameEnd - nameStart === RECORDED[i].length && text.startsWith(RECORDED[i], nameStart)) metric = i;
    }
    if (metric < 0) {
      // An escaped quote would end the name early: look for a backslash in the name only (a
      // lastIndexOf from nameEnd would scan back through the whole chunk when there is none).
      for (let i = nameStart; i < nameEnd; i++) if (text.charCodeAt(i) === 92 /* \\ */) return false;
      this.summary.points++;
      return true;
    }
    return this.readData(text, nameEnd + TYPE_DATA_TIME.length, end - 1, metric);
  }

  /** Reads `…time","value":V,"tags":{…}…` from the time's first character; `limit` ends the data object. */
  private readData(text: string, timeStart: number, limit: number, metric: number): boolean {
    const timeEnd = text.indexOf('"', timeStart);
    if (timeEnd < 0 || timeEnd >= limit || !text.startsWith(VALUE_KEY, timeEnd)) return false;
    const valueStart = timeEnd + VALUE_KEY.length;
    const value = parseNumber(text, valueStart);
    if (value !== value) return false;
    let tags = valueStart;
    for (let c = text.charCodeAt(tags); tags < limit && c !== 44 /* , */ && c !== 125 /* } */; c = text.charCodeAt(++tags));
    if (!text.startsWith(TAGS_KEY, tags)) return false;
    const ep = this.endpointAt(text, tags + TAGS_KEY.length, limit);
    if (!ep) return false;
    this.record(metric, value, ep, this.timeMs(text, timeStart, timeEnd));
    return true;
  }

  /** The endpoint of a tags object starting at `at` (`null` or `{…}`); undefined → slow path. */
  private endpointAt(text: string, at: number, limit: number): K6EndpointStats | undefined {
    if (text.charCodeAt(at) !== 123 /* { */) return text.startsWith('null', at) ? this.endpointStats(UNTAGGED) : undefined;
    if (this.scanText !== text || this.nextEndpointKey < at) {
      this.scanText = text;
      const next = text.indexOf(this.endpointKey, at);
      this.nextEndpointKey = next < 0 ? text.length : next;
    }
    const key = this.nextEndpointKey;
    if (key >= limit) return this.endpointStats(UNTAGGED);
    // Tags are flat string values: the key belongs to them when no `}` comes before it.
    const tagsEnd = text.indexOf('}', at);
    if (tagsEnd < 0 || tagsEnd >= limit || key > tagsEnd) return undefined;
    const nameStart = key + this.endpointKey.length;
    for (const k of this.knownEndpoints) if (text.startsWith(k.probe, nameStart)) return k.stats;
    const nameEnd = text.indexOf('"', nameStart);
    if (nameEnd < 0 || nameEnd > tagsEnd) return undefined;
    const name = text.slice(nameStart, nameEnd);
    if (name.includes('\\')) return undefined;
    return this.endpointStats(decodeLatin1(name));
  }

  private slowLine(latin1: string): void {
    const line = decodeLatin1(latin1);
    let doc: { type?: unknown; metric?: unknown; data?: { time?: unknown; value?: unknown; tags?: Record<string, unknown> | null } };
    try {
      doc = JSON.parse(line);
    } catch {
      this.summary.malformedLines++;
      return;
    }
    if (doc?.type === 'Metric') {
      this.summary.metricLines++;
      return;
    }
    if (doc?.type !== 'Point' || typeof doc.metric !== 'string' || typeof doc.data?.value !== 'number') {
      this.summary.malformedLines++;
      return;
    }
    this.summary.slowPathLines++;
    const metric = (RECORDED as readonly string[]).indexOf(doc.metric);
    if (metric < 0) {
      this.summary.points++;
      return;
    }
    const tag = doc.data.tags?.[this.endpointTag];
    const time = typeof doc.data.time === 'string' ? this.timeMs(doc.data.time, 0, doc.data.time.length) : NaN;
    this.record(metric, doc.data.value, this.endpointStats(typeof tag === 'string' ? tag : UNTAGGED), time);
  }

  /** Epoch ms of an RFC 3339 time with up to nanoseconds; Date.parse runs once per second and zone. */
  private timeMs(text: string, start: number, end: number): number {
    if (end - start < 20) return Date.parse(text.slice(start, end));
    let i = start + 19;
    let frac = 0;
    let scale = 1;
    if (text.charCodeAt(i) === 46 /* . */) {
      for (let c = text.charCodeAt(++i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) {
        if (scale < 1e9) {
          frac = frac * 10 + (c - 48);
          scale *= 10;
        }
      }
    }
    if (!(text.startsWith(this.cachedBase, start) && end - i === this.cachedZone.length && text.startsWith(this.cachedZone, i)) || this.cachedBase === '') {
      this.cachedBase = text.slice(start, start + 19);
      this.cachedZone = text.slice(i, end);
      this.cachedBaseMs = Date.parse(this.cachedBase + this.cachedZone);
    }
    return this.cachedBaseMs + (frac / scale) * 1000;
  }
}

/** Text is decoded as latin1 for speed (all JSON structure is ASCII); text with UTF-8 bytes is re-decoded. */
function decodeLatin1(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
}

/** Bytes read at a time: small enough that each text chunk is a young-generation string. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Text chunks of a file, decoded as latin1. Plain files are read into one reused buffer (no
 * per-chunk Buffer, so no external-memory pressure forcing full GCs on a large heap);
 * `.gz` files go through zlib.
 */
async function* fileChunks(file: string): AsyncGenerator<string> {
  if (file.endsWith('.gz')) {
    const stream = fs.createReadStream(file, { highWaterMark: CHUNK_BYTES }).pipe(zlib.createGunzip({ chunkSize: CHUNK_BYTES }));
    stream.setEncoding('latin1');
    yield* stream as AsyncIterable<string>;
    return;
  }
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      yield buf.toString('latin1', 0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

async function* streamChunks(stream: Readable): AsyncGenerator<string> {
  stream.setEncoding('latin1');
  yield* stream as AsyncIterable<string>;
}

/**
 * Streams a k6 JSON-lines file (`.gz` too) or any readable of its text into a summary; memory
 * stays constant (one chunk, a partial line, and the histograms).
 */
export async function streamK6Json(input: string | Readable, opts: K6StreamOptions = {}): Promise<K6StreamSummary> {
  const reader = new K6LineReader(emptyK6Summary(), opts);
  let rest = '';
  try {
    for await (const chunk of typeof input === 'string' ? fileChunks(input) : streamChunks(input)) {
      // Lines are read in place in the flat chunk (a concatenated string is much slower to
      // index); only the line that spans two chunks is joined.
      let nl = chunk.indexOf('\n');
      if (nl < 0) {
        rest += chunk;
        continue;
      }
      if (rest.length) {
        const joined = rest + chunk.slice(0, nl);
        reader.range(joined, 0, joined.charCodeAt(joined.length - 1) === 13 ? joined.length - 1 : joined.length);
        rest = '';
      } else if (nl > 0) {
        reader.range(chunk, 0, chunk.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      }
      let from = nl + 1;
      for (nl = chunk.indexOf('\n', from); nl >= 0; nl = chunk.indexOf('\n', from)) {
        reader.range(chunk, from, nl > from && chunk.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
        from = nl + 1;
      }
      rest = chunk.slice(from);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const where = typeof input === 'string' ? input : 'k6 JSON stream';
    throw new Error(`${where}: cannot be read (${code ?? (err as Error).message})`);
  }
  if (rest.length) reader.range(rest, 0, rest.endsWith('\r') ? rest.length - 1 : rest.length);
  return reader.summary;
}
