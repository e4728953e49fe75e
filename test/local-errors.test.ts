/**
 * The local target on unhealthy servers: a server that answers 500 shows errors by kind, one
 * that answers the conformance probes wrongly is not measured, one that dies is reported with
 * its own output.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseExperimentConfig } from '../src/config/spec';
import { createProgress } from '../src/local/progress';
import { ConformanceError, measureHttpServer } from '../src/local/measure-http-server';
import { autocannonDriver } from '../src/local/autocannon-driver';
import { localEnvironment } from '../src/results/environment';
import { compareAnswers } from '../src/local/verify';
import { runtimeProbes } from '../experiments/runtime/conformance';
import { scratchDir } from './helpers/scratch-dirs';

/** A Node server started as a real process; `failEvery` makes every n-th /json answer 500. */
function nodeServer(body: string): { command: string; args: string[]; cwd: string } {
  const script = `
    const http = require('http');
    let n = 0;
    const srv = http.createServer((req, res) => {
      ${body}
    });
    srv.listen(Number(process.env.PORT), process.env.HOST);
    process.on('SIGTERM', () => srv.close(() => process.exit(0)));`;
  return { command: process.execPath, args: ['-e', script], cwd: __dirname };
}

const healthOr = (rest: string): string => `
  if (req.url === '/health') { res.setHeader('content-type','application/json'); return res.end('{"status":"ok"}'); }
  ${rest}`;

const profile = parseExperimentConfig({
  experiment: 'runtime',
  variant: 'go',
  load: {
    name: 'tiny',
    startTarget: 4,
    stages: [{ durationSeconds: 2, target: 4 }],
    requestMix: [{ name: 'json', path: '/json' }],
    thresholds: { maxErrorRate: 0.01 },
  },
}).profile;

const common = {
  experiment: 'runtime',
  profile,
  environment: localEnvironment('local', {}),
  driver: autocannonDriver(),
  progress: createProgress({ quiet: true }),
};

describe('local target on unhealthy servers', () => {
  it('counts 500 answers as http_5xx errors and fails the error-rate threshold', async () => {
    const start = nodeServer(healthOr(`n++; res.statusCode = n % 4 === 0 ? 500 : 200; res.end('{}');`));
    const { result } = await measureHttpServer({ ...common, variant: 'flaky', start, probes: [], checkAnswers: () => [] });
    expect(result.throughput.totalRequests).toBeGreaterThan(100);
    expect(result.errors.byKind.http_5xx).toBeGreaterThan(0);
    expect(result.errors.total).toBe(result.errors.byKind.http_5xx);
    // Every 4th request fails: the rate is a quarter, within the noise of the last few requests.
    expect(result.errors.rate).toBeGreaterThan(0.2);
    expect(result.errors.rate).toBeLessThan(0.3);
    expect(result.thresholdsPassed).toBe(false);
    expect(result.thresholds).toEqual([expect.objectContaining({ metric: 'errors.rate', passed: false })]);
  });

  it('does not measure a server that answers the conformance probes wrongly', async () => {
    const start = nodeServer(healthOr(`res.statusCode = 200; res.setHeader('content-type','application/json'); res.end('{"wrong":true}');`));
    const run = measureHttpServer({
      ...common,
      variant: 'wrong',
      start,
      probes: runtimeProbes,
      checkAnswers: (got) => compareAnswers(runtimeProbes, new Map([['wrong', got]])).map((m) => `${m.probe}: ${m.detail}`),
    });
    await expect(run).rejects.toThrow(ConformanceError);
    await expect(run).rejects.toThrow(/json: body \{"wrong":true\}, expected \{"id":1/);
  });

  it('reports a server that exits before it is healthy, with its own output', async () => {
    const start = { command: process.execPath, args: ['-e', 'console.error("boom: port taken"); process.exit(3)'], cwd: __dirname };
    await expect(measureHttpServer({ ...common, variant: 'crash', start, probes: [], checkAnswers: () => [] })).rejects.toThrow(
      /crash exited \(code 3\) before answering .*\n.*boom: port taken/,
    );
  });

  // The native driver builds its binary on first use: that must happen before the server starts,
  // not inside the load window its CPU profile and resource samples cover.
  describe('a driver that has to get ready first', () => {
    const marker = path.join(scratchDir('perflab-prepare-'), 'server-started');
    const start = nodeServer(`${healthOr(`res.end('{}');`)}`);
    const markingStart = { ...start, args: ['-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '');${start.args[1]}`] };

    it('is made ready before the server starts', async () => {
      const seen: boolean[] = [];
      const driver = { ...autocannonDriver(), prepare: async () => void seen.push(fs.existsSync(marker)) };
      const { result } = await measureHttpServer({ ...common, driver, variant: 'ready', start: markingStart, probes: [], checkAnswers: () => [] });
      expect(seen).toEqual([false]);
      expect(fs.existsSync(marker)).toBe(true);
      expect(result.throughput.totalRequests).toBeGreaterThan(0);
    });

    it('fails the run before any server starts when it cannot get ready', async () => {
      fs.rmSync(marker, { force: true });
      const driver = { ...autocannonDriver(), prepare: async () => Promise.reject(new Error('httpload: no usable Go on PATH')) };
      await expect(measureHttpServer({ ...common, driver, variant: 'unready', start: markingStart, probes: [], checkAnswers: () => [] })).rejects.toThrow('no usable Go on PATH');
      expect(fs.existsSync(marker)).toBe(false);
    });
  });
});
