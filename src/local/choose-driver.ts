/** Picks the local target's load driver from `--load-generator`. */
import { ConfigError } from '../config/errors';
import { autocannonDriver } from './autocannon-driver';
import { K6_INSTALL_HINT, k6Driver, k6Version } from './k6-driver';
import { LoadDriver } from './measured-load';

/** Values of `--load-generator`. */
export const LOAD_GENERATORS = ['autocannon', 'k6', 'auto'] as const;

/**
 * `autocannon` (the embedded default), `k6` (a k6 binary on PATH; an error naming how to install
 * it when there is none), or `auto` (k6 when one is on PATH, else autocannon).
 */
export function chooseDriver(choice: string, k6Binary = process.env.PERFLAB_K6 ?? 'k6'): LoadDriver {
  if (!(LOAD_GENERATORS as readonly string[]).includes(choice)) {
    throw new ConfigError([`--load-generator: ${JSON.stringify(choice)} is not one of ${LOAD_GENERATORS.join(', ')}`]);
  }
  if (choice === 'autocannon') return autocannonDriver();
  const version = k6Version(k6Binary);
  if (version) return k6Driver(k6Binary, version);
  if (choice === 'k6') throw new ConfigError([`--load-generator: "k6" was asked for but no k6 binary answers on PATH; ${K6_INSTALL_HINT}`]);
  return autocannonDriver();
}
