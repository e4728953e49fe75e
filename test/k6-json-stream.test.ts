/**
 * k6 `--out json` streaming. Line format as documented at
 * https://grafana.com/docs/k6/latest/results-output/real-time/json/ (the fixture's samples are
 * the documentation's example), in the key order k6 really writes: since v0.41 a sample is
 * `{"metric":…,"type":"Point","data":{"time","value","tags"[,"metadata"]}}` and a metric
 * declaration `{"type":"Metric","data":{"name","type","contains","thresholds","submetrics"},"metric":…}`
 * (grafana/k6 v1.3.0 internal/output/json/wrapper.go and the easyjson encoder json_easyjson.go;
 * no `tainted` field since v0.41). k6 v0.40 and earlier wrote samples metric last
 * (v0.40.0 output/json/wrapper.go); the fixture keeps three such lines.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import * as zlib from 'zlib';
import { K6LineReader, parseNumber, streamK6Json } from '../src/results/k6-json-stream';
import { seededRandom } from '../src/stats/prng';

const SAMPLE = path.join(__dirname, 'fixtures/results/k6-sample.jsonl');

function exactPercentile(sorted: number[], p: number): number {
  // nearest rank, guarded against fp results like 0.999 × 30000 = 29970.000000000004
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length - 1e-9) - 1)];
}

/** Key order of a sample line: k6 ≥ v0.41 (metric first) or k6 ≤ v0.40 (metric last). */
type Layout = 'v0.41+' | 'v0.40';

/** One sample line as k6 writes it in `layout`. */
function pointLine(layout: Layout, metric: string, data: string): string {
  return layout === 'v0.41+' ? `{"metric":"${metric}","type":"Point","data":${data}}` : `{"type":"Point","data":${data},"metric":"${metric}"}`;
}

/** k6-shaped lines: per request http_reqs, http_req_duration, two other timings, http_req_failed. */
function generate(n: number, seed: number, layout: Layout = 'v0.41+'): { text: string; durations: number[]; failed: number } {
  const r = seededRandom(seed);
  const lines: string[] = [];
  const durations: number[] = [];
  let failed = 0;
  const t0 = Date.parse('2025-02-03T04:05:06Z');
  for (let i = 0; i < n; i++) {
    const ep = ['a', 'b', 'c'][i % 3];
    const d = +(1 + -Math.log(1 - r()) * 20 * (ep === 'c' ? 3 : 1)).toFixed(6);
    durations.push(d);
    const fail = r() < 0.02 ? 1 : 0;
    failed += fail;
    const time = new Date(t0 + i * 3).toISOString().replace('Z', '123+00:00');
    const tags = `{"endpoint":"${ep}","method":"GET","status":"${fail ? 500 : 200}"}`;
    const point = (metric: string, value: number): string => pointLine(layout, metric, `{"time":"${time}","value":${value},"tags":${tags}}`);
    lines.push(point('http_reqs', 1), point('http_req_duration', d), point('http_req_waiting', d * 0.9), point('http_req_blocked', 0.01), point('http_req_failed', fail));
  }
  return { text: `${lines.join('\n')}\n`, durations, failed };
}

describe('streamK6Json', () => {
  it('reads the documented line shapes in both of k6\'s key orders, tags null, escapes and metadata', async () => {
    const s = await streamK6Json(SAMPLE);
    expect(s.metricLines).toBe(2);
    expect(s.points).toBe(17);
    expect(s.malformedLines).toBe(1);
    // JSON.parse only for the escaped tag, the endpoint key in metadata, and the one line in a
    // key order k6 never wrote (type, metric, data).
    expect(s.slowPathLines).toBe(3);
    expect(s.durationPoints).toBe(8);
    expect(s.httpReqs).toBe(5);
    expect(s.failedRequests).toBe(1);
    const ep = (name: string): [number, number, number] => {
      const e = s.endpoints.get(name)!;
      return [e.histogram.totalCount, e.requests, e.failed];
    };
    expect(ep('home')).toEqual([2, 2, 0]);
    expect(ep('search')).toEqual([2, 2, 1]);
    expect(ep('(untagged)')).toEqual([2, 1, 0]);
    expect(ep('café')).toEqual([1, 0, 0]); // JSON escape, slow path
    expect(ep('naïve')).toEqual([1, 0, 0]); // raw UTF-8, fast path
    expect([...s.endpoints.keys()].sort()).toEqual(['(untagged)', 'café', 'home', 'naïve', 'search']);
    expect(s.histogram.maxValue).toBeGreaterThanOrEqual(1_500_000);
    expect(s.histogram.maxValue).toBeLessThan(1_502_000);
    expect(new Date(s.firstTimeMs!).toISOString()).toBe('2017-05-09T12:34:45.239Z');
    expect(s.firstTimeMs! % 1).toBeCloseTo(0.531499, 3);
    expect(new Date(s.lastTimeMs!).toISOString()).toBe('2017-05-09T12:34:49.000Z');
  });

  it('records percentiles within 1% of an exact sort, and counts every request and failure', async () => {
    const { text, durations, failed } = generate(30000, 5);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-k6-'));
    const file = path.join(dir, 'out.json');
    fs.writeFileSync(file, text);
    const s = await streamK6Json(file);
    expect(s.slowPathLines).toBe(0);
    expect(s.points).toBe(30000 * 5);
    expect(s.httpReqs).toBe(30000);
    expect(s.durationPoints).toBe(30000);
    expect(s.failedRequests).toBe(failed);
    const sorted = [...durations].sort((a, b) => a - b);
    for (const p of [50, 90, 95, 99, 99.9]) {
      const exact = exactPercentile(sorted, p);
      const got = s.histogram.getValueAtPercentile(p) / 1000;
      expect(Math.abs(got / exact - 1)).toBeLessThan(0.01);
    }
    const c = s.endpoints.get('c')!;
    expect(c.requests).toBe(10000);
    expect(c.histogram.getValueAtPercentile(50)).toBeGreaterThan(s.endpoints.get('a')!.histogram.getValueAtPercentile(50) * 2);
    expect(s.lastTimeMs! - s.firstTimeMs!).toBeCloseTo(29999 * 3, 6);
    // gzipped output (`k6 run --out json=results.gz`) gives the same figures
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
    const gz = await streamK6Json(`${file}.gz`);
    expect(gz.histogram.getValueAtPercentile(99)).toBe(s.histogram.getValueAtPercentile(99));
    expect(gz.failedRequests).toBe(failed);
    fs.rmSync(dir, { recursive: true });
  });

  // The fast path must fire on what k6 1.3 writes; before it knew only `{"type":"Point",…` prefixes,
  // so every real line went to JSON.parse.
  it('reads real k6 1.3 lines (metric first, metadata after the tags) on the fast path', () => {
    const r = new K6LineReader();
    r.line('{"metric":"http_req_duration","type":"Point","data":{"time":"2025-10-14T09:12:01.000371002Z","value":3.402617,"tags":{"expected_response":"true","method":"GET","name":"http://api:8080/json","proto":"HTTP/1.1","scenario":"baseline","status":"200","tls_version":"","url":"http://api:8080/json","endpoint":"json","profile":"baseline"}}}');
    r.line('{"metric":"http_reqs","type":"Point","data":{"time":"2025-10-14T09:12:01.000371002Z","value":1,"tags":{"endpoint":"json","method":"GET","status":"200"},"metadata":{"trace_id":"0af7651916cd43dd8448eb211c80319c"}}}');
    r.line('{"metric":"http_req_failed","type":"Point","data":{"time":"2025-10-14T09:12:01.000371002Z","value":0,"tags":{"endpoint":"json"}}}');
    r.line('{"metric":"dropped_iterations","type":"Point","data":{"time":"2025-10-14T09:12:02Z","value":1,"tags":{"scenario":"baseline"}}}');
    r.line('{"type":"Metric","data":{"name":"http_reqs","type":"counter","contains":"default","thresholds":[],"submetrics":null},"metric":"http_reqs"}');
    expect(r.summary.slowPathLines).toBe(0);
    expect(r.summary.points).toBe(4);
    expect(r.summary.metricLines).toBe(1);
    expect(r.summary.durationPoints).toBe(1);
    expect(r.summary.httpReqs).toBe(1);
    expect(r.summary.endpoints.get('json')!.histogram.totalCount).toBe(1);
    expect(new Date(r.summary.firstTimeMs!).toISOString()).toBe('2025-10-14T09:12:01.000Z');
    // A name with an escape is left to JSON.parse, which reads it the same.
    r.line('{"metric":"custom\\\\trend","type":"Point","data":{"time":"2025-10-14T09:12:03Z","value":1,"tags":null}}');
    expect(r.summary.slowPathLines).toBe(1);
    expect(r.summary.points).toBe(5);
  });

  it('reads k6 ≤ v0.40 lines (metric last) on the fast path too, with the same figures', async () => {
    const current = await streamK6Json(Readable.from([generate(3000, 4).text]));
    const old = await streamK6Json(Readable.from([generate(3000, 4, 'v0.40').text]));
    expect(current.slowPathLines).toBe(0);
    expect(old.slowPathLines).toBe(0);
    expect(old.durationPoints).toBe(current.durationPoints);
    expect(old.failedRequests).toBe(current.failedRequests);
    for (const p of [50, 99, 100]) expect(old.histogram.getValueAtPercentile(p)).toBe(current.histogram.getValueAtPercentile(p));
  });

  it('gives the same summary through the fast path and JSON.parse, across any chunking', async () => {
    const { text } = generate(2000, 9);
    const fast = await streamK6Json(Readable.from([text]));
    // Re-ordered keys force every line through JSON.parse.
    const reordered = text
      .trim()
      .split('\n')
      .map((l) => {
        const o = JSON.parse(l);
        return JSON.stringify({ metric: o.metric, data: o.data, type: o.type });
      })
      .join('\n');
    const slow = await streamK6Json(Readable.from([reordered]));
    expect(slow.slowPathLines).toBe(10000);
    // 7-byte chunks cut lines (and CRLF endings) everywhere.
    const crlf = text.replace(/\n/g, '\r\n');
    const pieces: string[] = [];
    for (let i = 0; i < crlf.length; i += 7) pieces.push(crlf.slice(i, i + 7));
    const chunked = await streamK6Json(Readable.from(pieces));
    for (const s of [slow, chunked]) {
      expect(s.durationPoints).toBe(fast.durationPoints);
      expect(s.httpReqs).toBe(fast.httpReqs);
      expect(s.failedRequests).toBe(fast.failedRequests);
      expect(s.firstTimeMs).toBe(fast.firstTimeMs);
      expect(s.lastTimeMs).toBe(fast.lastTimeMs);
      for (const p of [50, 99, 100]) expect(s.histogram.getValueAtPercentile(p)).toBe(fast.histogram.getValueAtPercentile(p));
      expect([...s.endpoints.entries()].map(([k, v]) => [k, v.requests, v.failed, v.histogram.totalCount])).toEqual(
        [...fast.endpoints.entries()].map(([k, v]) => [k, v.requests, v.failed, v.histogram.totalCount]),
      );
    }
    expect(chunked.malformedLines).toBe(0);
  });

  it('reads single lines and a last line without a newline', async () => {
    const r = new K6LineReader();
    r.line('{"metric":"http_req_duration","type":"Point","data":{"time":"2025-01-01T00:00:00Z","value":1.5,"tags":{"endpoint":"x"}}}');
    expect(r.summary.histogram.getValueAtPercentile(100)).toBe(1500);
    const s = await streamK6Json(Readable.from(['{"metric":"http_req_duration","type":"Point","data":{"time":"2025-01-01T00:00:00Z","value":2,"tags":null}}']));
    expect(s.durationPoints).toBe(1);
  });

  it('parses JSON numbers like JSON.parse', () => {
    for (const t of ['0', '12', '459.865729', '-3.25', '1e3', '2.5E-2', '123456789012345678', '0.000001']) {
      expect(parseNumber(`x${t},`, 1)).toBeCloseTo(JSON.parse(t), 9);
    }
    expect(parseNumber('x-,', 1)).toBeNaN();
    expect(parseNumber('xnull', 1)).toBeNaN();
  });

  it('names the file it cannot read', async () => {
    await expect(streamK6Json('/nonexistent/k6.json')).rejects.toThrow('/nonexistent/k6.json: cannot be read (ENOENT)');
  });
});
