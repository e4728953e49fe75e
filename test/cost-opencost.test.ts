/**
 * OpenCost allocation responses → RunResult cost. Fixtures in test/fixtures/opencost/ are hand-written to
 * the real shape: AllocationJSON in opencost/opencost core/pkg/opencost/allocation_json.go, the example in
 * opencost/opencost docs/swagger.json, and the {code,status,data:[{name: allocation}]} wrapper of
 * https://opencost.io/docs/integrations/api-examples.
 */
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { OpenCostResponseError } from '../src/cost/errors';
import { parseAllocationResponse } from '../src/cost/opencost-allocation';
import { allocationToRunCost, sanitizeLabelName } from '../src/cost/opencost-cost';
import { allocationRequestPath, readRunCost } from '../src/cost/opencost-reader';
import { OpenCostHttp, baseUrlHttp, kubeProxyHttp, serviceProxyPath } from '../src/cost/opencost-transport';
import { pricedRun } from './fixtures/opencost/run';

const fixture = (name: string): string => fs.readFileSync(path.join(__dirname, 'fixtures', 'opencost', name), 'utf8');
const RUN_MATCH = { aggregate: 'label', label: 'perflab.dev/run', value: 'runtime-go-1a2b3c4d' } as const;
const run = pricedRun({
  startedAt: '2026-11-20T10:00:00.000Z',
  durationSeconds: 1800,
  resources: [{ component: 'server', cpuCoreSeconds: 756, memoryAvgBytes: 230_000_000 }],
  totalRequests: 1_800_000,
});

describe('parseAllocationResponse', () => {
  it('reads a label-aggregated, accumulated answer with __idle__', () => {
    const r = parseAllocationResponse(fixture('allocation-label-run.json'));
    expect(r.code).toBe(200);
    expect(r.sets).toHaveLength(1);
    expect(Object.keys(r.sets[0]).sort()).toEqual(['__idle__', '__unallocated__', 'runtime-go-1a2b3c4d']);
    expect(r.sets[0]['runtime-go-1a2b3c4d'].cpuCoreHours).toBe(0.5);
  });

  it('accepts null figures (NaN in OpenCost) and several steps', () => {
    const r = parseAllocationResponse(fixture('allocation-namespace-steps.json'));
    expect(r.sets).toHaveLength(3);
    expect(r.sets[1]['kube-system'].totalEfficiency).toBeNull();
  });

  it('rejects a truncated body', () => {
    expect(() => parseAllocationResponse(fixture('truncated.txt'))).toThrow(OpenCostResponseError);
    expect(() => parseAllocationResponse(fixture('truncated.txt'))).toThrow(/not valid JSON .*truncated or not JSON; body starts "\{ \\"code\\": 200/);
  });

  it('rejects an empty body and an HTML page with a hint', () => {
    expect(() => parseAllocationResponse('')).toThrow(/the body is empty/);
    expect(() => parseAllocationResponse('<!DOCTYPE html><html><body>OpenCost</body></html>')).toThrow(/OpenCost API \(port 9003\) and not the UI \(port 9090\)/);
  });

  it('rejects a foreign document (a Prometheus answer)', () => {
    expect(() => parseAllocationResponse(fixture('prometheus-answer.json'))).toThrow(
      'not an OpenCost allocation response: expected fields code and data, found status, data',
    );
    expect(() => parseAllocationResponse({ code: 200, data: { resultType: 'vector', result: [] } })).toThrow(/looks like a Prometheus query answer/);
    expect(() => parseAllocationResponse([1, 2])).toThrow(/got an array/);
  });

  it('passes on an OpenCost error answer', () => {
    expect(() => parseAllocationResponse(fixture('error-400.json'))).toThrow('OpenCost answered code 400: error parsing window');
  });

  it('rejects an allocation that lacks a cost field, naming where', () => {
    const doc = JSON.parse(fixture('allocation-label-run.json'));
    delete doc.data[0]['runtime-go-1a2b3c4d'].totalCost;
    expect(() => parseAllocationResponse(doc)).toThrow(/response.data\[0\].runtime-go-1a2b3c4d.totalCost is required/);
  });

  it('rejects a set whose key and allocation name disagree', () => {
    const doc = JSON.parse(fixture('allocation-label-run.json'));
    doc.data[0]['runtime-go-1a2b3c4d'].name = 'other';
    expect(() => parseAllocationResponse(doc)).toThrow('response.data[0]: key "runtime-go-1a2b3c4d" holds an allocation named "other"');
  });
});

describe('allocationToRunCost', () => {
  const response = parseAllocationResponse(fixture('allocation-label-run.json'));

  it('turns the run’s allocation into total, split, idle share and cost per 1M', () => {
    const c = allocationToRunCost(response, { match: RUN_MATCH, operations: { unit: 'requests', count: 1_800_000 } });
    expect(c.source).toBe('opencost');
    // the run's totalCost as OpenCost reports it: 0.01581 + 0.00106 + 0.00027 + 0.0012 = $0.01834
    expect(c.totalCost).toBeCloseTo(0.01834, 12);
    expect(c.breakdown).toEqual({ cpu: 0.01581, memory: 0.00106, storage: 0.00027, network: 0.0012 });
    // idle share of the cluster: idle $0.036 / (idle 0.036 + allocated 0.01834 + 0.01166) = 0.036 / 0.066 = 0.5454…
    expect(c.idleShare).toBeCloseTo(0.036 / 0.066, 12);
    // the run's proportional share of idle: $0.036 × 0.01834 / 0.03 = $0.022008 (not charged by default)
    expect(c.idleCost).toBeCloseTo(0.022008, 12);
    expect(c.idleCharged).toBe(false);
    // per 1M requests: $0.01834 / 1.8M × 1M = $0.0101888…
    expect(c.costPerMillion).toBeCloseTo(0.01834 / 1.8, 12);
    expect(c.efficiency).toBeCloseTo(0.42, 12);
    expect(c.window).toEqual({ start: '2026-11-20T10:00:00Z', end: '2026-11-20T10:30:00Z' });
  });

  it('charges the idle share when asked', () => {
    const c = allocationToRunCost(response, { match: RUN_MATCH, chargeIdle: true });
    // $0.01834 + $0.022008 = $0.040348
    expect(c.totalCost).toBeCloseTo(0.040348, 12);
    expect(c.idleCharged).toBe(true);
  });

  it('sums a namespace over the steps of the window', () => {
    const steps = parseAllocationResponse(fixture('allocation-namespace-steps.json'));
    const c = allocationToRunCost(steps, { match: { aggregate: 'namespace', namespace: 'perflab-runtime-go' }, operations: { unit: 'requests', count: 1_800_000 } });
    // 0.005 + 0.006 + 0.007 = $0.018; CPU 0.004 + 0.005 + 0.006 = $0.015; memory 3 × 0.001 = $0.003
    expect(c.totalCost).toBeCloseTo(0.018, 12);
    expect(c.breakdown!.cpu).toBeCloseTo(0.015, 12);
    expect(c.breakdown!.memory).toBeCloseTo(0.003, 12);
    // no __idle__ in the answer: no idle figures
    expect(c.idleShare).toBeUndefined();
    expect(c.efficiency).toBeUndefined();
    expect(c.window).toEqual({ start: '2026-11-20T10:00:00Z', end: '2026-11-20T10:30:00Z' });
  });

  it('finds a label aggregate keyed the older way (label=value)', () => {
    const doc = JSON.parse(fixture('allocation-label-run.json'));
    const a = doc.data[0]['runtime-go-1a2b3c4d'];
    delete doc.data[0]['runtime-go-1a2b3c4d'];
    a.name = 'perflab_dev_run=runtime-go-1a2b3c4d';
    doc.data[0][a.name] = a;
    expect(sanitizeLabelName('perflab.dev/run')).toBe('perflab_dev_run');
    expect(allocationToRunCost(parseAllocationResponse(doc), { match: RUN_MATCH }).totalCost).toBeCloseTo(0.01834, 12);
  });

  it('says which allocations were there when the run is missing', () => {
    expect(() => allocationToRunCost(response, { match: { ...RUN_MATCH, value: 'runtime-rust-9' } })).toThrow(
      'OpenCost has no allocation for label perflab.dev/run=runtime-rust-9 in this window; allocations present: runtime-go-1a2b3c4d, __unallocated__, __idle__',
    );
  });
});

describe('allocationRequestPath', () => {
  it('asks for the run window, aggregated, accumulated, with idle', () => {
    const p = allocationRequestPath({ start: '2026-11-20T10:00:00.000Z', end: '2026-11-20T10:30:00.250Z', aggregate: 'label:perflab.dev/run' });
    expect(p).toBe(
      '/allocation/compute?window=2026-11-20T10%3A00%3A00Z%2C2026-11-20T10%3A30%3A00Z&aggregate=label%3Aperflab.dev%2Frun&accumulate=true&includeIdle=true&resolution=1m',
    );
  });
});

/** A fake OpenCost API answering from a table, recording the paths asked. */
function fakeApi(answer: { status: number; body: string } | Error): OpenCostHttp & { asked: string[] } {
  const asked: string[] = [];
  return {
    describe: 'fake-opencost',
    asked,
    get: async (p) => {
      asked.push(p);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe('readRunCost', () => {
  it('reads the run’s cost from OpenCost', async () => {
    const api = fakeApi({ status: 200, body: fixture('allocation-label-run.json') });
    const priced = await readRunCost(api, run, { match: RUN_MATCH, pricing: 'opencost custom pricing: opencost-default', pricingDate: '2026-11-25' });
    expect(api.asked).toEqual([allocationRequestPath({ start: run.startedAt, end: run.finishedAt, aggregate: 'label:perflab.dev/run' })]);
    expect(priced.cost).toMatchObject({ source: 'opencost', pricing: 'opencost custom pricing: opencost-default', pricingDate: '2026-11-25', unit: 'requests' });
    expect(priced.cost!.totalCost).toBeCloseTo(0.01834, 12);
  });

  it('models the cost, and says so, where no cost tool is installed', async () => {
    const priced = await readRunCost(undefined, run, { match: RUN_MATCH });
    expect(priced.cost!.source).toBe('modelled');
    // 756 core-s = 0.21 core-h × $0.031611 = $0.00663831
    expect(priced.cost!.breakdown!.cpu).toBeCloseTo(0.00663831, 12);
    expect(priced.notes).toContain('OpenCost not used: no cost tool is installed for this target');
  });

  it('models the cost when OpenCost does not answer or is not there', async () => {
    const refused = await readRunCost(fakeApi(new Error('connect ECONNREFUSED 127.0.0.1:9003')), run, { match: RUN_MATCH });
    expect(refused.cost!.source).toBe('modelled');
    expect(refused.notes.join('\n')).toContain('OpenCost not used: no answer from fake-opencost (connect ECONNREFUSED 127.0.0.1:9003)');
    const missing = await readRunCost(fakeApi({ status: 503, body: 'no endpoints available for service "opencost"' }), run, { match: RUN_MATCH });
    expect(missing.cost!.source).toBe('modelled');
    expect(missing.notes.join('\n')).toMatch(/answered HTTP 503 .*no endpoints available.*is OpenCost installed and ready\?/);
  });

  it('fails loudly on a foreign or truncated answer instead of hiding it', async () => {
    await expect(readRunCost(fakeApi({ status: 200, body: fixture('prometheus-answer.json') }), run, { match: RUN_MATCH })).rejects.toThrow(
      /not an OpenCost allocation response/,
    );
    await expect(readRunCost(fakeApi({ status: 200, body: fixture('truncated.txt') }), run, { match: RUN_MATCH })).rejects.toThrow(OpenCostResponseError);
    await expect(readRunCost(fakeApi({ status: 401, body: 'Unauthorized' }), run, { match: RUN_MATCH })).rejects.toThrow(
      'OpenCost at fake-opencost answered HTTP 401: "Unauthorized"',
    );
  });
});

describe('transports', () => {
  let server: http.Server;
  let base: string;
  const seen: Array<{ url: string; auth?: string }> = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(fixture('allocation-label-run.json'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('goes through the API server’s service proxy with the kubeconfig’s credentials', async () => {
    const kc = {
      getCurrentCluster: () => ({ name: 'k3s', server: `${base}/`, skipTLSVerify: true }),
      applyToHTTPSOptions: async (o: { headers?: Record<string, string> }) => {
        o.headers = { ...(o.headers ?? {}), Authorization: 'Bearer test-token' };
      },
    };
    const api = kubeProxyHttp(kc as never, { namespace: 'opencost' });
    const answer = await api.get('/allocation/compute?window=1h');
    expect(answer.status).toBe(200);
    expect(seen.at(-1)).toEqual({ url: '/api/v1/namespaces/opencost/services/opencost:9003/proxy/allocation/compute?window=1h', auth: 'Bearer test-token' });
    expect(serviceProxyPath({ namespace: 'cost', name: 'kubecost-cost-analyzer', port: 9090 }, '/model/allocation')).toBe(
      '/api/v1/namespaces/cost/services/kubecost-cost-analyzer:9090/proxy/model/allocation',
    );
  });

  it('talks to a port-forward URL directly, end to end with readRunCost', async () => {
    const priced = await readRunCost(baseUrlHttp(`${base}/`), run, { match: RUN_MATCH });
    expect(seen.at(-1)!.url).toMatch(/^\/allocation\/compute\?window=2026-11-20T10%3A00%3A00Z%2C2026-11-20T10%3A30%3A00Z&aggregate=label%3Aperflab.dev%2Frun/);
    expect(priced.cost!.source).toBe('opencost');
  });

  it('reports a closed port as no answer', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const priced = await readRunCost(baseUrlHttp(`http://127.0.0.1:${port}`), run, { match: RUN_MATCH });
    expect(priced.cost!.source).toBe('modelled');
    expect(priced.notes.join('\n')).toMatch(/no answer from http:\/\/127.0.0.1:\d+ \(connect ECONNREFUSED/);
  });
});
