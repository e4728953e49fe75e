/**
 * Where the two sides of a gate were measured, side by side: a difference in CPU model, core
 * count, kernel, host, placement or tool versions means the comparison measures the machine
 * as well as the change; a load average that differs a lot means the background load did.
 * The gate prints these as warnings rather than trusting either side.
 */
import { RunResult } from '../results/run-result';

/** Load averages differing by more than this factor (and by ≥ 0.5) are flagged. @default 1.5 */
export const LOAD_RATIO_FLAGGED = 1.5;

const medianOf = (xs: number[]): number | undefined => {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function values(rs: readonly RunResult[], read: (r: RunResult) => string | undefined): string {
  return [...new Set(rs.map(read).map((v) => v ?? '(none)'))].sort().join(' / ');
}

/** One sentence per difference between the baseline's and the current runs' environments. */
export function environmentDifferences(base: readonly RunResult[], cur: readonly RunResult[]): string[] {
  const out: string[] = [];
  const fields: [string, (r: RunResult) => string | undefined][] = [
    ['CPU model', (r) => r.environment.cpuModel],
    ['CPU cores', (r) => String(r.environment.cpuCores)],
    ['kernel', (r) => r.environment.kernel],
    ['host', (r) => r.environment.hostname],
    ['placement', (r) => r.environment.placement],
    ['load generator', (r) => `${r.loadGenerator.name} ${r.loadGenerator.version}`],
    ['tool versions', (r) => Object.entries(r.environment.toolVersions).sort().map(([k, v]) => `${k} ${v}`).join(', ')],
  ];
  for (const [name, read] of fields) {
    const b = values(base, read);
    const c = values(cur, read);
    if (b !== c) out.push(`${name} differs: baseline ${b}, current ${c}`);
  }
  const load = (rs: readonly RunResult[]): number | undefined => medianOf(rs.map((r) => r.environment.loadAverage1m).filter((x): x is number => x !== undefined));
  const lb = load(base);
  const lc = load(cur);
  if (lb !== undefined && lc !== undefined && Math.abs(lb - lc) >= 0.5 && Math.max(lb, lc) > LOAD_RATIO_FLAGGED * Math.min(lb, lc)) {
    out.push(`load average differs: baseline median ${lb.toFixed(2)}, current ${lc.toFixed(2)} — the background load changed between the two sides`);
  }
  return out;
}
