/** Which profiler samples which kind of server; each RuntimeVariantSpec names its kind. */
import { CpuProfiler, unavailableProfiler } from './cpu-profiler';
import { perfProfiler } from './perf-profiler';
import { pprofProfiler } from './pprof-profiler';
import { v8Profiler } from './v8-profiler';

/** The profilers the local target knows; `none` records why a server is not profiled. */
export type ProfilerKind = 'node-cpu-prof' | 'bun-cpu-prof' | 'go-pprof' | 'perf' | { readonly none: string };

/** A fresh profiler of `kind` for one run. */
export function createProfiler(kind: ProfilerKind): CpuProfiler {
  if (typeof kind === 'object') return unavailableProfiler('none', kind.none);
  switch (kind) {
    case 'node-cpu-prof':
      return v8Profiler('node');
    case 'bun-cpu-prof':
      return v8Profiler('bun');
    case 'go-pprof':
      return pprofProfiler();
    case 'perf':
      return perfProfiler();
  }
}
