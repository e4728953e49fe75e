/**
 * MeasuredLoad: what any load generator (the embedded one, or a k6 binary) hands back after a
 * run, and the LoadDriver seam through which the local target drives load.
 */
import { ResolvedLoadProfile } from '../load/profile';
import { RunResult } from '../results/run-result';
import { ThresholdResult } from '../results/thresholds';
import { LoadProgress } from './http-load';
import { CpuPlacement } from './cpu-affinity';

/** The load-side figures of a run, before the RunResult is assembled. */
export interface MeasuredLoad {
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly durationSeconds: number;
  readonly latency: RunResult['latency'];
  readonly throughput: RunResult['throughput'];
  readonly errors: RunResult['errors'];
  readonly endpoints: RunResult['endpoints'];
  /** Thresholds as the generator judged them; undefined lets perflab evaluate the profile's. */
  readonly thresholds?: ThresholdResult[];
  readonly aborted: boolean;
  /** The generator's own CPU, when it reports it (the native driver does). @default absent */
  readonly driverCpu?: DriverCpu;
}

/** A load generator's own CPU use over a run. */
export interface DriverCpu {
  /** User + system CPU seconds over the whole run. */
  readonly seconds: number;
  /** Cores it can use (the native driver's event loop: 1). */
  readonly cores: number;
  /** CPU utilisation of each ~1 s interval (1 = one core busy). */
  readonly samples: readonly number[];
}

/** A load generator the local target can drive. */
export interface LoadDriver {
  /** Name and version, recorded in every RunResult. */
  readonly info: { readonly name: string; readonly version: string };
  /**
   * CPU sets of the server and of the driver when the driver is pinned (the native driver):
   * the server is then started on its set, with its worker count sized to it. @default unpinned
   */
  readonly placement?: CpuPlacement;
  /**
   * Makes the driver ready to start at once (the native driver builds its binary on first use),
   * so a server is started, profiled and sampled only once nothing else is left to do; drive()
   * works without it. @default nothing to prepare
   */
  prepare?(signal?: AbortSignal): Promise<void>;
  /** Drives the profile against `baseUrl` (`http://127.0.0.1:PORT`). */
  drive(baseUrl: string, profile: ResolvedLoadProfile, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<MeasuredLoad>;
}
