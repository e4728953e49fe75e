/**
 * The cost of `--cpu-profile inline`: each app's requests/s with its profiler on, as a ratio of the
 * same app without, measured by perflab's own local measurement (native driver, pinned as
 * perflab pins by default, runtime request mix, 8 connections at saturation). Arms alternate
 * ABBA-style (off, on, on, off, ...) over ROUNDS rounds; the ratio is of the arms' medians.
 * Also the server's CPU microseconds per request, profiled / unprofiled: the profiler's work on
 * the server's own CPU, which other tenants of a shared machine disturb less than its RPS. The
 * load average before and after is printed: on a shared machine the RPS ratio is only as quiet as
 * the machine.
 */
import * as os from 'os';
import { median } from 'simple-statistics';
import { parseExperimentConfig } from '../src/config/spec';
import { runCommand } from '../src/local/commands';
import { createProgress } from '../src/local/progress';
import { DEFAULT_LOAD_GENERATOR, driverFromOptions } from '../src/local/choose-driver';
import { createProfiler } from '../src/local/cpu-profilers/for-variant';
import { measureHttpServer } from '../src/local/measure-http-server';
import { localEnvironment } from '../src/results/environment';
import { runtimeVariants } from '../experiments/runtime/variants';
import { RuntimeVariantName } from '../experiments/runtime/variant-spec';

/** Benchmark name for `npm run bench -- profiling-overhead`. */
export const name = 'profiling-overhead';

const VARIANTS: RuntimeVariantName[] = ['go', 'node', 'bun', 'rust'];
const CONNECTIONS = 8;
const SECONDS = 5;
const ROUNDS = 4;

/** Runs the measurement and prints one ratio per variant. */
export async function run(): Promise<void> {
  const spec = parseExperimentConfig({
    experiment: 'runtime',
    variant: 'go',
    load: { name: 'bench', startTarget: CONNECTIONS, stages: [{ durationSeconds: SECONDS, target: CONNECTIONS }] },
  });
  const driver = driverFromOptions(DEFAULT_LOAD_GENERATOR);
  const loadBefore = os.loadavg()[0];
  for (const v of VARIANTS) {
    const variant = runtimeVariants[v];
    for (const step of variant.build) await runCommand(step, `build ${v}`);
    const rps: Record<'off' | 'on', number[]> = { off: [], on: [] };
    const cpuUs: Record<'off' | 'on', number[]> = { off: [], on: [] };
    let samples = 0;
    for (let i = 0; i < ROUNDS; i++) {
      for (const arm of i % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        const m = await measureHttpServer({
          experiment: 'runtime',
          variant: v,
          start: variant.start,
          profile: spec.profile,
          probes: [],
          checkAnswers: () => [],
          environment: localEnvironment('local', {}),
          driver,
          progress: createProgress({ quiet: true }),
          cpuProfiler: arm === 'on' ? createProfiler(variant.profiler) : undefined,
        });
        rps[arm].push(m.result.throughput.requestsPerSecond ?? 0);
        cpuUs[arm].push((m.result.resources[0].cpuCoreSeconds * 1e6) / Math.max(1, m.result.throughput.totalRequests ?? 0));
        if (m.cpuProfile?.status === 'unavailable') process.stdout.write(`${v}: no profile — ${m.cpuProfile.reason}\n`);
        if (m.cpuProfile?.status === 'recorded') samples += m.cpuProfile.profile.stacks.reduce((s, x) => s + x.samples, 0);
      }
    }
    const ratio = median(rps.on) / median(rps.off);
    const cpuRatio = median(cpuUs.on) / median(cpuUs.off);
    process.stdout.write(
      `${v.padEnd(5)} profiled / unprofiled RPS = ${ratio.toFixed(3)}, server CPU µs per request = ${cpuRatio.toFixed(3)} (${median(cpuUs.on).toFixed(1)} / ${median(cpuUs.off).toFixed(1)})  (RPS medians ${median(rps.on).toFixed(0)} / ${median(rps.off).toFixed(0)} req/s; ` +
        `on ${rps.on.map((x) => x.toFixed(0)).join(' ')}; off ${rps.off.map((x) => x.toFixed(0)).join(' ')}; ${Math.round(samples / ROUNDS)} samples per run)\n`,
    );
  }
  process.stdout.write(`${ROUNDS} ABBA rounds × ${SECONDS} s per arm, ${CONNECTIONS} connections, runtime mix; load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after (${os.cpus().length} CPUs)\n`);
}
