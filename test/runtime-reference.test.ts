/**
 * perflab's native load driver against wrk (Debian's wrk 4.1) on the runtime apps, in
 * alternating rounds back to back on the same pinned server (experiments/runtime/reference):
 * GET /json RPS through both tools within 15% of each other for go and node, and the same
 * go-vs-node ranking. 3 rounds × 2 s per tool per app, about 40 s with start-up. A ratio outside
 * the tolerance fails unless either tool's own rounds spread wider than the tolerance: then
 * the machine is too noisy for a verdict and the test says so (inconclusive) instead of failing.
 * Skipped, naming what to install, without wrk, Go or Node. It measures, so it runs alone: `npm test`
 * runs it in its last step (`npm run test:quiet`, PERFLAB_REFERENCE_CHECKS=1, --runInBand); a plain
 * `jest` runs only the parser test here.
 */
import * as os from 'os';
import { spawnSync } from 'child_process';
import { AgainstWrk, VariantAgainstWrk, measureAgainstWrk, medianRps, spread } from '../experiments/runtime/reference/alternating';
import { WRK_INSTALL_HINT, parseWrkOutput } from '../experiments/runtime/reference/wrk';
import { goProgramAvailable } from '../src/local/go-binary';
import { HTTPLOAD, HTTPLOAD_INSTALL_HINT } from '../src/local/httpload-program';

const TOLERANCE = 0.15;

describe('parseWrkOutput', () => {
  it('reads requests, RPS and the children\'s CPU time from wrk\'s report and `times`', () => {
    const text = [
      '  61104 requests in 1.10s, 18.30MB read',
      'Requests/sec:  55575.62',
      'Transfer/sec:     16.64MB',
      '0m0.000000s 0m0.000000s',
      '0m0.050000s 0m0.280000s',
    ].join('\n');
    expect(parseWrkOutput(text)).toEqual({ requests: 61104, requestsPerSecond: 55575.62, cpuSeconds: 0.33 });
    expect(() => parseWrkOutput('unable to connect to 127.0.0.1:1 Connection refused')).toThrow('wrk printed no "requests in"');
  });
});

const wrkHere = spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
const optedIn = process.env.PERFLAB_REFERENCE_CHECKS === '1';
const missing = [!optedIn && 'PERFLAB_REFERENCE_CHECKS=1 (npm run test:quiet runs it alone)', !wrkHere && `wrk — ${WRK_INSTALL_HINT}`, !goProgramAvailable(HTTPLOAD) && `Go — ${HTTPLOAD_INSTALL_HINT}`].filter(Boolean);
if (missing.length) console.warn(`runtime-reference: skipped, missing ${missing.join('; ')}`);
const maybe = missing.length ? describe.skip : describe;

maybe('native driver against wrk on /json (alternating rounds)', () => {
  let m: AgainstWrk;
  beforeAll(async () => {
    m = await measureAgainstWrk({ variants: ['go', 'node'], rounds: 3, seconds: 2 });
  }, 240_000);

  const context = (): string => `load average ${m.loadAverageBefore.toFixed(2)} → ${m.loadAverageAfter.toFixed(2)} on ${os.cpus().length} cores`;
  const describeSide = (v: VariantAgainstWrk): string =>
    `${v.variant}: native ${v.native.rps.map((x) => x.toFixed(0)).join(', ')} rps; wrk ${v.wrk.rps.map((x) => x.toFixed(0)).join(', ')} rps`;
  const noisy = (v: VariantAgainstWrk): boolean => spread(v.native) > 1 + TOLERANCE || spread(v.wrk) > 1 + TOLERANCE;

  it.each(['go', 'node'])('%s: native RPS within 15%% of wrk\'s', (variant) => {
    const v = m.variants.find((x) => x.variant === variant) as VariantAgainstWrk;
    const ratio = medianRps(v.native) / medianRps(v.wrk);
    const detail = `native / wrk = ${ratio.toFixed(2)} (${describeSide(v)}; ${context()})`;
    if (Math.abs(ratio - 1) <= TOLERANCE) return;
    if (noisy(v)) {
      console.warn(`runtime-reference: inconclusive, rounds spread wider than ± ${TOLERANCE}: ${detail}`);
      return;
    }
    throw new Error(`outside 1 ± ${TOLERANCE}: ${detail}`);
  });

  it('ranks go and node the same way as wrk', () => {
    const [go, node] = ['go', 'node'].map((n) => m.variants.find((x) => x.variant === n) as VariantAgainstWrk);
    const nativeRatio = medianRps(go.native) / medianRps(node.native);
    const wrkRatio = medianRps(go.wrk) / medianRps(node.wrk);
    const detail = `go/node: native ${nativeRatio.toFixed(2)}, wrk ${wrkRatio.toFixed(2)} (${describeSide(go)}; ${describeSide(node)}; ${context()})`;
    if (nativeRatio > 1 === wrkRatio > 1) return;
    if (noisy(go) || noisy(node)) {
      console.warn(`runtime-reference: inconclusive ranking, rounds spread wider than ± ${TOLERANCE}: ${detail}`);
      return;
    }
    throw new Error(`the two tools rank go and node differently: ${detail}`);
  });
});
