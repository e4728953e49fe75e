/**
 * httpload, perflab's native load driver (drivers/httpload, Go), as a program built on first
 * use. PERFLAB_HTTPLOAD names a prebuilt binary instead.
 */
import * as path from 'path';
import { GoProgramSpec } from './go-binary';

/** Environment variable naming a prebuilt httpload. */
export const HTTPLOAD_BINARY_ENV = 'PERFLAB_HTTPLOAD';

/** What to do when Go is missing (shown when the native driver is chosen without one). */
export const HTTPLOAD_INSTALL_HINT =
  `the native load driver (drivers/httpload) is built with Go ≥ 1.23: install it from https://go.dev/dl/, ` +
  `set ${HTTPLOAD_BINARY_ENV} to a prebuilt httpload, or pick the JavaScript driver with --load-generator autocannon`;

/** The driver's Go program. */
export const HTTPLOAD: GoProgramSpec = {
  name: 'httpload',
  moduleDir: path.resolve(__dirname, '..', '..', 'drivers', 'httpload'),
  prebuiltEnv: HTTPLOAD_BINARY_ENV,
  minGo: [1, 23],
  installHint: HTTPLOAD_INSTALL_HINT,
};
