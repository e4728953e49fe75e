/**
 * Saturated-driver detection (marking: src/results/driver-saturation.ts): from the load driver's own CPU samples, whether it — not the
 * server — set the pace. A closed-model driver on a full core cannot send faster, so the
 * achieved rate is its cap, not the server's; an open-model driver on a full core sends late.
 */
import { RunResult } from '../results/run-result';
import { DriverCpu } from './measured-load';

/** Fraction of its cores above which the driver counts as saturated. */
export const SATURATION_THRESHOLD = 0.8;

/** Seconds of samples averaged for the busiest stretch (a lone busy second is not saturation). */
export const BUSIEST_WINDOW = 3;

/** The generator's usage figures for a RunResult. */
export function driverUsage(cpu: DriverCpu, durationSeconds: number, totalRequests: number): NonNullable<RunResult['loadGeneratorUsage']> {
  const cores = Math.max(cpu.cores, 1e-9);
  const mean = durationSeconds > 0 ? cpu.seconds / durationSeconds / cores : 0;
  const s = cpu.samples;
  let busiest = mean;
  if (s.length >= BUSIEST_WINDOW) {
    busiest = 0;
    for (let i = 0; i + BUSIEST_WINDOW <= s.length; i++) {
      busiest = Math.max(busiest, s.slice(i, i + BUSIEST_WINDOW).reduce((a, b) => a + b, 0) / BUSIEST_WINDOW / cores);
    }
  }
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    cpuSeconds: round(cpu.seconds),
    cpuMicrosPerRequest: totalRequests > 0 ? Math.round((cpu.seconds / totalRequests) * 1e6 * 100) / 100 : undefined,
    cores: cpu.cores,
    meanUtilization: round(mean),
    busiestUtilization: round(busiest),
    saturated: busiest >= SATURATION_THRESHOLD,
  };
}
