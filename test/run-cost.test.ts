/**
 * Pricing a cluster run after it finished (src/cluster/run-cost.ts): through the cost tool's
 * allocation API when one is configured and answers, else modelled — and the result says which.
 * The allocation answer is the hand-written OpenCost fixture (see test/fixtures/opencost/README.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import { priceRun } from '../src/cluster/run-cost';
import { ClusterClient } from '../src/cluster/cluster-client';
import { CostReadRequest, RunResultsRequest } from '../src/cluster/run-request';
import { pricedRun } from './fixtures/opencost/run';

const ALLOCATION = fs.readFileSync(path.join(__dirname, 'fixtures', 'opencost', 'allocation-label-run.json'), 'utf8');
const run = pricedRun({ durationSeconds: 1800, resources: [{ component: 'server', cpuCoreSeconds: 756, memoryAvgBytes: 268435456 }], totalRequests: 540000 });
const cost: CostReadRequest = { source: 'opencost', namespace: 'opencost', service: 'opencost', port: 9003, allocationPath: '/allocation/compute', settleSeconds: 120 };
const req = { runId: 'runtime-go-1a2b3c4d', cost } as unknown as RunResultsRequest;

function clientAnswering(status: number, body: string, seen: string[], serviceExists?: ClusterClient['serviceExists']): ClusterClient {
  return {
    serviceExists,
    openCostHttp: (svc) => ({
      describe: `service ${svc.namespace}/${svc.name}:${svc.port}`,
      get: async (p: string) => {
        seen.push(p);
        return { status, body };
      },
    }),
  } as ClusterClient;
}

describe('pricing a cluster run', () => {
  const slept: number[] = [];
  const clock = { now: () => 0, sleep: async (ms: number) => void slept.push(ms) };

  it('reads the allocation for the run label over the run window, after letting scrapes settle', async () => {
    const seen: string[] = [];
    const priced = await priceRun(clientAnswering(200, ALLOCATION, seen), req, run, clock);
    expect(slept).toContain(120_000);
    expect(seen[0]).toMatch(/^\/allocation\/compute\?window=2026-11-20T10%3A00%3A00Z%2C2026-11-20T10%3A30%3A00Z&aggregate=label%3Aperflab.dev%2Frun/);
    expect(priced.cost?.source).toBe('opencost');
    expect(priced.cost!.totalCost).toBeGreaterThan(0);
  });

  it('falls back to the pricing model, saying why, when the cost tool is not there', async () => {
    const priced = await priceRun(clientAnswering(503, 'no endpoints available for service "opencost"', []), req, run, clock);
    expect(priced.cost?.source).toBe('modelled');
    expect(priced.notes.join('\n')).toMatch(/OpenCost not used: service opencost\/opencost:9003 answered HTTP 503/);
  });

  it('does not wait for scrapes to settle when the cost service does not exist: modelled, naming the service', async () => {
    const waits: number[] = [];
    const fakeClock = { now: () => 0, sleep: async (ms: number) => void waits.push(ms) };
    const seen: string[] = [];
    const asked: string[] = [];
    const absent = async (namespace: string, name: string): Promise<boolean> => (asked.push(`${namespace}/${name}`), false);
    const priced = await priceRun(clientAnswering(503, 'no endpoints', seen, absent), req, run, fakeClock);
    expect(asked).toEqual(['opencost/opencost']);
    expect(waits).toEqual([]);
    expect(seen).toEqual([]);
    expect(priced.cost?.source).toBe('modelled');
    expect(priced.notes.join('\n')).toContain('OpenCost not used: there is no service opencost/opencost (cost API opencost/opencost:9003;');
  });

  it('still waits for the settle time when the service exists, or when whether it exists cannot be read', async () => {
    for (const exists of [async () => true, async () => Promise.reject(new Error('services "opencost" is forbidden'))]) {
      const waits: number[] = [];
      const priced = await priceRun(clientAnswering(200, ALLOCATION, [], exists), req, run, { now: () => 0, sleep: async (ms: number) => void waits.push(ms) });
      expect(waits).toEqual([120_000]);
      expect(priced.cost?.source).toBe('opencost');
    }
  });

  it('models the cost when no cost API is configured', async () => {
    const priced = await priceRun({} as ClusterClient, { ...req, cost: undefined }, run, clock);
    expect(priced.cost?.source).toBe('modelled');
    // 756 core-s = 0.21 core-h × $0.031611 = $0.00663831; 0.25 GiB × 0.5 h × $0.004237 = $0.00052963.
    expect(priced.cost!.totalCost).toBeCloseTo(0.00663831 + 0.00052963, 6);
    expect(priced.notes.join('\n')).toContain('no cost API configured');
  });
});
