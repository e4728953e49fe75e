/**
 * CPU placement of a local run: the server and the load driver on disjoint CPU sets (taskset),
 * so neither steals the other's cycles. By default, when this process may use at least two
 * CPUs, the driver (one event loop) gets the last one and the server the rest; `--cpus
 * server=<list>,driver=<list>` overrides it and `--cpus off` runs both unpinned.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import { ConfigError } from '../config/errors';

/** Where the server and the driver run; undefined lists mean unpinned. */
export interface CpuPlacement {
  readonly server?: readonly number[];
  readonly driver?: readonly number[];
}

/** The CPUs this process may run on (Linux affinity), else every CPU the OS reports. */
export function availableCpus(statusFile = '/proc/self/status'): number[] {
  try {
    const m = /^Cpus_allowed_list:\s*(\S+)/m.exec(fs.readFileSync(statusFile, 'utf8'));
    if (m) return parseCpuList(m[1]);
  } catch {
    // not Linux: fall through
  }
  return os.cpus().map((_, i) => i);
}

/** `0-2,5` → [0, 1, 2, 5]; throws on anything else. */
export function parseCpuList(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) throw new Error(`"${part}" is not a CPU number or range like 0-3`);
    const [a, b] = [Number(m[1]), Number(m[2] ?? m[1])];
    if (b < a) throw new Error(`"${part}" is a descending range`);
    for (let c = a; c <= b; c++) out.add(c);
  }
  return [...out].sort((x, y) => x - y);
}

/** `[0, 1, 2, 5]` → `0-2,5`. */
export function formatCpuList(cpus: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < cpus.length; i++) {
    let j = i;
    while (j + 1 < cpus.length && cpus[j + 1] === cpus[j] + 1) j++;
    parts.push(j === i ? `${cpus[i]}` : `${cpus[i]}-${cpus[j]}`);
    i = j;
  }
  return parts.join(',');
}

/** Whether `taskset` (util-linux) answers. */
export function tasksetAvailable(): boolean {
  const r = spawnSync('taskset', ['--version'], { encoding: 'utf8', timeout: 5000 });
  return !r.error && r.status === 0;
}

/** The default placement: driver on the last available CPU, server on the others; unpinned below 2 CPUs. */
export function defaultPlacement(cpus: readonly number[] = availableCpus()): CpuPlacement {
  if (cpus.length < 2) return {};
  return { server: cpus.slice(0, -1), driver: cpus.slice(-1) };
}

/**
 * `--cpus`: `off` (unpinned), or `server=<list>,driver=<list>` with lists like `0`, `0-2`, `0,2`
 * (a comma followed by a number continues the list). Both sides are required, must be
 * non-empty, disjoint, and within the CPUs this process may use.
 */
export function parseCpusOption(value: string, cpus: readonly number[] = availableCpus()): CpuPlacement {
  const allowed = `"off" or server=<cpus>,driver=<cpus> with disjoint CPUs from ${formatCpuList(cpus)}, e.g. server=${formatCpuList(defaultPlacement(cpus).server ?? [0])},driver=${formatCpuList(defaultPlacement(cpus).driver ?? [1])}`;
  const bad = (why: string): ConfigError => new ConfigError([`--cpus ${JSON.stringify(value)}: ${why}; expected ${allowed}`]);
  if (value.trim() === 'off') return {};
  const lists: Record<string, string[]> = {};
  let current: string | undefined;
  for (const token of value.split(',').map((t) => t.trim())) {
    const eq = token.indexOf('=');
    if (eq >= 0) {
      current = token.slice(0, eq);
      if (current !== 'server' && current !== 'driver') throw bad(`"${current}" is not a side (server or driver)`);
      if (lists[current]) throw bad(`${current} is given twice`);
      lists[current] = [token.slice(eq + 1)];
    } else if (current) {
      lists[current].push(token);
    } else {
      throw bad(`"${token}" names no side`);
    }
  }
  const side = (name: 'server' | 'driver'): number[] => {
    if (!lists[name] || lists[name].join('') === '') throw bad(`${name} has no CPUs`);
    let list: number[];
    try {
      list = parseCpuList(lists[name].join(','));
    } catch (err) {
      throw bad(`${name}: ${(err as Error).message}`);
    }
    const outside = list.filter((c) => !cpus.includes(c));
    if (outside.length) throw bad(`${name} CPU ${formatCpuList(outside)} is not available to this process`);
    return list;
  };
  const server = side('server');
  const driver = side('driver');
  const shared = server.filter((c) => driver.includes(c));
  if (shared.length) throw bad(`server and driver share CPU ${formatCpuList(shared)}`);
  return { server, driver };
}

/** One line for the RunResult's environment, e.g. `server cpus 0, driver cpus 1`. */
export function describePlacement(p: CpuPlacement): string {
  const side = (name: string, cpus?: readonly number[]): string => `${name} ${cpus ? `cpus ${formatCpuList(cpus)}` : 'unpinned'}`;
  return `${side('server', p.server)}, ${side('driver', p.driver)}`;
}

/** `command args` run through `taskset -c <cpus>` when cpus are given. */
export function pinnedCommand(command: string, args: readonly string[], cpus?: readonly number[]): { command: string; args: string[] } {
  return cpus && cpus.length ? { command: 'taskset', args: ['-c', formatCpuList(cpus), command, ...args] } : { command, args: [...args] };
}

/**
 * Environment that sizes a server's worker pool to `n` CPUs: Go's GOMAXPROCS, Tokio's worker
 * threads, .NET's processor count (Node and Bun serve from one thread).
 */
export function workerCountEnv(n: number): Record<string, string> {
  return { GOMAXPROCS: String(n), TOKIO_WORKER_THREADS: String(n), DOTNET_PROCESSOR_COUNT: String(n) };
}
