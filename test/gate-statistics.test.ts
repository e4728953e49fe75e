/**
 * The gate's statistics on simulated runs whose noise is known: run-to-run variation with a
 * drifting background (what a shared machine does), interleaved pairs, the Student-t
 * machinery, inconclusive verdicts, symmetric "better", environment differences, exit codes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { registerGate } from '../src/cli/commands/gate';
import { environmentDifferences } from '../src/gate/environment-diff';
import { EXIT_INCONCLUSIVE, evaluateGate } from '../src/gate/evaluate';
import { DEFAULT_RULES } from '../src/gate/rules';
import { RunResult } from '../src/results/run-result';
import { writeRunResult } from '../src/results/store';
import { interleavedPairs } from '../src/stats/paired';
import { seededRandom } from '../src/stats/prng';
import { tCritical, tTwoSidedP } from '../src/stats/student-t';
import { runCommands } from './fixtures/results/cli-harness';
import { fakeRun } from './fixtures/results/factory';

const template = fakeRun({ seed: 1, samples: 500, memoryPeakBytes: 50e6, cpuCoresAvg: 0.5 });
const T0 = Date.UTC(2026, 0, 1);

/** A run started at minute `t` with p50/p95/p99 scaled by `factor` (and throughput by its inverse). */
function run(label: string, t: number, factor: number): RunResult {
  const l = template.latency;
  return {
    ...template,
    id: `${label}-${t}`,
    label,
    startedAt: new Date(T0 + t * 60_000).toISOString(),
    latency: { ...l, p50: l.p50 * factor, p95: l.p95 * factor, p99: l.p99 * factor },
    throughput: { ...template.throughput, requestsPerSecond: template.throughput.requestsPerSecond! / factor },
  };
}

/**
 * One trial of `rounds` interleaved rounds (A B, B A, ...). Each round shares a background
 * factor that drifts by ±`drift` (log scale) round to round; each run adds its own ±`noise`.
 * B is `effect` slower. Returns baseline (A) and current (B) runs.
 */
function trial(random: () => number, rounds: number, effect: number, noise = 0.05, drift = 0.3): { a: RunResult[]; b: RunResult[] } {
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const a: RunResult[] = [];
  const b: RunResult[] = [];
  let background = 0;
  for (let i = 0; i < rounds; i++) {
    background += gauss() * drift;
    const fa = Math.exp(background + gauss() * noise);
    const fb = Math.exp(background + gauss() * noise) * (1 + effect);
    const first = i % 2 ? 'b' : 'a';
    const at = (side: string): number => 2 * i + (side === first ? 0 : 1);
    a.push(run('a', at('a'), fa));
    b.push(run('b', at('b'), fb));
  }
  return { a, b };
}

describe('Student t', () => {
  it('gives the textbook critical values and p-values', () => {
    expect(tCritical(0.95, 4)).toBeCloseTo(2.7764, 3);
    expect(tCritical(0.95, 1)).toBeCloseTo(12.706, 2);
    expect(tCritical(0.99, 10)).toBeCloseTo(3.1693, 3);
    expect(tTwoSidedP(2.0, 10)).toBeCloseTo(0.0734, 3);
    expect(tTwoSidedP(0, 5)).toBeCloseTo(1, 9);
  });
});

describe('interleaved pairs', () => {
  it('pairs A B, B A rounds and refuses runs made in two sessions', () => {
    const { a, b } = trial(seededRandom(1), 4, 0);
    const pairs = interleavedPairs(a, b)!;
    expect(pairs).toHaveLength(4);
    for (const [x, y] of pairs) expect([x.label, y.label]).toEqual(['a', 'b']);
    const sessions = [0, 1, 2].map((i) => run('a', i, 1));
    expect(interleavedPairs(sessions, [3, 4, 5].map((i) => run('b', i, 1)))).toBeUndefined();
  });
});

describe('gate on simulated interleaved runs (background drifting ±30% per round, ±5% per run)', () => {
  const TRIALS = 400;
  const verdicts = (effect: number, rounds: number, seed: number): Record<string, number> => {
    const random = seededRandom(seed);
    const out: Record<string, number> = {};
    for (let t = 0; t < TRIALS; t++) {
      const { a, b } = trial(random, rounds, effect);
      const v = evaluateGate(a, b, DEFAULT_RULES).verdict;
      out[v] = (out[v] ?? 0) + 1;
    }
    return out;
  };

  it('A/A: fails in at most 2.5% of trials (p95 and p99 share α = 0.05, one direction)', () => {
    const v = verdicts(0, 6, 7);
    expect(v.FAIL ?? 0).toBeLessThanOrEqual(TRIALS * 0.025);
    expect(v.INCONCLUSIVE).toBeUndefined();
  });

  it('a +30% regression fails in ≥ 95% of trials despite the drift', () => {
    expect(verdicts(0.3, 6, 8).FAIL ?? 0).toBeGreaterThanOrEqual(TRIALS * 0.95);
  });

  it('the same runs gated as two unpaired sessions are at the mercy of the drift', () => {
    // Paired comparison removes the background; without the pairing it is noise (or worse).
    const random = seededRandom(9);
    let paired = 0;
    let unpaired = 0;
    for (let t = 0; t < 30; t++) {
      const { a, b } = trial(random, 6, 0.3);
      if (evaluateGate(a, b, DEFAULT_RULES).verdict === 'FAIL') paired++;
      if (evaluateGate(a, b, DEFAULT_RULES, { paired: false, iterations: 200 }).verdict === 'FAIL') unpaired++;
    }
    expect(paired).toBeGreaterThan(unpaired);
  });

  it('is inconclusive with one pair or two', () => {
    for (const rounds of [1, 2]) {
      const { a, b } = trial(seededRandom(3), rounds, 0.3);
      expect(evaluateGate(a, b, DEFAULT_RULES).verdict).toBe('INCONCLUSIVE');
    }
  });

  it('calls an improvement "better" under the same rules as a regression "FAIL"', () => {
    const { a, b } = trial(seededRandom(4), 6, 0.3);
    const worse = evaluateGate(a, b, DEFAULT_RULES);
    const better = evaluateGate(b, a, DEFAULT_RULES);
    expect(worse.rows.find((r) => r.metric.id === 'p95')!.verdict).toBe('FAIL');
    expect(better.rows.find((r) => r.metric.id === 'p95')!.verdict).toBe('better');
    expect(better.verdict).toBe('PASS');
    const pw = worse.rows.find((r) => r.metric.id === 'p95')!.comparison!.pValue!;
    const pb = better.rows.find((r) => r.metric.id === 'p95')!.comparison!.pValue!;
    expect(pb).toBeCloseTo(pw, 9);
  });
});

describe('environment differences', () => {
  it('names CPU model, placement and a changed load average', () => {
    const a = [run('a', 0, 1), run('a', 2, 1)].map((r) => ({ ...r, environment: { ...r.environment, loadAverage1m: 0.8, placement: 'server cpus 0, driver cpus 1' } }));
    const b = [run('b', 1, 1), run('b', 3, 1)].map((r) => ({ ...r, environment: { ...r.environment, loadAverage1m: 4.2, cpuModel: 'other cpu' } }));
    const d = environmentDifferences(a, b).join('\n');
    expect(d).toMatch(/CPU model differs: baseline test cpu, current other cpu/);
    expect(d).toMatch(/placement differs: baseline server cpus 0, driver cpus 1, current \(none\)/);
    expect(d).toMatch(/load average differs: baseline median 0\.80, current 4\.20/);
    expect(environmentDifferences(a, a)).toEqual([]);
  });
});

describe('perflab gate exit codes', () => {
  it('exits 3 (inconclusive) on 1 run vs 1 run and prints why', async () => {
    const dirs = ['a', 'b'].map((side) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-gs-'));
      writeRunResult(dir, { ...run(side, side === 'a' ? 0 : 1, side === 'a' ? 1 : 2), label: undefined });
      return dir;
    });
    const r = await runCommands([registerGate], ['gate', '--baseline', dirs[0], '--current', dirs[1]]);
    expect(r.code).toBe(EXIT_INCONCLUSIVE);
    expect(r.stdout.split('\n')[0]).toMatch(/^INCONCLUSIVE: 1 vs 1 run: one run shows no run-to-run noise/);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
});

describe('perflab ab (bad input)', () => {
  it('names the flag, the value and what is allowed (exit 2)', async () => {
    const { main } = await import('../src/cli/main');
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (const [args, message] of [
        [['ab', 'database', '--variant', 'go'], /perflab ab database: interleaved A\/B runs exist for runtime only/],
        [['ab', 'runtime', '--variant', 'java'], /--variant "java": expected one of go, rust, dotnet, node, bun/],
        [['ab', 'runtime', '--variant', 'go', '--rounds', '0'], /--rounds "0": expected a whole number ≥ 1/],
        [['ab', 'runtime', '--variant', 'go', '--b-env', 'SPIN'], /--b-env "SPIN": expected NAME=value/],
        [['ab', 'runtime', '--variant', 'go', '--confidence', '7'], /--confidence "7": expected a level between 0\.5 and 1/],
      ] as [string[], RegExp][]) {
        err.mockClear();
        expect(await main(['node', 'perflab', ...args])).toBe(2);
        expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(message);
      }
    } finally {
      err.mockRestore();
    }
  });
});
