/**
 * The runtime experiment's reference check: each app is loaded on GET /json by perflab's native
 * driver and by wrk in alternating rounds (native, wrk, then wrk, native, ...), back to back, on
 * the same server process and the same pinned placement, with the same number of keep-alive
 * connections; per side, the median RPS and CPU per request over the rounds.
 */
import * as os from 'os';
import { median } from 'simple-statistics';
import { CpuPlacement, availableCpus, defaultPlacement } from '../../../src/local/cpu-affinity';
import { buildGoProgram } from '../../../src/local/go-binary';
import { HTTPLOAD } from '../../../src/local/httpload-program';
import { launchServer } from '../../../src/local/launch-server';
import { httpLoadConfig, runHttpLoadBinary } from '../../../src/local/native-driver';
import { runCommand } from '../../../src/local/commands';
import { ManagedProcess } from '../../../src/local/processes';
import { RuntimeVariantName } from '../variant-spec';
import { runtimeVariants } from '../variants';
import { runWrk } from './wrk';

/** Options of one reference measurement. */
export interface AgainstWrkOptions {
  readonly variants: readonly RuntimeVariantName[];
  /** Rounds of one native and one wrk run per variant. @default 3 */
  readonly rounds?: number;
  /** Seconds of each run. @default 3 */
  readonly seconds?: number;
  /** Keep-alive connections of both tools. @default 8 */
  readonly connections?: number;
  /** Where the servers and both tools run. @default defaultPlacement() */
  readonly placement?: CpuPlacement;
  /** Builds the variants first. @default true */
  readonly build?: boolean;
  /** Told about each finished run. @default none */
  readonly onRun?: (line: string) => void;
}

/** One side's runs. */
export interface SideFigures {
  readonly rps: number[];
  readonly cpuMicrosPerRequest: number[];
}

/** A variant's figures through both tools. */
export interface VariantAgainstWrk {
  readonly variant: RuntimeVariantName;
  readonly native: SideFigures;
  readonly wrk: SideFigures;
}

/** The whole measurement, with where and under what load it ran. */
export interface AgainstWrk {
  readonly placement: CpuPlacement;
  readonly connections: number;
  readonly seconds: number;
  readonly rounds: number;
  readonly loadAverageBefore: number;
  readonly loadAverageAfter: number;
  readonly variants: VariantAgainstWrk[];
}

/** Median of a side's RPS. */
export const medianRps = (s: SideFigures): number => median(s.rps);
/** Largest over smallest RPS of a side's rounds (1 = steady). */
export const spread = (s: SideFigures): number => Math.max(...s.rps) / Math.min(...s.rps);

/** Runs the alternating rounds; every server is stopped whatever happens. */
export async function measureAgainstWrk(opts: AgainstWrkOptions): Promise<AgainstWrk> {
  const rounds = opts.rounds ?? 3;
  const seconds = opts.seconds ?? 3;
  const connections = opts.connections ?? 8;
  const placement = opts.placement ?? defaultPlacement(availableCpus());
  const binary = await buildGoProgram(HTTPLOAD);
  if (opts.build ?? true) for (const v of opts.variants) for (const step of runtimeVariants[v].build) await runCommand(step, `build ${v}`);
  const loadAverageBefore = os.loadavg()[0];
  const servers: ManagedProcess[] = [];
  const out: VariantAgainstWrk[] = [];
  try {
    for (const variant of opts.variants) {
      const { server, baseUrl } = await launchServer(variant, runtimeVariants[variant].start, placement);
      servers.push(server);
      await server.waitHealthy(`${baseUrl}/health`);
      const native: SideFigures = { rps: [], cpuMicrosPerRequest: [] };
      const wrk: SideFigures = { rps: [], cpuMicrosPerRequest: [] };
      const plan = { profile: 'reference', model: 'closed' as const, segments: [{ durationSeconds: seconds, connections }], totalSeconds: seconds };
      const config = httpLoadConfig(baseUrl, plan, [{ name: 'json', method: 'GET', path: '/json', weight: 1, expectStatus: 200 }]);
      const runNative = async (): Promise<void> => {
        const m = await runHttpLoadBinary(binary, config, seconds, placement.driver, () => undefined);
        const n = m.throughput.totalRequests ?? 0;
        if (m.errors.total > 0) throw new Error(`${variant}: the native driver saw ${m.errors.total} errors (${JSON.stringify(m.errors.byKind)})`);
        native.rps.push(m.throughput.requestsPerSecond ?? 0);
        native.cpuMicrosPerRequest.push(n > 0 && m.driverCpu ? (m.driverCpu.seconds / n) * 1e6 : 0);
        opts.onRun?.(`${variant} native: ${(m.throughput.requestsPerSecond ?? 0).toFixed(0)} rps`);
      };
      const runReference = async (): Promise<void> => {
        const w = await runWrk(`${baseUrl}/json`, { connections, seconds, cpus: placement.driver });
        wrk.rps.push(w.requestsPerSecond);
        wrk.cpuMicrosPerRequest.push(w.requests > 0 ? (w.cpuSeconds / w.requests) * 1e6 : 0);
        opts.onRun?.(`${variant} wrk: ${w.requestsPerSecond.toFixed(0)} rps`);
      };
      await runNative(); // warm-up, not counted: JITs and connection pools settle
      native.rps.pop();
      native.cpuMicrosPerRequest.pop();
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? [runNative, runReference] : [runReference, runNative];
        for (const run of order) await run();
      }
      out.push({ variant, native, wrk });
      await server.stop();
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
  return { placement, connections, seconds, rounds, loadAverageBefore, loadAverageAfter: os.loadavg()[0], variants: out };
}
