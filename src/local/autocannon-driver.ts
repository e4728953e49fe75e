/** The embedded load driver: the profile's local plan run by autocannon (src/local/http-load.ts). */
import { compileLocalPlan } from '../load/local-plan';
import { runHttpLoad } from './http-load';
import { measuredFromHttpOutcome } from './http-result';
import { LoadDriver } from './measured-load';

/** The default driver of the local target. */
export function autocannonDriver(): LoadDriver {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const version = (require('autocannon/package.json') as { version: string }).version;
  return {
    info: { name: 'autocannon', version },
    async drive(baseUrl, profile, onProgress, signal) {
      const outcome = await runHttpLoad({ baseUrl, plan: compileLocalPlan(profile), mix: profile.requestMix, signal, onProgress });
      return measuredFromHttpOutcome(outcome);
    },
  };
}
