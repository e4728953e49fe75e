/**
 * Comparisons say what they compare: variants are ranked, not gated; pass/fail exists only
 * between a baseline and a candidate of the same configuration; database workloads and
 * messaging scenarios are paired with themselves, never across.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { registerCompare } from '../src/cli/commands/compare';
import { registerReport } from '../src/cli/commands/report';
import { renderHtml } from '../src/report/html';
import { renderMarkdown } from '../src/report/markdown';
import { buildReportModel } from '../src/report/model';
import { writeRunResult } from '../src/results/store';
import { RunResult } from '../src/results/run-result';
import { comparisonTable, deltaTable, groupSummaryTable } from '../src/results/summary-table';
import { displayName, groupResults } from '../src/stats/groups';
import { partitionByWorkload, sameConfiguration, workloadOf } from '../src/stats/pairing';
import { rankGroups } from '../src/stats/ranking';
import { runCommands } from './fixtures/results/cli-harness';
import { fakeRepeats, fakeRun } from './fixtures/results/factory';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});
function store(rs: RunResult[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-cmp-'));
  made.push(dir);
  for (const r of rs) writeRunResult(dir, r);
  return dir;
}

// Four runtimes as the README's workflow produces them: bun first alphabetically, but not fastest.
const runtime = [
  ...fakeRepeats(3, { seed: 10, variant: 'bun', baseMs: 5.4 }),
  ...fakeRepeats(3, { seed: 20, variant: 'go', baseMs: 5, samples: 6000 }),
  ...fakeRepeats(3, { seed: 30, variant: 'node', baseMs: 6, samples: 4000 }),
  ...fakeRepeats(3, { seed: 40, variant: 'rust', baseMs: 5.1, samples: 5500 }),
];

/** A database result of `workload` (the note build-result.ts writes) reporting transactions/s. */
function dbRun(variant: string, workload: string, tps: number, seed: number): RunResult {
  const r = fakeRun({ experiment: 'database', variant, label: `${variant}/${workload}`, seed, samples: tps * 10 });
  return { ...r, throughput: { transactionsPerSecond: tps, totalTransactions: tps * 10 }, notes: [`workload ${workload}`] };
}
const database = [dbRun('postgres', 'oltp-write-only', 800, 1), dbRun('postgres', 'oltp-read-only', 5000, 2), dbRun('mariadb', 'oltp-write-only', 700, 3), dbRun('mariadb', 'oltp-read-only', 4000, 4)];

describe('pairing', () => {
  it('reads the workload of database results and the scenario of messaging results', () => {
    expect(workloadOf(database[0])).toBe('oltp-write-only');
    expect(workloadOf(fakeRun({ experiment: 'messaging', variant: 'nats', label: 'mine:nats:fanout' }))).toBe('fanout');
    expect(workloadOf(runtime[0])).toBe('');
  });

  it('partitions by workload and calls only same variant + workload + profile one configuration', () => {
    const groups = groupResults(database);
    expect(partitionByWorkload(groups).map((p) => [p.workload, p.groups.map((g) => g.key.variant)])).toEqual([
      ['oltp-write-only', ['postgres', 'mariadb']],
      ['oltp-read-only', ['postgres', 'mariadb']],
    ]);
    expect(sameConfiguration(groups[0], groups[1])).toBe(false); // postgres write-only vs read-only
    const [a, b] = groupResults([...fakeRepeats(2, { seed: 1 }), ...fakeRepeats(2, { seed: 5, label: 'candidate' })]);
    expect(sameConfiguration(a, b)).toBe(true);
  });

  it('never hides the variant behind a label', () => {
    expect(displayName('go', undefined)).toBe('go');
    expect(displayName('go', 'fast-build')).toBe('go [fast-build]');
    expect(displayName('postgres', 'postgres/pgbench-tpcb')).toBe('postgres/pgbench-tpcb');
    expect(displayName('nats', 'mine:nats:throughput')).toBe('mine:nats:throughput');
  });
});

describe('ranking', () => {
  it('orders by median throughput and gives differences from the first with CIs over repeats only', () => {
    const ranked = rankGroups(groupResults(runtime), { seed: 1 });
    expect(ranked.map((r) => r.group.key.variant)).toEqual(['go', 'rust', 'bun', 'node']);
    const node = ranked[3].vsFirst!;
    expect(node.rps!.change).toBeCloseTo(4000 / 6000 - 1, 6);
    expect(node.rps!.changeCi).toBeDefined();
    const single = rankGroups(groupResults([fakeRun({ variant: 'go', seed: 1 }), fakeRun({ variant: 'rust', seed: 2 })]));
    expect(single[1].vsFirst!.p95!.method).not.toBe('repeats');
  });
});

describe('perflab report without a baseline', () => {
  const model = buildReportModel(runtime, undefined, { now: new Date('2025-06-01T00:00:00Z') });

  it('is a ranking: no FAIL, no regression, every configuration ranked and projected', () => {
    expect(model.verdict).toBe('RANKING');
    expect(model.candidates.every((c) => c.gate === undefined)).toBe(true);
    expect(model.rankings[0].ranked.map((r) => r.group.key.variant)).toEqual(['go', 'rust', 'bun', 'node']);
    expect(model.capacities.map((c) => c.groupName)).toEqual(['bun', 'go', 'node', 'rust']);
    const visible = renderHtml(model).replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');
    for (const text of [renderMarkdown(model), visible]) {
      expect(text).not.toMatch(/FAIL|[Rr]egress/); // "pass/fail" in the sentence that says there is none
      expect(text).toMatch(/Ranking/);
    }
    expect(renderMarkdown(model)).toMatch(/\| 4 \| node \| 3 \| 400 \| -33\.3% \[/);
  });

  it('says "1 run" and draws no target caption when the profile has no latency targets', () => {
    const one = buildReportModel([fakeRun({ seed: 3, profile: { thresholds: {} } })]);
    const html = renderHtml(one);
    expect(html).toContain('· 1 run<');
    expect(html).not.toContain('dashed lines');
    expect(renderHtml(model)).toContain('dashed lines are the profile');
  });

  it('prints RANKING from the CLI and exits 0', async () => {
    const out = path.join(store([]), 'report');
    const r = await runCommands([registerReport], ['report', store(runtime), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^RANKING: no baseline of the same configuration/);
  });
});

describe('perflab report with a baseline', () => {
  it('gates only the candidate of the baseline configuration and ranks the others', () => {
    const base = { group: groupResults(fakeRepeats(5, { seed: 60 }))[0], source: 'test' };
    const m = buildReportModel([...fakeRepeats(5, { seed: 70, label: 'candidate' }), ...fakeRepeats(3, { seed: 80, variant: 'rust', baseMs: 9 })], base);
    expect(m.candidates.map((c) => [c.view.name, c.gate?.verdict])).toEqual([
      ['go [candidate]', 'PASS'],
      ['rust', undefined],
    ]);
    expect(m.verdict).toBe('PASS');
    const other = buildReportModel(fakeRepeats(3, { seed: 80, variant: 'rust', baseMs: 9 }), base);
    expect(other.verdict).toBe('RANKING');
    expect(other.verdictReasons.join('\n')).toMatch(/the baseline go is another configuration/);
  });
});

describe('perflab compare', () => {
  it('ranks without --baseline: relative differences with CIs, no "beyond noise"', async () => {
    const r = await runCommands([registerCompare], ['compare', store(runtime)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Ranking \(median rps; differences from go/);
    expect(r.stdout).not.toMatch(/beyond noise|FAIL|regress/i);
    const medians = r.stdout.split('Medians over repeats')[1].split('\n').filter((l) => /^(bun|go|node|rust)\s/.test(l));
    expect(medians.map((l) => l.split(/\s+/)[0])).toEqual(['go', 'rust', 'bun', 'node']); // by rate, like the first table
  });

  it('pairs database runs by workload, never across, and names the rate tps', async () => {
    const r = await runCommands([registerCompare], ['compare', store(database)]);
    expect(r.stdout).toMatch(/Ranking — oltp-write-only/);
    expect(r.stdout).toMatch(/Ranking — oltp-read-only/);
    expect(r.stdout).toMatch(/^variant\s+profile\s+tps/m);
    expect(r.stdout).toMatch(/tps \[95% CI\]/);
    const groups = groupResults(database);
    const table = deltaTable(groups[0], groups);
    expect(table).toContain('mariadb/oltp-write-only');
    expect(table).not.toContain('read-only');
    const withBaseline = await runCommands([registerCompare], ['compare', store(database), '--baseline', 'postgres/oltp-write-only']);
    expect(withBaseline.stderr).toBe('');
    const notPaired = withBaseline.stdout.split('Not paired with postgres/oltp-write-only (another workload or scenario): ')[1];
    expect(notPaired.trim().split(', ').sort()).toEqual(['mariadb/oltp-read-only', 'postgres/oltp-read-only']);
    expect(withBaseline.stdout.split('Against')[1].split('Not paired')[0]).not.toContain('read-only');
  });

  it('shows missed thresholds as missed, not FAIL, and sorts both tables by rate', () => {
    const missed = { ...runtime[0], thresholdsPassed: false };
    expect(comparisonTable([missed])).toMatch(/missed$/m);
    expect(groupSummaryTable(groupResults(runtime)).split('\n')[2]).toMatch(/^go\s/);
  });
});

describe('full-stack breakdown in compare and report', () => {
  const dir = path.join(__dirname, 'fixtures/full-stack/results');

  it('compare lists every component and the per-layer times', async () => {
    const r = await runCommands([registerCompare], ['compare', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Resources per component (the cost counts every one):');
    for (const component of ['server', 'postgres']) expect(r.stdout).toMatch(new RegExp(`\\s${component}\\w*\\s+[\\d.]+\\s+[\\d.]+`));
    expect(r.stdout).toMatch(/Where a request’s time went, per layer \(traced\):/);
    expect(r.stdout).toMatch(/\sdatabase\s+[\d.]+\s+[\d.]+%/);
  });

  it('the report has a Layers section', async () => {
    const out = path.join(store([]), 'report');
    const r = await runCommands([registerReport], ['report', dir, '--out', out]);
    expect(r.stderr).toBe('');
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).toMatch(/## Layers\n\n\*Mean time per request in each layer/);
  });
});

describe('rate units in reports', () => {
  it('names transactions where the runs count transactions', () => {
    const withCost = database.filter((r) => workloadOf(r) === 'oltp-read-only').map((r) => ({ ...r, cost: { source: 'modelled' as const, currency: 'USD', totalCost: 0.01, costPerMillion: 0.5 } }));
    const model = buildReportModel(withCost);
    const md = renderMarkdown(model);
    expect(md).toMatch(/\| configuration \| runs \| tps \(median, 95% CI\) \|/);
    expect(md).toMatch(/\| per 1M transactions \|/);
    expect(renderHtml(model)).toContain('transactions per second');
  });
});
