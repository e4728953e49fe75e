/**
 * Resources of a local server that is more than one process (PostgreSQL forks a backend per
 * connection; a wrapper such as `runuser` sits above the server): every `intervalMs` the
 * process tree under a root pid is read from /proc. CPU core-seconds are the sum over the
 * tree's processes of their CPU time (utime + stime) gained inside the window — a process
 * first seen after the window began counts from zero; memory is the tree's summed PSS
 * (proportional set size, /proc/<pid>/smaps_rollup), so shared memory such as PostgreSQL's
 * shared buffers is counted once, not once per backend. Linux only: elsewhere (or without
 * /proc) it falls back to the single-process sampler on the root pid.
 */
import * as fs from 'fs';
import * as os from 'os';
import { ResourceSampler, ResourceUsage, startResourceSampler } from './resource-sampler';
import { CpuReading, usageP95 } from '../stats/usage-percentiles';
import { ProcStat, pssBytes, readStat } from './proc-stat';

/** Pids of `root` and all its descendants with their stat. */
export function processTree(root: number): Map<number, ProcStat> {
  const all = new Map<number, ProcStat>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) all.set(Number(name), s);
  }
  const tree = new Map<number, ProcStat>();
  const rootStat = all.get(root);
  if (!rootStat) return tree;
  tree.set(root, rootStat);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, s] of all) {
      if (!tree.has(pid) && tree.has(s.ppid)) {
        tree.set(pid, s);
        grew = true;
      }
    }
  }
  return tree;
}

/** Starts sampling the process tree under `rootPid` every `intervalMs` (default 250 ms) as `component`. */
export function startProcessTreeSampler(rootPid: number, component: string, intervalMs = 250): ResourceSampler {
  if (os.platform() !== 'linux' || !fs.existsSync('/proc/self/stat')) return startResourceSampler(rootPid, component, intervalMs);
  const baseline = new Map<string, number>();
  const latest = new Map<string, number>();
  const memory: number[] = [];
  const cpuReadings: CpuReading[] = [];
  const startedAt = Date.now();
  const cpuSoFar = (): number => {
    let cpu = 0;
    for (const [key, last] of latest) cpu += Math.max(0, last - (baseline.get(key) ?? 0));
    return cpu;
  };
  let firstRound = true;
  const sample = (): void => {
    let pss = 0;
    for (const [pid, s] of processTree(rootPid)) {
      const key = `${pid}@${s.start}`;
      if (!baseline.has(key)) baseline.set(key, firstRound ? s.cpuSeconds : 0);
      latest.set(key, s.cpuSeconds);
      pss += pssBytes(pid);
    }
    firstRound = false;
    if (pss > 0) memory.push(pss);
    cpuReadings.push({ atMs: Date.now(), cpuSeconds: cpuSoFar() });
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    async stop(): Promise<ResourceUsage> {
      clearInterval(timer);
      sample();
      const cpu = cpuSoFar();
      const wall = Math.max(0.001, (Date.now() - startedAt) / 1000);
      return {
        component,
        cpuCoreSeconds: Math.round(cpu * 1000) / 1000,
        cpuCoresAvg: Math.round((cpu / wall) * 1000) / 1000,
        memoryAvgBytes: memory.length ? Math.round(memory.reduce((a, b) => a + b, 0) / memory.length) : 0,
        memoryPeakBytes: memory.length ? Math.max(...memory) : 0,
        samples: memory.length,
        source: 'procfs',
        ...usageP95(cpuReadings, memory),
      };
    },
  };
}
