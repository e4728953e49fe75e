/**
 * The k6 driver's process handling, run against a stand-in k6 binary
 * (test/fixtures/k6-standin/k6) that answers `version`, reaches the server at BASE_URL, and
 * writes a summary in k6's documented handleSummary format. k6 itself cannot be installed here;
 * the summary figures therefore come from the fixture, not from measured load.
 */
import * as path from 'path';
import { parseExperimentConfig } from '../src/config/spec';
import { chooseDriver } from '../src/local/choose-driver';
import { k6Driver, k6Version } from '../src/local/k6-driver';
import { measureHttpServer } from '../src/local/measure-http-server';
import { createProgress } from '../src/local/progress';
import { localEnvironment } from '../src/results/environment';
import { ConfigError } from '../src/config/errors';

const STANDIN = path.join(__dirname, 'fixtures', 'k6-standin', 'k6');
const server = {
  command: process.execPath,
  args: ['-e', `require('http').createServer((q,s)=>s.end('{"status":"ok"}')).listen(+process.env.PORT, process.env.HOST)`],
  cwd: __dirname,
};
const profile = parseExperimentConfig({ experiment: 'runtime', variant: 'go', load: 'smoke' }).profile;
const measure = (driver = k6Driver(STANDIN, 'k6 v1.3.0')) =>
  measureHttpServer({
    experiment: 'runtime',
    variant: 'go',
    start: server,
    profile,
    probes: [],
    checkAnswers: () => [],
    environment: localEnvironment('local', {}),
    driver,
    progress: createProgress({ quiet: true }),
  });

describe('k6 driver', () => {
  afterEach(() => delete process.env.K6_STANDIN_EXIT);

  it('reads the version of the binary', () => {
    expect(k6Version(STANDIN)).toBe('k6 v1.3.0 (perflab test stand-in)');
    expect(k6Version('perflab-no-such-k6')).toBeUndefined();
  });

  it('turns the summary k6 writes into the RunResult, without perflab’s bookkeeping thresholds', async () => {
    const { result } = await measure();
    expect(result.loadGenerator).toEqual({ name: 'k6', version: 'k6 v1.3.0' });
    expect(result.latency.p95).toBe(141.7);
    expect(result.latency.histogram).toBeUndefined();
    expect(result.throughput.totalRequests).toBe(12000);
    expect(result.endpoints.map((e) => e.name).sort()).toEqual(['compute', 'echo', 'health', 'json']);
    expect(result.thresholds.some((t) => t.condition.includes('max>=0'))).toBe(false);
    expect(result.thresholds).toContainEqual(expect.objectContaining({ metric: 'http_req_duration', condition: 'p(99)<1000', passed: false }));
    expect(result.thresholdsPassed).toBe(false);
    expect(result.resources[0].samples).toBeGreaterThan(0);
  });

  it('fails with the runner’s own log lines when k6 fails', async () => {
    process.env.K6_STANDIN_EXIT = '107';
    await expect(measure()).rejects.toThrow(/k6 run failed \(exit 107\) and left no summary:\n.*stand-in failure for the test/);
  });

  it('is chosen by --load-generator', () => {
    expect(chooseDriver('k6', STANDIN).info.name).toBe('k6');
    expect(chooseDriver('auto', STANDIN).info.name).toBe('k6');
    // Without k6, auto falls back to the native driver when Go is here (else autocannon).
    expect(['httpload', 'autocannon']).toContain(chooseDriver('auto', 'perflab-no-such-k6').info.name);
    expect(() => chooseDriver('k6', 'perflab-no-such-k6')).toThrow(/"k6" was asked for but no k6 binary answers on PATH; install k6/);
    expect(() => chooseDriver('wrk')).toThrow(ConfigError);
    expect(() => chooseDriver('wrk')).toThrow('--load-generator: "wrk" is not one of native, autocannon, k6, auto');
  });
});
