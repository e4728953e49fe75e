/** Picks the local target's load driver from `--load-generator`. */
import { ConfigError } from '../config/errors';
import { autocannonDriver } from './autocannon-driver';
import { goProgramAvailable } from './go-binary';
import { HTTPLOAD, HTTPLOAD_INSTALL_HINT } from './httpload-program';
import { K6_INSTALL_HINT, k6Driver, k6Version } from './k6-driver';
import { LoadDriver } from './measured-load';
import { NativeDriverOptions, nativeDriver } from './native-driver';
import { CpuPlacement, defaultPlacement, parseCpusOption, tasksetAvailable } from './cpu-affinity';

/** Values of `--load-generator`. */
export const LOAD_GENERATORS = ['native', 'autocannon', 'k6', 'auto'] as const;

/** The default `--load-generator`. */
export const DEFAULT_LOAD_GENERATOR = 'native';

/**
 * `native` (the default: httpload, built with Go on first use; an error naming how to get Go, or
 * to pick autocannon, when there is none), `autocannon` (JavaScript, in-process), `k6` (a k6
 * binary on PATH; an error naming how to install it when there is none), or `auto` (k6 when one
 * is on PATH, else native when Go is here, else autocannon). `native` options (CPU pinning)
 * apply to the native driver only.
 */
export function chooseDriver(choice: string, k6Binary = process.env.PERFLAB_K6 ?? 'k6', native: NativeDriverOptions = {}): LoadDriver {
  if (!(LOAD_GENERATORS as readonly string[]).includes(choice)) {
    throw new ConfigError([`--load-generator: ${JSON.stringify(choice)} is not one of ${LOAD_GENERATORS.join(', ')}`]);
  }
  if (choice === 'autocannon') return autocannonDriver();
  if (choice === 'native') {
    if (!goProgramAvailable(HTTPLOAD)) throw new ConfigError([`--load-generator: "native" needs Go — ${HTTPLOAD_INSTALL_HINT}`]);
    return nativeDriver(native);
  }
  const version = k6Version(k6Binary);
  if (version) return k6Driver(k6Binary, version);
  if (choice === 'k6') throw new ConfigError([`--load-generator: "k6" was asked for but no k6 binary answers on PATH; ${K6_INSTALL_HINT}`]);
  return goProgramAvailable(HTTPLOAD) ? nativeDriver(native) : autocannonDriver();
}

/** Help text of `--cpus`. */
export const CPUS_HELP =
  'where the native driver and the server run: server=<cpus>,driver=<cpus> (e.g. server=0,driver=1), or off; ' +
  'default: the driver on the last CPU, the server on the others, when there are ≥ 2 and taskset is installed';

/**
 * The driver for `--load-generator` and `--cpus`: the native driver pinned as `--cpus` says (by
 * default on disjoint CPU sets when taskset and ≥ 2 CPUs are here); `--cpus` with another driver
 * is an error, as is `--cpus` without taskset.
 */
export function driverFromOptions(loadGenerator: string, cpus?: string): LoadDriver {
  let placement: CpuPlacement;
  if (cpus === undefined) {
    placement = tasksetAvailable() ? defaultPlacement() : {};
  } else {
    if (loadGenerator !== 'native') throw new ConfigError([`--cpus ${JSON.stringify(cpus)}: pins the native driver only; --load-generator is ${JSON.stringify(loadGenerator)} (use --load-generator native, or drop --cpus)`]);
    placement = parseCpusOption(cpus);
    if ((placement.server || placement.driver) && !tasksetAvailable()) throw new ConfigError([`--cpus ${JSON.stringify(cpus)}: pinning needs taskset (apt-get install util-linux), or use --cpus off`]);
  }
  return chooseDriver(loadGenerator, undefined, { placement });
}
