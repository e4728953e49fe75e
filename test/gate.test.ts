import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { registerBaseline } from '../src/cli/commands/baseline';
import { registerGate } from '../src/cli/commands/gate';
import { readBaseline, saveBaseline } from '../src/gate/baseline';
import { evaluateGate } from '../src/gate/evaluate';
import { gateTable, verdictLine } from '../src/gate/format';
import { GateInputError, checkComparable, resolveBaseline, resolveCurrent } from '../src/gate/inputs';
import { DEFAULT_RULES, buildRules, parseRuleSpec, readRulesFile } from '../src/gate/rules';
import { RunResult } from '../src/results/run-result';
import { writeRunResult } from '../src/results/store';
import { runCommands } from './fixtures/results/cli-harness';
import { fakeRepeats, fakeRun } from './fixtures/results/factory';

const FIXTURES = path.join(__dirname, 'fixtures/results');
const made: string[] = [];
const tmp = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-gate-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});
const gateCli = (args: string[]) => runCommands([registerGate, registerBaseline], args);

/** Copies of `rs` with one figure replaced per run. */
function withFigure(rs: RunResult[], set: (r: RunResult, v: number) => RunResult, values: number[]): RunResult[] {
  return rs.map((r, i) => set(r, values[i]));
}
const p95 = (r: RunResult, v: number): RunResult => ({ ...r, latency: { ...r.latency, p95: v } });
const memory = (r: RunResult, v: number): RunResult => ({ ...r, resources: r.resources.map((x) => ({ ...x, memoryPeakBytes: v })) });

describe('gate rules', () => {
  it('parses rule specs', () => {
    expect(parseRuleSpec('p95=5%')).toEqual({ metric: 'p95', tolerance: 0.05, kind: 'relative', action: 'fail' });
    expect(parseRuleSpec('memory=10%:warn')).toEqual({ metric: 'memory', tolerance: 0.1, kind: 'relative', action: 'warn' });
    expect(parseRuleSpec('errorRate=0.5pp')).toEqual({ metric: 'errorRate', tolerance: 0.005, kind: 'absolute', action: 'fail' });
    expect(parseRuleSpec('p50=2ms:warn')).toEqual({ metric: 'p50', tolerance: 2, kind: 'absolute', action: 'warn' });
    expect(parseRuleSpec('cpu=off').action).toBe('off');
  });

  it('names what is wrong with a bad spec', () => {
    expect(() => parseRuleSpec('p95')).toThrow(/expected <metric>=<rule> with metric one of p50, p95, p99, rps, errorRate, memory, cpu/);
    expect(() => parseRuleSpec('latency=5%')).toThrow(/metric one of/);
    expect(() => parseRuleSpec('p95=5')).toThrow(/"5" is not a rule/);
    expect(() => parseRuleSpec('rps=2ms')).toThrow(/unit ms does not apply to rps/);
    expect(() => parseRuleSpec('p95=5%:maybe')).toThrow(/is not a rule/);
  });

  it('reads YAML and JSON rules files', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'rules.yaml'), 'rules:\n  p95: 3%\n  memory: 10%:fail\n  rps: { maxWorse: 2%, action: warn }\n  p50: off\n');
    const rules = buildRules(readRulesFile(path.join(dir, 'rules.yaml')));
    expect(rules.p95.tolerance).toBeCloseTo(0.03, 12);
    expect(rules.memory).toEqual({ metric: 'memory', tolerance: 0.1, kind: 'relative', action: 'fail' });
    expect(rules.rps).toEqual({ metric: 'rps', tolerance: 0.02, kind: 'relative', action: 'warn' });
    expect(rules.p50.action).toBe('off');
    expect(rules.p99).toEqual(DEFAULT_RULES.p99);
    fs.writeFileSync(path.join(dir, 'rules.json'), JSON.stringify({ rules: { latency: '5%' } }));
    expect(() => readRulesFile(path.join(dir, 'rules.json'))).toThrow(/rules\.latency is not a metric/);
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'p95: 5%\n');
    expect(() => readRulesFile(path.join(dir, 'bad.yaml'))).toThrow(/bad\.yaml: .*expected \{ rules:/);
    expect(() => readRulesFile(path.join(dir, 'none.yaml'))).toThrow(/none\.yaml: cannot be read \(ENOENT\)/);
  });
});

describe('evaluateGate', () => {
  const base = fakeRepeats(5, { seed: 10, memoryPeakBytes: 100e6, cpuCoresAvg: 0.5 });

  it('passes an A/A comparison', () => {
    const o = evaluateGate(base, fakeRepeats(5, { seed: 20, memoryPeakBytes: 100e6, cpuCoresAvg: 0.5 }), DEFAULT_RULES);
    expect(o.verdict).toBe('PASS');
    expect(o.rows.find((r) => r.metric.id === 'p95')!.verdict).toBe('ok');
    expect(verdictLine(o, 'b', 'c')).toMatch(/^PASS: no regression beyond tolerance and noise \(latency p95 [+-]\d+\.\d%, latency p99 [+-]\d+\.\d%\); c \(5 runs\) vs baseline b \(5 runs\)$/);
  });

  it('fails p95 and p99 when 10% worse beyond noise', () => {
    const cur = fakeRepeats(5, { seed: 20, baseMs: 5.5, tailMs: 1.1, memoryPeakBytes: 100e6, cpuCoresAvg: 0.5 });
    const o = evaluateGate(base, cur, DEFAULT_RULES);
    expect(o.verdict).toBe('FAIL');
    const row = o.rows.find((r) => r.metric.id === 'p95')!;
    expect(row.verdict).toBe('FAIL');
    expect(row.worseBy!).toBeGreaterThan(0.07);
    expect(o.rows.find((r) => r.metric.id === 'p99')!.verdict).toBe('FAIL');
    expect(verdictLine(o, 'b', 'c')).toMatch(/^FAIL: latency p95 \+\d+\.\d% \([\d.]+ ms → [\d.]+ ms, CI \+[\d.]+%…\+[\d.]+%, p=0\.008\); latency p99/);
    const table = gateTable(o);
    for (const label of ['latency p50', 'latency p95', 'latency p99', 'throughput', 'error rate', 'peak memory', 'cpu']) expect(table).toContain(label);
  });

  it('does not fail a change beyond tolerance that lies within the noise of the repeats', () => {
    const b = withFigure(base, p95, [10, 12, 14, 11, 13]);
    const c = withFigure(fakeRepeats(5, { seed: 20 }), p95, [11, 13, 15, 12, 14]); // +8.3% but overlapping spread
    const row = evaluateGate(b, c, DEFAULT_RULES).rows.find((r) => r.metric.id === 'p95')!;
    expect(row.worseBy!).toBeGreaterThan(0.05);
    expect(row.verdict).toBe('within noise');
  });

  it('warns on memory by default and fails when a rule says so', () => {
    const c = withFigure(fakeRepeats(5, { seed: 10, memoryPeakBytes: 1, cpuCoresAvg: 0.5 }), memory, [130e6, 131e6, 129e6, 130.5e6, 129.5e6]);
    const b = withFigure(base, memory, [100e6, 101e6, 99e6, 100.5e6, 99.5e6]);
    expect(evaluateGate(b, c, DEFAULT_RULES).verdict).toBe('PASS WITH WARNING');
    expect(evaluateGate(b, c, buildRules([parseRuleSpec('memory=10%')])).verdict).toBe('FAIL');
    expect(evaluateGate(b, c, buildRules([parseRuleSpec('memory=50%')])).verdict).toBe('PASS');
    expect(evaluateGate(c, b, DEFAULT_RULES).rows.find((r) => r.metric.id === 'memory')!.verdict).toBe('better');
  });

  it('is inconclusive with too few repeats, however large the difference', () => {
    const one = [fakeRun({ seed: 1, samples: 20000 })];
    const slower = evaluateGate(one, [fakeRun({ seed: 2, samples: 20000, baseMs: 10, tailMs: 3 })], DEFAULT_RULES);
    expect(slower.verdict).toBe('INCONCLUSIVE');
    expect(slower.inconclusiveReason).toMatch(/1 vs 1 run: one run shows no run-to-run noise/);
    expect(slower.rows.find((r) => r.metric.id === 'p95')!.verdict).toBe('inconclusive');
    expect(verdictLine(slower, 'b', 'c')).toMatch(/^INCONCLUSIVE: 1 vs 1 run/);
    // 3 vs 3 runs cannot reach p < 0.025 (the two fail rules share 0.05): inconclusive too.
    const three = evaluateGate(base.slice(0, 3), fakeRepeats(3, { seed: 20, baseMs: 8 }), DEFAULT_RULES);
    expect(three.verdict).toBe('INCONCLUSIVE');
    expect(three.inconclusiveReason).toMatch(/3 vs 3 runs cannot reach p < 0\.025/);
  });
});

describe('baselines', () => {
  it('saves repeats atomically with their key and reads them back', () => {
    const dir = tmp();
    const rs = fakeRepeats(3, { seed: 30, label: 'main' });
    const b = saveBaseline(rs, { dir, now: new Date('2025-05-01T00:00:00Z') });
    expect(b.name).toBe('runtime-go-main-smoke');
    expect(fs.readdirSync(dir)).toEqual(['runtime-go-main-smoke.json']);
    const back = readBaseline(b.file);
    expect(back.key).toEqual({ experiment: 'runtime', variant: 'go', label: 'main', profile: 'smoke' });
    expect(back.results.map((r) => r.id)).toEqual(rs.map((r) => r.id));
    expect(() => saveBaseline(rs, { dir })).toThrow(/exists; pass --force/);
    expect(() => saveBaseline(rs, { dir, force: true })).not.toThrow();
    expect(() => saveBaseline([...rs, fakeRun({ variant: 'rust' })], { dir, name: 'x' })).toThrow(/repeats of one configuration; these results are 2/);
    expect(() => saveBaseline(rs, { dir, name: '../escape' })).toThrow(/may hold only letters/);
  });

  it('rejects a baseline of another version or one whose results do not match its key', () => {
    expect(() => readBaseline(path.join(FIXTURES, 'v2-baseline.json'))).toThrow(/baseline version 2 is not supported; this perflab reads version 1/);
    const dir = tmp();
    const b = saveBaseline(fakeRepeats(2, { seed: 3 }), { dir });
    const doc = JSON.parse(fs.readFileSync(b.file, 'utf8'));
    doc.key.variant = 'rust';
    fs.writeFileSync(b.file, JSON.stringify(doc));
    expect(() => readBaseline(b.file)).toThrow(/do not match its key runtime\/rust\/smoke/);
  });

  it('resolves baselines by file, by name and from RunResult files, and checks the sides match', () => {
    const dir = tmp();
    saveBaseline(fakeRepeats(2, { seed: 3 }), { dir, name: 'main' });
    expect(resolveBaseline('main', dir).group.results).toHaveLength(2);
    expect(resolveBaseline(path.join(dir, 'main.json')).group.id).toBe('runtime/go/smoke');
    const results = tmp();
    for (const r of fakeRepeats(2, { seed: 5, experiment: 'mesh' })) writeRunResult(results, r);
    const mesh = resolveCurrent([results]);
    expect(() => checkComparable(resolveBaseline('main', dir), mesh)).toThrow(/baseline is experiment runtime .* but current is mesh/);
    expect(() => resolveBaseline('nope', dir)).toThrow(GateInputError);
    expect(() => resolveCurrent([path.join(FIXTURES, 'v2-run.json')])).toThrow(/RunResult version 2 is not supported/);
  });
});

describe('perflab baseline / gate (CLI)', () => {
  function store(rs: RunResult[]): string {
    const dir = tmp();
    for (const r of rs) writeRunResult(dir, r);
    return dir;
  }
  const baseDir = store(fakeRepeats(5, { seed: 40 }));
  const same = store(fakeRepeats(5, { seed: 50 }));
  const slower = store(fakeRepeats(5, { seed: 50, baseMs: 5.6, tailMs: 1.1 }));

  it('saves a baseline and passes an A/A gate with exit code 0, verdict first', async () => {
    const baselines = tmp();
    const saved = await gateCli(['baseline', 'save', baseDir, '--dir', baselines, '--name', 'main']);
    expect(saved).toMatchObject({ code: 0, stderr: '' });
    expect(saved.stdout).toMatch(/^saved baseline main: 5 runs of runtime\/go\/smoke → .*main\.json/);
    const r = await gateCli(['gate', '--baseline', 'main', '--baseline-dir', baselines, '--current', same]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^PASS: /);
    expect(r.stdout).toMatch(/metric\s+baseline\s+current\s+change\s+change CI\s+noise band\s+p\s+noise\s+rule\s+verdict/);
    expect(r.stdout).toMatch(/latency p95 .* >5% fail\s+ok/);
    const list = await gateCli(['baseline', 'list', '--dir', baselines]);
    expect(list.stdout).toMatch(/main\s+runtime\/go\/smoke\s+5/);
  });

  it('exits 1 on a regression', async () => {
    const r = await gateCli(['gate', '--baseline', baseDir, '--current', slower]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^FAIL: latency p95 \+1\d\.\d%/);
    expect(r.stdout).toMatch(/latency p95 .*FAIL/);
    // A looser rule lets it pass.
    expect((await gateCli(['gate', '--baseline', baseDir, '--current', slower, '--threshold', 'p95=30%', '--threshold', 'p99=30%'])).code).toBe(0);
  });

  it('exits 2 with a clear message on each kind of bad input', async () => {
    const cases: [string[], RegExp][] = [
      [['gate', '--baseline', baseDir, '--current', '/nonexistent/run.json'], /\/nonexistent\/run\.json: no such file or folder/],
      [['gate', '--baseline', baseDir, '--current', path.join(FIXTURES, 'v2-run.json')], /RunResult version 2 is not supported; this perflab reads version 1/],
      [['gate', '--baseline', baseDir, '--current', path.join(FIXTURES, 'foreign.json')], /not a perflab RunResult \(kind is "ConfigMap"/],
      [['gate', '--baseline', path.join(FIXTURES, 'v2-baseline.json'), '--current', same], /baseline version 2 is not supported/],
      [['gate', '--baseline', baseDir, '--current', store(fakeRepeats(2, { seed: 9, experiment: 'mesh' }))], /baseline is experiment runtime .* but current is mesh .*compare one experiment at a time/],
      [['gate', '--baseline', baseDir, '--current', store([...fakeRepeats(2, { seed: 9 }), fakeRun({ seed: 9, variant: 'rust' })])], /current results .* mixes 2 configurations/],
      [['gate', '--baseline', baseDir, '--current', store(fakeRepeats(2, { seed: 9, variant: 'rust' }))], /baseline is variant go but current is rust; .*rank variants with perflab compare/],
      [['gate', '--baseline', 'nosuch', '--current', same], /baseline nosuch: no such file or folder, and no saved baseline baselines\/nosuch\.json/],
      [['gate', '--baseline', baseDir, '--current', same, '--threshold', 'p95=five'], /--threshold p95: "five" is not a rule/],
      [['gate', '--baseline', baseDir, '--current', same, '--confidence', '2'], /--confidence "2": expected a level between 0\.5 and 1/],
      [['gate', '--baseline', baseDir], /required option '--current <results...>' not specified/],
    ];
    for (const [args, message] of cases) {
      const r = await gateCli(args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });
});
