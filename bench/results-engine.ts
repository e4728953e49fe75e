/**
 * Results engine benchmark: streams a generated 5M-point k6 `--out json` file (the line layout
 * k6 1.3 writes — `{"metric":…,"type":"Point","data":{…}}`, grafana/k6 v1.3.0
 * internal/output/json/json_easyjson.go — realistic tags, 9 http_* points per request) into HDR
 * histograms and reports points/s, the RSS high-water mark during the stream against before it,
 * and each percentile's relative error against an exact sort of the same durations; then the
 * fast path against JSON.parse on the same 1M points (alternating rounds, as a ratio); then the
 * time to merge 16 RunResults.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { latencyOf } from '../src/local/http-result';
import { streamK6Json } from '../src/results/k6-json-stream';
import { newLatencyHistogram } from '../src/results/histogram';
import { mergeRunResults } from '../src/results/merge';
import { RunResult, RunResultSchema } from '../src/results/run-result';
import { seededRandom } from '../src/stats/prng';

/** Selects this benchmark: `npm run bench -- results-engine`. */
export const name = 'results-engine';

const POINTS = 5_000_000;
const METRICS = ['http_reqs', 'http_req_duration', 'http_req_blocked', 'http_req_connecting', 'http_req_tls_handshaking', 'http_req_sending', 'http_req_waiting', 'http_req_receiving', 'http_req_failed'];
const ENDPOINTS = ['home', 'search', 'checkout'];

/**
 * Key order of the sample lines: `k6` as k6 ≥ v0.41 writes them, or `reordered` (type, metric,
 * data — an order no k6 writes), which sends every line through JSON.parse.
 */
type Layout = 'k6' | 'reordered';

/** Writes `points` k6 JSON lines; returns the http_req_duration values written (ms). */
async function generate(file: string, points: number, layout: Layout = 'k6'): Promise<Float64Array> {
  const random = seededRandom(5);
  const out = fs.createWriteStream(file);
  const durations = new Float64Array(Math.ceil(points / METRICS.length) + 1);
  let nDur = 0;
  let written = 0;
  let t = Date.parse('2025-01-01T00:00:00Z');
  let buf: string[] = ['{"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":["p(95)<500"],"submetrics":null},"metric":"http_req_duration"}'];
  while (written < points) {
    const ep = ENDPOINTS[Math.floor(random() * ENDPOINTS.length)];
    // log-normal-ish body with an exponential tail
    const dur = +(2 + Math.exp(random() * 2) + -Math.log(1 - random()) * 6).toFixed(6);
    const failed = random() < 0.01 ? 1 : 0;
    t += 0.137;
    const time = `${new Date(Math.floor(t)).toISOString().slice(0, 23)}512345Z`;
    const tags = `{"endpoint":"${ep}","expected_response":"${failed ? 'false' : 'true'}","group":"","method":"GET","name":"http://svc:8080/${ep}","proto":"HTTP/1.1","scenario":"default","status":"${failed ? 503 : 200}","url":"http://svc:8080/${ep}"}`;
    for (const m of METRICS) {
      if (written >= points) break;
      const v = m === 'http_reqs' ? 1 : m === 'http_req_duration' ? dur : m === 'http_req_failed' ? failed : +(random() * 0.5).toFixed(6);
      if (m === 'http_req_duration') durations[nDur++] = dur;
      const data = `{"time":"${time}","value":${v},"tags":${tags}}`;
      buf.push(layout === 'k6' ? `{"metric":"${m}","type":"Point","data":${data}}` : `{"type":"Point","metric":"${m}","data":${data}}`);
      written++;
    }
    if (buf.length >= 5000) {
      if (!out.write(`${buf.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = [];
    }
  }
  out.write(`${buf.join('\n')}\n`);
  await new Promise<void>((r) => out.end(r));
  return durations.subarray(0, nDur);
}

function fakeResult(i: number, random: () => number): RunResult {
  const all = newLatencyHistogram();
  const per = ENDPOINTS.map(() => newLatencyHistogram());
  for (let k = 0; k < 100_000; k++) {
    const us = Math.round((2 + -Math.log(1 - random()) * 6) * 1000);
    all.recordValue(us);
    per[k % 3].recordValue(us);
  }
  const start = new Date(Date.UTC(2025, 0, 1, 12, 0, i % 2));
  return RunResultSchema.parse({
    kind: 'perflab.dev/RunResult', version: 1, id: `bench-runner-${i}`, experiment: 'bench', variant: 'runner', target: 'k3s',
    profile: { name: 'baseline', stages: [{ durationSeconds: 60, target: 50 }], thresholds: { p95Ms: 50 } },
    startedAt: start.toISOString(), finishedAt: new Date(start.getTime() + 60_000).toISOString(), durationSeconds: 60,
    loadGenerator: { name: 'k6', version: '1.0.0' }, latency: latencyOf(all),
    throughput: { requestsPerSecond: 100_000 / 60, totalRequests: 100_000, totalBytes: 1e7, bytesPerSecond: 1e7 / 60 },
    errors: { total: 10, rate: 1e-4, byKind: { http_5xx: 10 } },
    endpoints: ENDPOINTS.map((e, k) => ({ name: e, requests: per[k].totalCount, errors: 0, latency: latencyOf(per[k]) })),
    resources: [{ component: `k6-runner-${i}`, cpuCoreSeconds: 30, cpuCoresAvg: 0.5, memoryAvgBytes: 1e8, memoryPeakBytes: 1.2e8, samples: 60, source: 'metrics.k8s.io' }],
    thresholds: [], thresholdsPassed: true,
    environment: { target: 'k3s', os: 'linux', kernel: '6', arch: 'x64', cpuModel: 'bench', cpuCores: 2, memoryBytes: 1, toolVersions: {} },
    notes: [],
  });
}

/** Points the fast-path comparison streams per file. */
const COMPARE_POINTS = 1_000_000;

/** CPU seconds to stream `file`, and how many lines went through JSON.parse. */
async function cpuToStream(file: string): Promise<{ cpuSeconds: number; slow: number; points: number }> {
  global.gc?.();
  const cpu0 = process.cpuUsage();
  const s = await streamK6Json(file);
  const cpu = process.cpuUsage(cpu0);
  return { cpuSeconds: (cpu.user + cpu.system) / 1e6, slow: s.slowPathLines, points: s.points };
}

/** The same points in k6's layout (fast path) and reordered (JSON.parse), streamed in alternating rounds. */
async function fastAgainstJsonParse(dir: string): Promise<void> {
  const fastFile = path.join(dir, 'k6-compare.json');
  const slowFile = path.join(dir, 'reordered-compare.json');
  await generate(fastFile, COMPARE_POINTS, 'k6');
  await generate(slowFile, COMPARE_POINTS, 'reordered');
  await cpuToStream(fastFile); // warm-up
  const fast: number[] = [];
  const slow: number[] = [];
  let slowLines = { fast: 0, slow: 0 };
  for (let round = 0; round < 3; round++) {
    const f = await cpuToStream(fastFile);
    const j = await cpuToStream(slowFile);
    fast.push(f.cpuSeconds);
    slow.push(j.cpuSeconds);
    slowLines = { fast: f.slow, slow: j.slow };
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  process.stdout.write(
    `fast path vs JSON.parse on the same ${COMPARE_POINTS.toLocaleString('en-US')} points, 3 alternating rounds (median CPU): ${median(fast).toFixed(2)} s vs ${median(slow).toFixed(2)} s = ${(median(slow) / median(fast)).toFixed(2)}x; lines via JSON.parse ${slowLines.fast} (k6 layout) and ${slowLines.slow} (reordered)\n`,
  );
}

const mib = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MiB`;

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-bench-k6-'));
  const file = path.join(dir, 'k6.json');
  try {
    let t0 = process.hrtime.bigint();
    const durations = await generate(file, POINTS);
    const genSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    process.stdout.write(`generated ${POINTS.toLocaleString('en-US')} points (${durations.length.toLocaleString('en-US')} http_req_duration), ${(fs.statSync(file).size / 1e9).toFixed(2)} GB in ${genSeconds.toFixed(1)} s\n`);

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
    t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    const s = await streamK6Json(file);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    process.stdout.write(`streamed ${s.points.toLocaleString('en-US')} points in ${seconds.toFixed(2)} s = ${(s.points / seconds / 1e6).toFixed(2)} M points/s wall clock; ${(s.points / cpuSeconds / 1e6).toFixed(2)} M points per CPU-second (${cpuSeconds.toFixed(2)} s CPU; ${os.loadavg()[0].toFixed(1)} load average); ${s.slowPathLines} lines via JSON.parse, ${s.malformedLines} malformed\n`);
    process.stdout.write(`rss before ${mib(rssBefore)}, peak during stream ${mib(rssPeak)} (+${mib(rssPeak - rssBefore)}) for a ${(fs.statSync(file).size / 1e9).toFixed(2)} GB file\n`);

    const sorted = Float64Array.from(durations).sort();
    for (const p of [50, 95, 99, 99.9]) {
      const exact = sorted[Math.max(0, Math.ceil((p / 100) * sorted.length - 1e-9) - 1)];
      const got = s.histogram.getValueAtPercentile(p) / 1000;
      process.stdout.write(`  p${p}: exact ${exact.toFixed(3)} ms, HDR ${got.toFixed(3)} ms, error ${((got / exact - 1) * 100).toFixed(3)}%\n`);
    }
    process.stdout.write(`  http_reqs ${s.httpReqs.toLocaleString('en-US')}, failed ${s.failedRequests.toLocaleString('en-US')}, endpoints ${[...s.endpoints.keys()].join(', ')}\n`);
    await fastAgainstJsonParse(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const random = seededRandom(9);
  const results = Array.from({ length: 16 }, (_, i) => fakeResult(i, random));
  mergeRunResults(results); // warm-up
  const reps = 5;
  const t1 = process.hrtime.bigint();
  let merged: RunResult | undefined;
  for (let i = 0; i < reps; i++) merged = mergeRunResults(results);
  const ms = Number(process.hrtime.bigint() - t1) / 1e6 / reps;
  process.stdout.write(`merge of 16 results (100k samples, 3 endpoints each): ${ms.toFixed(1)} ms; merged p95 ${merged!.latency.p95} ms over ${merged!.latency.count.toLocaleString('en-US')} requests (${merged!.notes[0].slice(0, 40)}…)\n`);
}
