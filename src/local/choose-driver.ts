/** Picks the local target's load driver from `--load-generator`. */
import { ConfigError } from '../config/errors';
import { autocannonDriver } from './autocannon-driver';
import { goProgramAvailable } from './go-binary';
import { HTTPLOAD, HTTPLOAD_INSTALL_HINT } from './httpload-program';
import { K6_INSTALL_HINT, k6Driver, k6Version } from './k6-driver';
import { LoadDriver } from './measured-load';
import { NativeDriverOptions, nativeDriver } from './native-driver';

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
