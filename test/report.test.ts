import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { registerReport } from '../src/cli/commands/report';
import { buildRules, parseRuleSpec } from '../src/gate/rules';
import { CapacityError, parseGrowth, projectCapacity } from '../src/report/capacity';
import { renderHtml } from '../src/report/html';
import { renderMarkdown } from '../src/report/markdown';
import { ReportError, buildReportModel } from '../src/report/model';
import { niceScale, percentileAxis } from '../src/report/svg';
import { writeReport } from '../src/report/write';
import { writeRunResult } from '../src/results/store';
import { RunResult } from '../src/results/run-result';
import { groupResults } from '../src/stats/groups';
import { runCommands } from './fixtures/results/cli-harness';
import { fakeRepeats, fakeRun } from './fixtures/results/factory';
import { CHROMIUM, dumpDom, screenshot } from './helpers/chromium';

const made: string[] = [];
const tmp = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-report-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});
const res = { memoryPeakBytes: 80e6, cpuCoresAvg: 0.6, cost: { totalCost: 0.02 } };
const baseline = fakeRepeats(5, { seed: 60, ...res });
const same = fakeRepeats(5, { seed: 70, label: 'candidate', ...res });
const slower = fakeRepeats(5, { seed: 70, label: 'candidate', baseMs: 5.6, tailMs: 1.1, ...res });
const asBaseline = (rs: RunResult[]) => ({ group: groupResults(rs)[0], source: 'test baseline' });

describe('capacity projection', () => {
  it('sizes pods with headroom and concurrency with Little’s law', () => {
    const p = projectCapacity({ perPodRps: 1000, meanLatencyMs: 20, p95LatencyMs: 50, targetRps: 1000, growthPerMonth: 0.2, months: 2, utilization: 0.5 });
    expect(p.plannedPerPodRps).toBe(500);
    expect(p.rows.map((r) => [r.month, Math.round(r.rps), r.pods])).toEqual([
      [0, 1000, 2],
      [1, 1200, 3],
      [2, 1440, 3],
    ]);
    expect(p.rows[0].inFlight).toBeCloseTo(20, 9); // 1000 req/s × 0.020 s
    expect(p.rows[0].inFlightP95).toBeCloseTo(50, 9);
    expect(p.rows[2].inFlightPerPod).toBeCloseTo((1440 * 0.02) / 3, 9);
    expect(p.measuredInFlightPerPod).toBeCloseTo(20, 9);
  });

  it('parses growth rates and rejects bad input', () => {
    expect(parseGrowth('20%')).toBeCloseTo(0.2, 12);
    expect(parseGrowth('20%/month')).toBeCloseTo(0.2, 12);
    expect(parseGrowth('0.05')).toBeCloseTo(0.05, 12);
    expect(() => parseGrowth('fast')).toThrow(/expected a monthly rate/);
    expect(() => projectCapacity({ perPodRps: 0, meanLatencyMs: 1, targetRps: 1, growthPerMonth: 0, months: 1 })).toThrow(CapacityError);
  });
});

describe('report model', () => {
  it('fails a candidate that regressed against the baseline and says where', () => {
    const m = buildReportModel(slower, asBaseline(baseline), { now: new Date('2025-06-01T00:00:00Z') });
    expect(m.verdict).toBe('FAIL');
    expect(m.verdictReasons.join('\n')).toMatch(/go \[candidate\]: latency p95 regressed beyond 5% and noise/);
    expect(m.recommendations.join('\n')).toMatch(/Investigate the latency p95 and latency p99 regression of go \[candidate\]/);
    expect(m.analysis.join('\n')).toMatch(/go \[candidate\] vs go, beyond noise: .*latency p95 \+1\d\.\d%/);
  });

  it('passes an A/A comparison and warns on a memory increase', () => {
    expect(buildReportModel(same, asBaseline(baseline)).verdict).toBe('PASS');
    const fat = fakeRepeats(5, { seed: 70, label: 'candidate', ...res, memoryPeakBytes: 120e6 });
    const m = buildReportModel(fat, asBaseline(baseline));
    expect(m.verdict).toBe('PASS WITH WARNING');
    expect(m.verdictReasons.join('\n')).toMatch(/peak memory worse beyond 10%/);
    expect(buildReportModel(fat, asBaseline(baseline), { rules: buildRules([parseRuleSpec('memory=10%')]) }).verdict).toBe('FAIL');
  });

  it('fails on missed profile thresholds against a baseline, and only notes them in a ranking', () => {
    const tight = fakeRepeats(2, { seed: 5, profile: { thresholds: { p95Ms: 6 } } }).map((r) => ({
      ...r,
      thresholds: [{ metric: 'latency.p95', condition: '< 6 ms', observed: r.latency.p95, passed: false }],
      thresholdsPassed: false,
    }));
    const m = buildReportModel(tight);
    expect(m.reference).toBeUndefined();
    expect(m.verdict).toBe('RANKING');
    expect(m.verdictReasons.join('\n')).toMatch(/2 profile thresholds missed/);
    expect(buildReportModel(tight, asBaseline(baseline)).verdict).toBe('FAIL');
  });

  it('tells baseline and current of the same variant apart', () => {
    const m = buildReportModel(fakeRepeats(5, { seed: 80, ...res }), asBaseline(baseline));
    expect([m.reference!.name, m.candidates[0].view.name]).toEqual(['go (baseline)', 'go (current)']);
    expect(m.title).toBe('runtime: go (current) vs go (baseline)');
  });

  it('refuses results of different experiments or profiles', () => {
    expect(() => buildReportModel([...baseline, fakeRun({ experiment: 'mesh' })])).toThrow(/different experiments \(runtime, mesh\)/);
    expect(() => buildReportModel(same, asBaseline(fakeRepeats(2, { profile: { name: 'stress' } })))).toThrow(/different load profiles/);
    expect(() => buildReportModel([])).toThrow(ReportError);
  });
});

describe('rendered report', () => {
  const model = buildReportModel(slower, asBaseline(baseline), { capacity: { targetRps: 2000, growthPerMonth: 0.2, months: 12 }, now: new Date('2025-06-01T00:00:00Z') });

  it('writes Markdown with every section, the latency table and targets', () => {
    const md = renderMarkdown(model);
    for (const h of ['## Summary', '## Test configuration', '### Environment', '## Latency', '## Throughput', '## Resources', '## Cost', '## Capacity projection', '## Analysis', '## Recommendations', '## Gate details', '## Verdict']) {
      expect(md).toContain(`\n${h}\n`);
    }
    expect(md).toMatch(/^# runtime: go \[candidate\] vs go\n\n\*\*Verdict: FAIL\*\*/);
    expect(md).toMatch(/\| p95 \| [\d.]+ ms \| [\d.]+ ms \| \+1\d\.\d% \| \+[\d.]+%…\+[\d.]+% \| 0\.008 \| < 50 ms \| FAIL \|/);
    expect(md).toMatch(/\| 12 \| 17,832 \| \d+ \|/); // 2000 × 1.2^12
  });

  it('writes self-contained HTML: inline SVG charts, no scripts, no external resources', () => {
    const html = renderHtml(model);
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:\/\//);
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(5); // latency, rps, cpu, memory, cost, capacity
    expect(html.match(/class="series"/g)!.length).toBe(2); // one percentile line per configuration
    expect(html).toContain('<span class="badge FAIL">FAIL</span>');
  });

  it('places percentiles on the log-ish axis and picks nice scales', () => {
    expect(percentileAxis(90)).toBeCloseTo(1, 12);
    expect(percentileAxis(99.9)).toBeCloseTo(3, 9);
    expect(niceScale(87)).toEqual({ max: 100, step: 20 });
    expect(niceScale(0.42)).toEqual({ max: 0.5, step: 0.1 });
  });

  it('writes both files atomically, leaving no temporary files', () => {
    const dir = tmp();
    const w = writeReport(dir, model);
    expect(fs.readdirSync(dir).sort()).toEqual(['report.html', 'report.md']);
    expect(fs.readFileSync(w.html, 'utf8')).toBe(renderHtml(model));
  });

  (fs.existsSync(CHROMIUM) ? it : it.skip)(
    fs.existsSync(CHROMIUM) ? 'draws the charts in headless Chromium' : `draws the charts in headless Chromium — SKIPPED: ${CHROMIUM} not found (apt-get install chromium)`,
    () => {
      const dir = tmp();
      const { html } = writeReport(dir, model);
      const rendered = dumpDom(html, dir);
      expect(rendered.status).toBe(0);
      const out = rendered.dom;
      expect(out.match(/<svg[^>]*class="chart"/g)!.length).toBeGreaterThanOrEqual(5);
      // percentile lines with real coordinates, bars with widths, run dots
      const series = [...out.matchAll(/<path d="(M[^"]+)"[^>]*class="series"/g)].map((m) => m[1]);
      expect(series).toHaveLength(2);
      for (const d of series) expect(d.split('L').length).toBeGreaterThan(50);
      const bars = [...out.matchAll(/<rect [^>]*width="([\d.]+)"[^>]*class="bar"/g)].map((m) => Number(m[1]));
      expect(bars.length).toBeGreaterThanOrEqual(2 * 4 + 13); // rps, cpu, memory, cost per configuration + 13 months
      expect(Math.min(...bars)).toBeGreaterThan(0);
      expect(out).toMatch(/<circle [^>]*class="run-dot"/);
      const png = path.join(dir, 'report.png');
      expect(screenshot(html, png, dir)).toBe(0);
      const bytes = fs.readFileSync(png);
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(bytes.length).toBeGreaterThan(30_000); // a blank page is ~5 kB
    },
    120_000,
  );
});

describe('perflab report (CLI)', () => {
  function store(rs: RunResult[]): string {
    const dir = tmp();
    for (const r of rs) writeRunResult(dir, r);
    return dir;
  }

  it('writes report.md and report.html and prints the verdict', async () => {
    const out = path.join(tmp(), 'report');
    const r = await runCommands([registerReport], ['report', store(slower), '--baseline', store(baseline), '--out', out, '--target-rps', '3000', '--growth', '15%/month', '--months', '6']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^FAIL: go \[candidate\]: latency p95 regressed/);
    expect(fs.readdirSync(out).sort()).toEqual(['report.html', 'report.md']);
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).toMatch(/\| 6 \| 6,939 \|/); // 3000 × 1.15^6
  });

  it('exits 2 on bad input', async () => {
    const out = path.join(tmp(), 'report');
    for (const [args, message] of [
      [['report', store([...baseline, fakeRun({ experiment: 'mesh' })]), '--out', out], /different experiments/],
      [['report', store(slower), '--out', out, '--growth', 'lots'], /--growth "lots"/],
      [['report', store(slower), '--out', out, '--utilization', '1.5'], /--utilization 1\.5: expected a fraction ≤ 1/],
      [['report', '/nonexistent', '--out', out], /\/nonexistent: no such file or folder/],
    ] as [string[], RegExp][]) {
      const r = await runCommands([registerReport], args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(fs.existsSync(out)).toBe(false);
  });
});
