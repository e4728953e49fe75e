/**
 * The gate's trials on REAL local runs of the Go runtime app (issue 17): interleaved A/A must
 * pass in ≥ 19 of 20 trials, a 3 µs/request injected regression (PERFLAB_SPIN_US=3) must fail
 * in ≥ 19 of 20, and 1 run vs 1 run must be inconclusive.
 *
 * Shape, chosen to bound the suite's time: one build; each round measures three fresh server
 * processes like `perflab ab` does — A and A′ (no spin) and B (PERFLAB_SPIN_US=3) — for
 * RUN_SECONDS each, in rotating order (A A′ B, A′ B A, B A A′, …). A trial is ROUNDS rounds;
 * its A/A gate is A vs A′, its regression gate A vs B (the two share the A runs, so their
 * counts are correlated, but each is a fair count of its own claim). Each side's runs are
 * consecutive in time with the other's, so the gate compares them pair by pair
 * (src/stats/paired.ts). A fresh process per run matters: two long-lived processes of one build
 * differ by a steady offset (measured here: +29% p95 A vs A′ over 4 trials), which no number of
 * rounds would average away. PERFLAB_GATE_TRIALS (the number of trials) and
 * PERFLAB_GATE_RUN_SECONDS (default 0.4) scale it; GATE_VERBOSE=1 prints the verdict counts.
 *
 * `npm test` runs it last, alone (`npm run test:gate-trials`: PERFLAB_GATE_TRIALS=20, jest
 * --runInBand), because it measures: beside the suite's other real runs on 2 cores the 3 µs shift
 * drowns (counts below). A plain `jest` skips it unless PERFLAB_GATE_TRIALS is set. PERFLAB_GATE_SPIN_US (default 3) sets the
 * injected regression. Measured 2026-12-06 on this 2-core machine, 20 trials of 5 rounds, ~5 min:
 * - at load average ~9 (other builds running): A/A PASS 20/20; 3 µs/request FAIL 2/20 (p95 median
 *   +15%, trials −28…+72%);
 * - at load average 2.5–6.5: A/A PASS 19/20; 3 µs/request FAIL 9/20 (p95 median +12.9%, trials
 *   −20…+57%).
 * Through autocannon (11–14 µs of CPU per request on the same cores) a 3 µs spin moves p95 by
 * ~13–15% here, not the ~30% measured with a faster driver, and 5 pairs cannot resolve that: the
 * issue's 19-of-20 count for the regression needs the native driver (issue 17, part 1). The
 * default suite runs the gate on real runs in test/gate-local-runs.test.ts instead.
 * Through the native driver (PERFLAB_GATE_DRIVER, default native; server and driver pinned one
 * CPU each), 20 trials of 5 rounds × 0.4 s, 188 s, load average ~7 (other jobs running): A/A PASS
 * 20/20; 3 µs/request FAIL 3/20, PASS WITH WARNING 16/20 (p95 median +17%, trials −31…+82%) — the
 * shift is larger than through autocannon, but 0.4 s runs on a loaded machine still spread too
 * wide for 5 pairs to call it. With PERFLAB_GATE_RUN_SECONDS=1.5 (508 s, load average ~8.5): A/A
 * PASS 20/20; 3 µs/request FAIL 5/20, PASS WITH WARNING 15/20 (p95 median +14.4%, trials
 * −2…+38%): the shift is seen in nearly every trial but seldom judged beyond noise.
 * Alone on the machine (load average 1.5), native driver, 20 trials of 5 rounds × 0.4 s, 139 s:
 * A/A PASS 20/20 (p95 median −0.7%, trials −4.7…+3.8%); 3 µs/request FAIL 20/20 (p95 median
 * +33.7%, trials +28.9…+40.6%) — the issue's ≈ +30% p95.
 */
import { evaluateGate, GateOutcome } from '../src/gate/evaluate';
import { DEFAULT_RULES } from '../src/gate/rules';
import { gateTable } from '../src/gate/format';
import { LoadProfileSchema } from '../src/load/profile';
import { resolveProfile } from '../src/load/resolve';
import { runCommand, toolchainVersion } from '../src/local/commands';
import { autocannonDriver } from '../src/local/autocannon-driver';
import { defaultPlacement, describePlacement, tasksetAvailable } from '../src/local/cpu-affinity';
import { buildRunResult } from '../src/local/http-result';
import { launchServer } from '../src/local/launch-server';
import { nativeDriver } from '../src/local/native-driver';
import { localEnvironment } from '../src/results/environment';
import { RunResult } from '../src/results/run-result';
import { runtimeVariants } from '../experiments/runtime/variants';
import { waitForQuietMachine } from './helpers/quiet-machine';

const TRIALS = Number(process.env.PERFLAB_GATE_TRIALS ?? 0);
const RUN_SECONDS = Number(process.env.PERFLAB_GATE_RUN_SECONDS ?? 0.4);
const ROUNDS = 5;
const CONNECTIONS = 8;
const SPIN_US = Number(process.env.PERFLAB_GATE_SPIN_US ?? 3);
/** PERFLAB_GATE_DRIVER: `native` (default: pinned as perflab pins) or `autocannon`. */
const DRIVER = process.env.PERFLAB_GATE_DRIVER === 'autocannon' ? autocannonDriver() : nativeDriver({ placement: tasksetAvailable() ? defaultPlacement() : {} });
/** 19 of 20, scaled to the number of trials. */
const NEEDED = TRIALS - Math.floor(TRIALS / 20);

const go = runtimeVariants.go;
const haveGo = toolchainVersion(go.toolchain) !== undefined;

type Side = 'A' | 'A2' | 'B';
interface Trial {
  readonly runs: Record<Side, RunResult[]>;
}

(haveGo && TRIALS > 0 ? describe : describe.skip)(`gate trials on real runs of the Go app (interleaved, ${SPIN_US} µs/request injected; opt-in: PERFLAB_GATE_TRIALS)`, () => {
  const trials: Trial[] = [];
  const profile = resolveProfile(
    LoadProfileSchema.parse({ name: 'gate-trial', startTarget: CONNECTIONS, stages: [{ durationSeconds: RUN_SECONDS, target: CONNECTIONS }] }),
    [{ name: 'json', method: 'GET', path: '/json', weight: 1, expectStatus: 200 }],
  );
  let seconds = 0;

  /** One run: a fresh server of `side`, RUN_SECONDS of load, stop. */
  async function measure(side: Side): Promise<RunResult> {
    const start = { ...go.start, env: { ...go.start.env, ...(side === 'B' ? { PERFLAB_SPIN_US: String(SPIN_US) } : {}) } };
    const { server: proc, baseUrl: url } = await launchServer(`go-${side}`, start, DRIVER.placement);
    let measured;
    try {
      await proc.waitHealthy(`${url}/health`);
      measured = await DRIVER.drive(url, profile, () => undefined);
    } finally {
      await proc.stop();
    }
    const placement = DRIVER.placement ? { placement: describePlacement(DRIVER.placement) } : {};
    return buildRunResult(measured, {
      experiment: 'runtime',
      variant: 'go',
      target: 'local',
      profile,
      loadGenerator: DRIVER.info,
      resources: [],
      environment: { ...localEnvironment('local', {}), ...placement },
      label: side,
    });
  }

  beforeAll(async () => {
    const t0 = Date.now();
    for (const step of go.build) await runCommand(step, 'build go');
    // The quiet phase runs this after the messaging reference checks: let their brokers' exit
    // and disk writeback finish before the first trial. Once, in a fresh-clone run right after
    // them, A/A passed in fewer than 19 of 20 trials (load average 1.4 at the end; the counts
    // were not printed then, they are now).
    const settled = await waitForQuietMachine();
    process.stderr.write(`gate trials: machine ${settled.quiet ? 'quiet' : 'still busy'} after ${settled.waitedSeconds.toFixed(1)} s (${(settled.busy * 100).toFixed(0)}% CPU busy)\n`);
    await measure('A'); // warm-up (page cache, sockets), not counted
    const order: Side[] = ['A', 'A2', 'B'];
    let k = 0;
    for (let t = 0; t < TRIALS; t++) {
      const runs: Record<Side, RunResult[]> = { A: [], A2: [], B: [] };
      for (let r = 0; r < ROUNDS; r++, k++) {
        for (let i = 0; i < 3; i++) {
          const side = order[(k + i) % 3];
          runs[side].push(await measure(side));
        }
      }
      trials.push({ runs });
    }
    seconds = (Date.now() - t0) / 1000;
  }, 15 * 60_000);

  const verdicts = (cur: Side): GateOutcome[] => trials.map((t) => evaluateGate(t.runs.A, t.runs[cur], DEFAULT_RULES));
  const summary = (name: string, outcomes: GateOutcome[]): string => {
    const p95 = outcomes.map((o) => o.rows.find((r) => r.metric.id === 'p95')!.comparison!.change!).sort((a, b) => a - b);
    const counts: Record<string, number> = {};
    for (const o of outcomes) counts[o.verdict] = (counts[o.verdict] ?? 0) + 1;
    return `${name}: ${JSON.stringify(counts)}; p95 change median ${(p95[Math.floor(p95.length / 2)] * 100).toFixed(1)}% (min ${(p95[0] * 100).toFixed(1)}%, max ${(p95[p95.length - 1] * 100).toFixed(1)}%)`;
  };

  it('measured real load in every run', () => {
    expect(trials).toHaveLength(TRIALS);
    for (const t of trials) for (const rs of Object.values(t.runs)) for (const r of rs) {
      expect(r.errors.total).toBe(0);
      expect(r.latency.count).toBeGreaterThan(500);
    }
    process.stderr.write(`gate trials: ${TRIALS} trials × ${ROUNDS} rounds × 3 runs of ${RUN_SECONDS} s took ${seconds.toFixed(0)} s through ${DRIVER.info.name} (load average ${localEnvironment('local', {}).loadAverage1m})\n`);
  });

  it(`interleaved A/A passes in ≥ ${NEEDED} of ${TRIALS} trials`, () => {
    const outcomes = verdicts('A2');
    const text = summary('A/A', outcomes);
    if (process.env.GATE_VERBOSE) process.stderr.write(`${text}\n`);
    expect({ passed: outcomes.filter((o) => o.verdict.startsWith('PASS')).length >= NEEDED, text }).toEqual({ passed: true, text }); // a failure's diff shows the counts
  });

  it(`a ${SPIN_US} µs/request regression fails in ≥ ${NEEDED} of ${TRIALS} trials`, () => {
    const outcomes = verdicts('B');
    const text = summary('A/B', outcomes);
    if (process.env.GATE_VERBOSE) process.stderr.write(`${text}\n${gateTable(outcomes[0])}\n`);
    expect({ failed: outcomes.filter((o) => o.verdict === 'FAIL').length >= NEEDED, text }).toEqual({ failed: true, text });
  });

  it('1 run vs 1 run is inconclusive', () => {
    const o = evaluateGate([trials[0].runs.A[0]], [trials[0].runs.B[0]], DEFAULT_RULES);
    expect(o.verdict).toBe('INCONCLUSIVE');
  });
});
