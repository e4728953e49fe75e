/**
 * Results history benchmark: 10 000 stored RunResults (20 configurations × 500 runs, each file
 * with its HDR histogram, ~as large as a real local result) in a temp folder. Reports the time of
 * a history query with no index (every file read and validated, which is also the first query),
 * with an up-to-date index, and after one new result; then change-point detection over one
 * configuration's 500 runs (3 series, 199 permutations per test).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HISTORY_INDEX_FILE, loadHistory } from '../src/history/history-index';
import { buildHistories } from '../src/history/series';
import { latencyOf } from '../src/local/http-result';
import { newLatencyHistogram } from '../src/results/histogram';
import { RunResult, RunResultSchema } from '../src/results/run-result';
import { writeRunResult } from '../src/results/store';
import { seededRandom } from '../src/stats/prng';
import { median, timeMs } from './_timing';

/** Selects this benchmark: `npm run bench -- history`. */
export const name = 'history';

const CONFIGURATIONS = 20;
const RUNS_EACH = 500;

function template(): RunResult {
  const random = seededRandom(3);
  const h = newLatencyHistogram();
  for (let k = 0; k < 50_000; k++) h.recordValue(Math.round((0.1 + -Math.log(1 - random()) * 0.2) * 1000));
  const start = '2026-01-01T00:00:00.000Z';
  return RunResultSchema.parse({
    kind: 'perflab.dev/RunResult', version: 1, id: 'template', experiment: 'runtime', variant: 'v0', target: 'local',
    profile: { name: 'smoke', stages: [{ durationSeconds: 10, target: 8 }], thresholds: { p95Ms: 50 } },
    startedAt: start, finishedAt: start, durationSeconds: 10, loadGenerator: { name: 'autocannon', version: '9' },
    latency: latencyOf(h), throughput: { requestsPerSecond: 5000, totalRequests: 50_000 },
    errors: { total: 0, rate: 0, byKind: {} }, endpoints: [{ name: 'json', requests: 50_000, errors: 0, latency: latencyOf(h) }],
    resources: [{ component: 'server', cpuCoreSeconds: 9, cpuCoresAvg: 0.9, memoryAvgBytes: 1e7, memoryPeakBytes: 1.2e7, samples: 40, source: 'procfs' }],
    thresholds: [], thresholdsPassed: true, cost: { source: 'modelled', currency: 'USD', totalCost: 0.0001, costPerMillion: 0.002 },
    environment: { target: 'local', os: 'linux', kernel: '6', arch: 'x64', cpuModel: 'bench', cpuCores: 2, memoryBytes: 1, toolVersions: {} },
    notes: [],
  });
}

/** Writes the results plainly (setup, not the measured path: the store's fsync per file would take minutes). */
function generate(dir: string): number {
  const t = template();
  const random = seededRandom(11);
  let bytes = 0;
  fs.mkdirSync(path.join(dir, 'runtime'), { recursive: true });
  for (let c = 0; c < CONFIGURATIONS; c++) {
    for (let i = 0; i < RUNS_EACH; i++) {
      const level = i < RUNS_EACH * 0.7 ? 1 : 1.2; // a +20% step at run 350 of every configuration
      const r: RunResult = {
        ...t,
        id: `v${c}-${i}`,
        variant: `v${c}`,
        startedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
        latency: { ...t.latency, p95: t.latency.p95 * level * (1 + 0.05 * (random() - 0.5)) },
        throughput: { ...t.throughput, requestsPerSecond: 5000 / level },
      };
      const text = `${JSON.stringify(r, null, 2)}\n`;
      bytes += text.length;
      fs.writeFileSync(path.join(dir, 'runtime', `${r.id}.json`), text);
    }
  }
  return bytes;
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-bench-history-'));
  try {
    const bytes = generate(dir);
    const total = CONFIGURATIONS * RUNS_EACH;
    process.stdout.write(`stored ${total.toLocaleString('en-US')} results (${(bytes / total / 1024).toFixed(1)} KiB each, ${(bytes / 1e6).toFixed(0)} MB); load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores\n`);
    const cold: number[] = [];
    for (let i = 0; i < 2; i++) {
      fs.rmSync(path.join(dir, HISTORY_INDEX_FILE), { force: true });
      cold.push(timeMs(() => loadHistory(dir)));
    }
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push(timeMs(() => loadHistory(dir)));
    const indexKiB = fs.statSync(path.join(dir, HISTORY_INDEX_FILE)).size / 1024;
    writeRunResult(dir, { ...template(), id: 'v0-new', variant: 'v0', startedAt: '2027-01-01T00:00:00.000Z' });
    const oneNew = timeMs(() => loadHistory(dir));
    const { entries } = loadHistory(dir);
    let found = '';
    const detect = timeMs(() => {
      const [h] = buildHistories(entries, { experiment: 'runtime', variant: 'v1' });
      found = h.series.map((s) => `${s.metric} ${s.changePoints.map((c) => c.index).join(',') || 'none'}`).join('; ');
    });
    const c = median(cold);
    const w = median(warm);
    process.stdout.write(`history query over ${total.toLocaleString('en-US')} results: no index (every file read) ${c.toFixed(0)} ms; up-to-date index (${indexKiB.toFixed(0)} KiB) ${w.toFixed(0)} ms = ${(c / w).toFixed(1)}x faster; one new result ${oneNew.toFixed(0)} ms\n`);
    process.stdout.write(`change points of one configuration (${RUNS_EACH} runs, 3 series, 199 permutations): ${detect.toFixed(0)} ms; found at ${found} (step injected at 350)\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
