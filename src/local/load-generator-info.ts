/** Name and version of the embedded load generator, recorded in every local RunResult. */

/** The embedded generator (autocannon) and its installed version. */
export function loadGeneratorInfo(): { name: string; version: string } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require('autocannon/package.json') as { version: string };
  return { name: 'autocannon', version: pkg.version };
}
