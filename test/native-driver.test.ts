/**
 * The native load driver (drivers/httpload) against a real HTTP server in this process: the
 * weighted mix with bodies, chunked and closing responses, errors by kind, the open model's
 * latency from the intended send time (coordinated omission), abort, and the decoded histograms.
 * Skipped, naming how to get Go, when there is none.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import { goProgramAvailable, buildGoProgram } from '../src/local/go-binary';
import { HTTPLOAD, HTTPLOAD_INSTALL_HINT } from '../src/local/httpload-program';
import { httpLoadConfig, runHttpLoadBinary } from '../src/local/native-driver';
import { LocalPlan } from '../src/load/local-plan';
import { Endpoint } from '../src/load/profile';

const here = goProgramAvailable(HTTPLOAD);
if (!here) console.warn(`native-driver: skipped — ${HTTPLOAD_INSTALL_HINT}`);
const maybe = here ? describe : describe.skip;

const ep = (name: string, path: string, weight: number, more: Partial<Endpoint> = {}): Endpoint => ({ name, method: 'GET', path, weight, expectStatus: 200, ...more });
const plan = (segments: LocalPlan['segments']): LocalPlan => ({ profile: 'test', model: 'closed', segments, totalSeconds: segments.reduce((s, x) => s + x.durationSeconds, 0) });

maybe('native load driver', () => {
  let binary: string;
  let server: http.Server;
  let base: string;
  let badBodies = 0;
  let blockAt = 0;
  beforeAll(async () => {
    binary = await buildGoProgram(HTTPLOAD);
    server = http.createServer((req, res) => {
      if (req.url === '/fixed') return res.end('{"ok":true}');
      if (req.url === '/chunked') {
        res.write('part one,');
        return setImmediate(() => res.end('part two'));
      }
      if (req.url === '/close') {
        res.setHeader('connection', 'close');
        return res.end('bye');
      }
      if (req.url === '/fail') {
        res.statusCode = 503;
        return res.end('no');
      }
      if (req.url === '/slow') return setTimeout(() => res.end('late'), 400);
      if (req.url === '/block') {
        // Blocks the whole server once, 1 s after blockAt is armed: every arrival meanwhile waits.
        if (blockAt && Date.now() >= blockAt) {
          blockAt = 0;
          const until = Date.now() + 500;
          while (Date.now() < until);
        }
        return res.end('ok');
      }
      if (req.url === '/echo' && req.method === 'POST') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        return req.on('end', () => {
          const ok = req.headers['content-type'] === 'application/json' && body === JSON.stringify({ sku: 'A-1', qty: 2 });
          if (!ok) badBodies++;
          res.statusCode = ok ? 201 : 400;
          res.end(body);
        });
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the weighted mix with bodies, frames chunked and closing answers, and counts unexpected statuses by class', async () => {
    const mix = [
      ep('fixed', '/fixed', 2),
      ep('chunked', '/chunked', 1),
      ep('echo', '/echo', 1, { method: 'POST', body: { sku: 'A-1', qty: 2 }, expectStatus: 201 }),
      ep('fail', '/fail', 1),
      ep('close', '/close', 1),
    ];
    const progress: number[] = [];
    const m = await runHttpLoadBinary(binary, httpLoadConfig(base, plan([{ durationSeconds: 2.2, connections: 4 }]), mix), 2.2, undefined, (p) => progress.push(p.requests));
    const by = Object.fromEntries(m.endpoints.map((e) => [e.name, e]));
    const total = m.throughput.totalRequests ?? 0;
    expect(total).toBeGreaterThan(300);
    // Proportions of the cycle (2:1:1:1:1), to within a few requests per connection.
    expect(by.fixed.requests / total).toBeCloseTo(2 / 6, 1);
    for (const n of ['chunked', 'echo', 'fail', 'close']) expect(by[n].requests / total).toBeCloseTo(1 / 6, 1);
    expect(badBodies).toBe(0);
    expect(by.echo.errors).toBe(0);
    expect(by.chunked.errors).toBe(0);
    expect(by.close.errors).toBe(0);
    expect(m.errors.byKind).toEqual({ http_5xx: by.fail.requests });
    expect(m.latency.count).toBe(total);
    expect(by.fixed.latency.count).toBe(by.fixed.requests);
    expect(m.throughput.totalBytes).toBeGreaterThan(total * 40);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(m.driverCpu?.seconds).toBeGreaterThan(0);
    expect(m.driverCpu?.samples.length).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it('open model: holds the arrival rate and measures latency from the intended send time', async () => {
    const rate = 200;
    const cfg = httpLoadConfig(base, { ...plan([{ durationSeconds: 3, connections: 20, overallRate: rate }]), model: 'open' }, [ep('block', '/block', 1)]);
    blockAt = Date.now() + 1000;
    const m = await runHttpLoadBinary(binary, cfg, 3, undefined, () => undefined);
    expect(m.throughput.totalRequests).toBeGreaterThanOrEqual(rate * 3 * 0.9);
    expect(m.throughput.totalRequests).toBeLessThanOrEqual(rate * 3 + 1);
    // The 500 ms stall delays every arrival due during it (~100 of 600), not just the ~20 in
    // flight: measured from the intended time, ≥ 10% of requests see ≥ 100 ms (from the actual
    // send they would not: each waits for a free connection first).
    expect(m.latency.p90).toBeGreaterThanOrEqual(100);
    expect(m.latency.max).toBeGreaterThanOrEqual(400);
    expect(m.errors.total).toBe(0);
  }, 30_000);

  it('counts timeouts and refused connections by kind, without hammering a dead port', async () => {
    const slow = await runHttpLoadBinary(binary, { ...httpLoadConfig(base, plan([{ durationSeconds: 1, connections: 2 }]), [ep('slow', '/slow', 1)]), timeoutSeconds: 0.15 }, 1, undefined, () => undefined);
    expect(slow.errors.byKind.timeout).toBeGreaterThanOrEqual(2);
    expect(Object.keys(slow.errors.byKind)).toEqual(['timeout']);
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const dead = await runHttpLoadBinary(binary, httpLoadConfig(`http://127.0.0.1:${deadPort}`, plan([{ durationSeconds: 1, connections: 2 }]), [ep('x', '/fixed', 1)]), 1, undefined, () => undefined);
    expect(Object.keys(dead.errors.byKind)).toEqual(['connection']);
    expect(dead.errors.total).toBeGreaterThan(10);
    expect(dead.errors.total).toBeLessThanOrEqual(2 * 110); // one attempt per 10 ms per connection at most
  }, 30_000);

  it('stops on abort and still reports what it measured', async () => {
    const controller = new AbortController();
    const t0 = Date.now();
    setTimeout(() => controller.abort(), 700);
    const m = await runHttpLoadBinary(binary, httpLoadConfig(base, plan([{ durationSeconds: 20, connections: 2 }]), [ep('fixed', '/fixed', 1)]), 20, undefined, () => undefined, controller.signal);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(m.aborted).toBe(true);
    expect(m.throughput.totalRequests).toBeGreaterThan(0);
    // Shorter than one progress interval: no CPU sample, an empty list (not null).
    expect(m.driverCpu?.samples).toEqual([]);
  }, 30_000);

  it('rejects a non-http base URL before starting anything', () => {
    expect(() => httpLoadConfig('https://127.0.0.1:1', plan([]), [ep('x', '/', 1)])).toThrow('is not http:// (TLS is not supported; use --load-generator autocannon)');
  });
});
