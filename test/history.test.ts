/**
 * The results history: the plain-file index over stored RunResults, `perflab history` (sparklines,
 * change points, cost anomalies, JSON) and the gate's `--baseline history:N`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { registerGate } from '../src/cli/commands/gate';
import { registerHistory } from '../src/cli/commands/history';
import { registerReport } from '../src/cli/commands/report';
import { HISTORY_INDEX_FILE, loadHistory } from '../src/history/history-index';
import { sparkline } from '../src/history/sparkline';
import { RunResult } from '../src/results/run-result';
import { ResultsError, loadResults, writeRunResult } from '../src/results/store';
import { runCommands } from './fixtures/results/cli-harness';
import { FakeRunSpec, fakeRun } from './fixtures/results/factory';
import { CHROMIUM, dumpDom, hasChromium } from './helpers/chromium';

const made: string[] = [];
const tmp = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-history-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});
const cli = (args: string[]) => runCommands([registerHistory, registerGate, registerReport], args);

const hour = (i: number): string => new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();

/** `n` runs one hour apart from hour `from`; `spec(i)` sets run i's figures. */
function runs(n: number, spec: (i: number) => FakeRunSpec, from = 0): RunResult[] {
  return Array.from({ length: n }, (_, i) => fakeRun({ seed: 1000 + from + i, startedAt: hour(from + i), id: `go-${from + i}`, ...spec(i) }));
}

function store(rs: RunResult[], dir = tmp()): string {
  for (const r of rs) writeRunResult(dir, r);
  return dir;
}

describe('history index', () => {
  it('indexes every stored run once, re-reads only new or changed files, and drops deleted ones', () => {
    const dir = store(runs(6, () => ({})));
    const first = loadHistory(dir);
    expect(first.stats).toEqual({ files: 6, parsed: 6, indexWritten: true });
    expect(first.entries.map((e) => e.id)).toEqual(['go-0', 'go-1', 'go-2', 'go-3', 'go-4', 'go-5']);
    expect(first.entries[0]).toMatchObject({ file: path.join('runtime', 'go-0.json'), configuration: 'runtime/go/smoke', workload: '', experiment: 'runtime', variant: 'go' });
    expect(fs.existsSync(path.join(dir, HISTORY_INDEX_FILE))).toBe(true);
    // The index is a dot file: loading the folder's results ignores it.
    expect(loadResults([dir])).toHaveLength(6);

    expect(loadHistory(dir).stats).toEqual({ files: 6, parsed: 0, indexWritten: false });

    store(runs(1, () => ({ baseMs: 9 }), 6), dir);
    writeRunResult(dir, fakeRun({ seed: 7, startedAt: hour(2), id: 'go-2', baseMs: 20 }));
    fs.rmSync(path.join(dir, 'runtime', 'go-0.json'));
    const next = loadHistory(dir);
    expect(next.stats).toEqual({ files: 6, parsed: 2, indexWritten: true });
    expect(next.entries.map((e) => e.id)).toEqual(['go-1', 'go-2', 'go-3', 'go-4', 'go-5', 'go-6']);
    expect(next.entries.find((e) => e.id === 'go-2')!.p95Ms).toBeGreaterThan(20);
  });

  it('rebuilds a missing or corrupt index from the result files', () => {
    const dir = store(runs(3, () => ({})));
    loadHistory(dir);
    fs.writeFileSync(path.join(dir, HISTORY_INDEX_FILE), '{"kind": "perflab.dev/HistoryIndex", "ver');
    expect(loadHistory(dir).stats.parsed).toBe(3);
    fs.rmSync(path.join(dir, HISTORY_INDEX_FILE));
    expect(loadHistory(dir).entries).toHaveLength(3);
    // A record of the wrong shape is dropped and its result file read again.
    const index = JSON.parse(fs.readFileSync(path.join(dir, HISTORY_INDEX_FILE), 'utf8'));
    index.files[path.join('runtime', 'go-1.json')].entry.p95Ms = 'fast';
    fs.writeFileSync(path.join(dir, HISTORY_INDEX_FILE), JSON.stringify(index));
    const again = loadHistory(dir);
    expect(again.stats.parsed).toBe(1);
    expect(typeof again.entries[1].p95Ms).toBe('number');
  });

  it('still answers, and says why, when the index cannot be written', async () => {
    const dir = store(runs(3, () => ({})));
    fs.mkdirSync(path.join(dir, HISTORY_INDEX_FILE)); // a folder where the index file would go
    const { entries, stats } = loadHistory(dir);
    expect(entries).toHaveLength(3);
    expect(stats).toMatchObject({ parsed: 3, indexWritten: false, indexError: expect.stringMatching(/\.perflab-history\.json could not be written \(E[A-Z]+\); the next query reads every result again/) });
    const r = await cli(['history', 'runtime/go', '--results-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: .* could not be written/);
    expect(r.stdout).toMatch(/runtime\/go\/smoke — 3 runs/);
  });

  it('names every corrupt result file instead of skipping it', () => {
    const dir = store(runs(2, () => ({})));
    fs.writeFileSync(path.join(dir, 'runtime', 'broken.json'), '{"kind": "perflab.dev/RunResult", "version": 1');
    expect(() => loadHistory(dir)).toThrow(ResultsError);
    expect(() => loadHistory(dir)).toThrow(/broken\.json: not valid JSON/);
  });
});

describe('sparkline', () => {
  it('scales values between the lowest and highest block', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([0, 10, 0])).toBe('▁█▁');
  });
});

describe('perflab history', () => {
  // 16 runs; from run 9 (index 8) on the server is 2 ms slower: p95 steps from ~8 ms to ~10 ms.
  const stepDir = store(runs(16, (i) => ({ baseMs: i < 8 ? 5 : 7, cost: { totalCost: 0.001 } })));

  it('draws the series and names the change point at the injected step', async () => {
    const r = await cli(['history', 'runtime/go', '--results-dir', stepDir]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^runtime\/go\/smoke — 16 runs, 2026-01-01 00:00 … 2026-01-01 15:00/);
    expect(r.stdout).toMatch(/p95 ms\s+[▁▂▃]{8}[▆▇█]{8}\s+\d\.\d+ ms → \d+(\.\d+)? ms/);
    expect(r.stdout).toMatch(/change point in p95 ms: at run 9 \(go-8, 2026-01-01 08:00\): .* \(\+2\d\.\d%, p=0\.0\d\d\)/);
    expect(r.stdout).not.toMatch(/change point in throughput/);
  });

  it('names no change point on 10 A/A runs', async () => {
    const dir = store(runs(10, () => ({ cost: { totalCost: 0.001 } })));
    const r = await cli(['history', 'runtime/go', '--results-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no change point \(E-divisive means, permutation test\)/);
    expect(r.stdout).not.toMatch(/change point in/);
  });

  it('flags the run whose cost per 1M leaves the band of its history', async () => {
    const costs = [1, 1.01, 0.99, 1.02, 1, 0.98, 1.01, 1, 1.6, 1.01, 0.99, 1];
    const dir = store(runs(costs.length, (i) => ({ cost: { totalCost: 0.001 * costs[i] } })));
    const r = await cli(['history', 'runtime/go', '--results-dir', dir]);
    expect(r.stdout).toMatch(/cost anomaly: run 9 \(go-8, 2026-01-01 08:00\) cost 0\.3200 USD per 1M is above the band 0\.1\d+ USD – 0\.2\d+ USD of the 8 runs before it/);
    expect(r.stdout.match(/cost anomaly/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/\n\s+!\n/);
  });

  it('prints JSON with the series, change points and the method', async () => {
    const r = await cli(['history', 'runtime/go', '--results-dir', stepDir, '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.method.changePoints).toMatch(/Matteson & James 2014/);
    expect(doc.configurations).toHaveLength(1);
    const p95 = doc.configurations[0].series.find((s: { metric: string }) => s.metric === 'p95');
    expect(p95.values).toHaveLength(16);
    expect(p95.changePoints.map((c: { runId: string }) => c.runId)).toEqual(['go-8']);
    expect(doc.configurations[0].runs[0]).toMatchObject({ id: 'go-0', startedAt: hour(0) });
  });

  it('shows each configuration of the variant separately and --last limits the runs', async () => {
    const dir = store([...runs(4, () => ({})), ...runs(3, () => ({ label: 'tuned' }), 10)]);
    const r = await cli(['history', 'runtime/go', '--results-dir', dir, '--last', '3']);
    expect(r.stdout).toMatch(/^runtime\/go\/smoke — 3 runs/m);
    expect(r.stdout).toMatch(/^runtime\/go\[tuned\]\/smoke — 3 runs/m);
    const only = await cli(['history', 'runtime/go', '--results-dir', dir, '--label', 'tuned']);
    expect(only.stdout).not.toMatch(/^runtime\/go\/smoke/m);
  });

  it('exits 2 naming the bad value', async () => {
    const cases: [string[], RegExp][] = [
      [['history', 'runtime', '--results-dir', stepDir], /"runtime" is not <experiment>\/<variant> \(e\.g\. runtime\/go\)/],
      [['history', 'runtime/rust', '--results-dir', stepDir], /no stored runs of runtime\/rust; stored: runtime\/go/],
      [['history', 'runtime/go', '--results-dir', '/nonexistent'], /\/nonexistent: no such results folder/],
      [['history', 'runtime/go', '--results-dir', stepDir, '--last', '1'], /--last "1": expected a whole number ≥ 2/],
      [['history', 'runtime/go', '--results-dir', stepDir, '--significance', '5%'], /--significance "5%": expected a level between 0 and 1/],
      [['history', 'runtime/go', '--results-dir', stepDir, '--permutations', '20'], /permutations 20: the smallest p-value, 1\/21, is above significance 0.01/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('perflab gate --baseline history:N', () => {
  const history = store(runs(12, () => ({})));
  const current = (baseMs: number): string => store(runs(5, () => ({ baseMs, tailMs: baseMs === 5 ? 1 : 1.1 }), 100));

  it('gates the current runs against the last N stored runs of their configuration', async () => {
    const slower = await cli(['gate', '--baseline', 'history:6', '--history-dir', history, '--current', current(5.6)]);
    expect(slower.code).toBe(1);
    expect(slower.stdout.split('\n')[0]).toMatch(/^FAIL: latency p95 \+/);
    expect(slower.stdout).toMatch(/history of runtime\/go\/smoke in .*: last 6 runs, 2026-01-01T06:00:00\.000Z … 2026-01-01T11:00:00\.000Z/);
    const same = await cli(['gate', '--baseline', 'history:6', '--history-dir', history, '--current', current(5)]);
    expect(same.code).toBe(0);
  });

  it('never takes the current runs or later ones into the baseline', async () => {
    const dir = store(runs(4, () => ({})));
    const cur = runs(4, () => ({ baseMs: 5.6, tailMs: 1.1 }), 50);
    store(cur, dir); // the current runs are stored in the history folder too
    store(runs(3, () => ({ baseMs: 5.6 }), 90), dir); // and later ones
    const r = await cli(['gate', '--baseline', 'history:10', '--history-dir', dir, '--current', path.join(dir, 'runtime', 'go-50.json'), path.join(dir, 'runtime', 'go-51.json'), path.join(dir, 'runtime', 'go-52.json'), path.join(dir, 'runtime', 'go-53.json')]);
    expect(r.stdout).toMatch(/last 4 runs, 2026-01-01T00:00:00\.000Z … 2026-01-01T03:00:00\.000Z \(only 4 of the 10 asked for are stored\)/);
  });

  it('exits 2 on a bad N or when no earlier run of the configuration is stored', async () => {
    const bad = await cli(['gate', '--baseline', 'history:x', '--history-dir', history, '--current', current(5)]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--baseline "history:x": expected history:<N> with N a whole number ≥ 2/);
    const other = store(runs(3, () => ({ variant: 'rust' }), 200));
    const none = await cli(['gate', '--baseline', 'history:5', '--history-dir', history, '--current', other]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no runs of runtime\/rust\/smoke stored in .* before 2026-01-09T08:00:00\.000Z/);
  });
});

describe('perflab report --history', () => {
  // 14 runs; p95 steps up at run 8 (index 7) and run 12's cost per 1M spikes.
  const dir = store(runs(14, (i) => ({ baseMs: i < 7 ? 5 : 7, cost: { totalCost: i === 11 ? 0.0016 : 0.001 * (1 + 0.01 * (i % 3)) } })));
  const latest = path.join(dir, 'runtime', 'go-13.json');

  async function report(): Promise<{ md: string; html: string; file: string; out: string }> {
    const out = path.join(tmp(), 'report');
    const r = await cli(['report', latest, '--history', dir, '--out', out]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const file = path.join(out, 'report.html');
    return { md: fs.readFileSync(path.join(out, 'report.md'), 'utf8'), html: fs.readFileSync(file, 'utf8'), file, out };
  }

  it('adds a History section: a chart per figure with the change point and the cost anomaly marked', async () => {
    const { md, html } = await report();
    expect(md).toMatch(/## History\n\n### runtime\/go\/smoke — 14 runs/);
    expect(md).toMatch(/- change point in p95 ms: at run 8 \(go-7, 2026-01-01 07:00\)/);
    expect(md).toMatch(/- cost anomaly: run 12 \(go-11, 2026-01-01 11:00\)/);
    const section = html.slice(html.indexOf('<section id="history">'));
    expect(section.match(/<svg[^>]*class="chart"/g)).toHaveLength(3);
    expect(section.match(/class="change-point"/g)!.length).toBeGreaterThanOrEqual(1);
    expect(section.match(/<circle [^>]*class="anomaly"/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('leaves the History section out without --history, and exits 2 on a missing folder', async () => {
    const out = path.join(tmp(), 'report');
    expect((await cli(['report', latest, '--out', out])).code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).not.toMatch(/## History/);
    const bad = await cli(['report', latest, '--history', '/nonexistent', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\/nonexistent: no such results folder/);
  });

  (hasChromium() ? it : it.skip)(
    hasChromium() ? 'draws the history charts in headless Chromium' : `draws the history charts in headless Chromium — SKIPPED: ${CHROMIUM} not found (apt-get install chromium)`,
    async () => {
      const { file, out } = await report();
      const rendered = dumpDom(file, out);
      expect(rendered.status).toBe(0);
      const section = rendered.dom.slice(rendered.dom.indexOf('<section id="history">'));
      const lines = [...section.matchAll(/<path d="(M[^"]+)"[^>]*class="history-line"/g)].map((m) => m[1]);
      expect(lines).toHaveLength(3);
      for (const d of lines) expect(d.split('L')).toHaveLength(14);
      // The change point's dashed line lies between runs 7 and 8 of the p95 chart.
      const xs = [...section.matchAll(/<circle cx="([\d.]+)"/g)].slice(0, 14).map((m) => Number(m[1]));
      const cp = Number(/<line x1="([\d.]+)"[^>]*class="change-point"/.exec(section)![1]);
      expect(cp).toBeGreaterThan(xs[6]);
      expect(cp).toBeLessThan(xs[7]);
    },
    120_000,
  );
});
