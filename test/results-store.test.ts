/** Tests of the results store (src/results/store.ts) and the HDR histograms (src/results/histogram.ts). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { builtinProfile } from '../src/load/builtin';
import { resolveProfile } from '../src/load/resolve';
import { buildHttpRunResult, latencyOf } from '../src/local/http-result';
import { HttpLoadOutcome } from '../src/local/http-load';
import { LatencyHistogram, LatencySummary, decodeHistogram, encodeHistogram, mergeHistograms, newLatencyHistogram, summarizeHistogram } from '../src/results/histogram';
import { RunResult } from '../src/results/run-result';
import { ResultsError, loadResults, readRunResult, writeFileAtomic, writeRunResult } from '../src/results/store';

const MIX = [
  { name: 'json', method: 'GET' as const, path: '/json', weight: 3, expectStatus: 200 },
  { name: 'echo', method: 'POST' as const, path: '/echo', body: { a: 1 }, weight: 1, expectStatus: 200 },
];

/** A histogram holding every whole microsecond value from `from` to `to`. */
function histogramOf(from: number, to: number): LatencyHistogram {
  const h = newLatencyHistogram();
  for (let us = from; us <= to; us++) h.recordValue(us);
  return h;
}

/** A synthetic local load outcome: 10 000 requests, 1..10 000 µs, 25 server errors on echo. */
function syntheticOutcome(): HttpLoadOutcome {
  const json = newLatencyHistogram();
  const echo = newLatencyHistogram();
  for (let us = 1; us <= 10000; us++) (us % 4 === 0 ? echo : json).recordValue(us);
  return {
    startedAt: new Date('2026-11-25T10:00:00.000Z'),
    finishedAt: new Date('2026-11-25T10:00:10.000Z'),
    elapsedSeconds: 10,
    histogram: histogramOf(1, 10000),
    endpoints: [
      { name: 'json', histogram: json, requests: 7500, errors: 0 },
      { name: 'echo', histogram: echo, requests: 2500, errors: 25 },
    ],
    totalRequests: 10000,
    totalBytes: 1_000_000,
    errorsByKind: { http_5xx: 25 },
    aborted: false,
  };
}

function syntheticResult(): RunResult {
  return buildHttpRunResult(syntheticOutcome(), {
    experiment: 'runtime',
    variant: 'go',
    target: 'local',
    profile: resolveProfile(builtinProfile('smoke')!, MIX),
    loadGenerator: { name: 'autocannon', version: '9.0.0' },
    resources: [{ component: 'api', cpuCoreSeconds: 4.2, cpuCoresAvg: 0.42, memoryAvgBytes: 30e6, memoryPeakBytes: 41e6, samples: 10, source: 'procfs' }],
    environment: { target: 'local', os: 'Debian GNU/Linux 12', kernel: 'Linux 6.1', arch: 'x64', cpuModel: 'test CPU', cpuCores: 2, memoryBytes: 4e9, toolVersions: { node: '20.20.2' } },
    label: 'test',
  });
}

/**
 * Figures of a histogram and of its encoded-then-decoded copy agree exactly, except the max: the
 * encoding keeps bucket counts, not the exact largest value, so a decoded histogram reports the
 * top of the max's bucket (within HDR precision, 0.1%).
 */
function expectSameFigures(decoded: LatencySummary, original: Omit<LatencySummary, 'stddev'> & { readonly stddev?: number }): void {
  expect({ ...decoded, max: 0 }).toEqual({ ...original, max: 0 });
  expect(decoded.max).toBeGreaterThanOrEqual(original.max);
  expect(decoded.max - original.max).toBeLessThanOrEqual(original.max * 0.001);
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-store-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every file under a folder, relative, hidden ones included. */
const allFiles = (d: string): string[] =>
  fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(path.join(d, e.name)).map((f) => path.join(e.name, f)) : [e.name]));

describe('summarizeHistogram and mergeHistograms', () => {
  it('gives the percentiles of known data within HDR precision (3 significant digits)', () => {
    const s = summarizeHistogram(histogramOf(1, 10000));
    expect(s.count).toBe(10000);
    expect(s.min).toBe(0.001);
    const near = (actual: number, expected: number) => expect(Math.abs(actual - expected) / expected).toBeLessThanOrEqual(0.001);
    near(s.p50, 5.0);
    near(s.p90, 9.0);
    near(s.p95, 9.5);
    near(s.p99, 9.9);
    near(s.p999, 9.99);
    near(s.max, 10.0);
    near(s.mean, 5.0005);
    near(s.stddev, 2.88675);
  });

  it('reports zeros for an empty histogram', () => {
    expect(summarizeHistogram(newLatencyHistogram())).toEqual({ count: 0, min: 0, mean: 0, stddev: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 });
    expect(latencyOf(newLatencyHistogram()).histogram).toBeUndefined();
  });

  it('merges histograms: the count is the sum and the percentiles are those of all values', () => {
    const parts = [histogramOf(1, 5000), histogramOf(5001, 10000), histogramOf(200, 300)];
    const merged = mergeHistograms(parts);
    expect(merged.totalCount).toBe(5000 + 5000 + 101);
    const whole = histogramOf(1, 10000);
    for (let us = 200; us <= 300; us++) whole.recordValue(us);
    expect(summarizeHistogram(merged)).toEqual(summarizeHistogram(whole));
  });

  it('merges histograms decoded from their stored form', () => {
    const a = decodeHistogram(encodeHistogram(histogramOf(1, 1000)));
    const b = decodeHistogram(encodeHistogram(histogramOf(1001, 3000)));
    const merged = mergeHistograms([a, b]);
    expect(merged.totalCount).toBe(3000);
    expectSameFigures(summarizeHistogram(merged), summarizeHistogram(histogramOf(1, 3000)));
  });

  it('refuses data that is not an encoded histogram', () => {
    expect(() => decodeHistogram('bm90IGEgaGlzdG9ncmFt')).toThrow(/^not an HDR histogram in compressed base64 form: /);
  });
});

describe('RunResult from a synthetic outcome', () => {
  const r = syntheticResult();

  it('carries the figures of the outcome', () => {
    expect(r.latency.count).toBe(10000);
    expect(r.throughput).toEqual({ requestsPerSecond: 1000, bytesPerSecond: 100000, totalRequests: 10000, totalBytes: 1_000_000 });
    expect(r.errors).toEqual({ total: 25, rate: 0.0025, byKind: { http_5xx: 25 } });
    expect(r.endpoints.map((e) => [e.name, e.requests, e.errors, e.latency.count])).toEqual([
      ['json', 7500, 0, 7500],
      ['echo', 2500, 25, 2500],
    ]);
    expect(r.thresholds).toEqual([{ metric: 'errors.rate', condition: '<= 0.01', observed: 0.0025, passed: true }]);
    expect(r.thresholdsPassed).toBe(true);
  });

  it('stores a histogram that decodes to the same percentiles', () => {
    const decoded = decodeHistogram(r.latency.histogram!.data);
    expect(decoded.totalCount).toBe(10000);
    const { histogram, ...figures } = r.latency;
    expect(histogram).toMatchObject({ encoding: 'hdr-compressed-base64', unit: 'us' });
    expectSameFigures(summarizeHistogram(decoded), figures);
    for (const e of r.endpoints) {
      const { histogram: h, ...f } = e.latency;
      expectSameFigures(summarizeHistogram(decodeHistogram(h!.data)), f);
    }
  });
});

describe('writeRunResult / readRunResult / loadResults', () => {
  it('writes a result under <dir>/<experiment>/<id>.json and reads it back equal', () => {
    const r = syntheticResult();
    const file = writeRunResult(dir, r);
    expect(file).toBe(path.join(dir, 'runtime', `${r.id}.json`));
    expect(readRunResult(file)).toEqual(r);
    expect(loadResults([dir])).toEqual([r]);
    expect(loadResults([file])).toEqual([r]);
  });

  it('writes atomically: no temp file is left, and a rewrite replaces the file whole', () => {
    const r = syntheticResult();
    writeRunResult(dir, r);
    writeRunResult(dir, { ...r, notes: ['rewritten'] });
    expect(allFiles(dir)).toEqual([path.join('runtime', `${r.id}.json`)]);
    expect(readRunResult(path.join(dir, 'runtime', `${r.id}.json`)).notes).toEqual(['rewritten']);
  });

  it('removes its temp file when the final rename fails', () => {
    const target = path.join(dir, 'occupied');
    fs.mkdirSync(path.join(target, 'child'), { recursive: true });
    expect(() => writeFileAtomic(target, '{}')).toThrow();
    expect(allFiles(dir)).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual(['occupied']);
  });

  it('refuses to write an invalid result, naming the key', () => {
    const r = syntheticResult();
    expect(() => writeRunResult(dir, { ...r, errors: { ...r.errors, rate: 2 } })).toThrow('refusing to write an invalid RunResult: errors.rate: 2 is too big; it must be ≤ 1');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('reports every unreadable file by path and reason', () => {
    const good = syntheticResult();
    writeRunResult(dir, good);
    const bad = path.join(dir, 'bad');
    fs.mkdirSync(bad);
    const text = JSON.stringify(good, null, 2);
    const corrupt = path.join(bad, 'corrupt.json');
    fs.writeFileSync(corrupt, text.slice(0, 200));
    const foreign = path.join(bad, 'foreign.json');
    fs.writeFileSync(foreign, JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
    const v2 = path.join(bad, 'v2.json');
    fs.writeFileSync(v2, JSON.stringify({ ...good, version: 2 }));
    const invalid = path.join(bad, 'invalid.json');
    fs.writeFileSync(invalid, JSON.stringify({ ...good, latency: { ...good.latency, p95: -1 } }));
    fs.writeFileSync(path.join(bad, '.half-written.json.123.tmp'), '{');
    fs.writeFileSync(path.join(bad, 'notes.txt'), 'not a result');
    const missing = path.join(dir, 'nowhere');

    let err: ResultsError | undefined;
    try {
      loadResults([bad, missing]);
    } catch (e) {
      err = e as ResultsError;
    }
    expect(err).toBeInstanceOf(ResultsError);
    expect(err!.name).toBe('ResultsError');
    const problems = err!.problems;
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(new RegExp(`^${corrupt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON \\(.+\\) — truncated or corrupt\\?$`));
    expect(problems).toContain(`${foreign}: not a perflab RunResult (kind is undefined, expected "perflab.dev/RunResult")`);
    expect(problems).toContain(`${v2}: RunResult version 2 is not supported; this perflab reads version 1`);
    expect(problems).toContain(`${invalid}: invalid RunResult: latency.p95: -1 is too small; it must be ≥ 0`);
    expect(problems).toContain(`${missing}: no such file or folder`);
    expect(err!.message).toMatch(/^5 result files could not be read:\n {2}- /);
    // The good file in the same tree still loads on its own.
    expect(loadResults([path.join(dir, 'runtime')])).toEqual([good]);
  });

  it('gives a one-problem message for one bad file', () => {
    const missing = path.join(dir, 'gone.json');
    expect(() => loadResults([missing])).toThrow(new ResultsError([`${missing}: no such file or folder`]));
  });
});

describe('summarizeHistogram percentiles', () => {
  it('never reports a percentile above the largest value recorded (a bucket\'s top can exceed it)', () => {
    const h = newLatencyHistogram();
    for (let i = 0; i < 1000; i++) h.recordValue(1000 + i);
    h.recordValue(1_160_622); // one slow request: 1160.622 ms, as a busy run recorded
    for (let i = 0; i < 9; i++) h.recordValue(1_160_000 + i * 50);
    const s = summarizeHistogram(h);
    expect(s.max).toBe(1160.622);
    expect(s.p999).toBeLessThanOrEqual(s.max);
    expect(s.p99).toBeLessThanOrEqual(s.max);
    expect(s.p50).toBeLessThanOrEqual(s.p95);
  });
});
