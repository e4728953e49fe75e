/**
 * The report's right-sizing table: built from real full-stack runs (test/fixtures/full-stack/results)
 * with their compositions' requests and from runtime runs, in Markdown and in HTML rendered by
 * headless Chromium; absent when no run carries requests.
 */
import * as fs from 'fs';
import * as path from 'path';
import { withManifestRequests } from '../src/cost/component-requests';
import { rightSizeUsage } from '../src/cost/right-sizing';
import { formatMoney } from '../src/cost/format-money';
import { renderMarkdown } from '../src/report/markdown';
import { buildReportModel } from '../src/report/model';
import { rightSizingTable } from '../src/report/right-sizing-table';
import { writeReport } from '../src/report/write';
import { RunResult, RunResultSchema } from '../src/results/run-result';
import { fullStackLayerResources } from '../experiments/full-stack/component-requests';
import { componentLayer } from '../experiments/full-stack/component-cost';
import { runtimeComponentResources } from '../experiments/runtime/component-requests';
import { CHROMIUM, dumpDom } from './helpers/chromium';
import { fakeRepeats } from './fixtures/results/factory';
import { scratchDir } from './helpers/scratch-dirs';

const MI = 1024 ** 2;
const FIXTURES = path.join(__dirname, 'fixtures/full-stack/results');
const runs = fs.readdirSync(FIXTURES).map((f) => RunResultSchema.parse(JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8'))));
const LAYERS_OF: Record<string, object> = {
  'local/base': { database: 'none', messaging: 'none' },
  'local/database': { database: 'postgres', messaging: 'none' },
  'local/messaging': { database: 'postgres', messaging: 'nats' },
  'local/cache': { database: 'postgres', messaging: 'nats', cache: 'redis' },
  'local-indexed-queries': { database: 'postgres', messaging: 'nats', cache: 'redis' },
};
const withRequests = runs.map((r): RunResult => ({ ...r, resources: withManifestRequests(r.resources, fullStackLayerResources(LAYERS_OF[r.label!]), componentLayer) }));
const tmp = (): string => scratchDir('perflab-rightsizing-');

describe('right-sizing table', () => {
  const model = buildReportModel(withRequests, undefined, { now: new Date('2026-11-26T00:00:00Z') });
  const table = rightSizingTable(model)!;

  it('has one row per configuration and component, with the figures of the right-sizing module', () => {
    expect(table.rows).toHaveLength(1 + 2 + 3 + 4 + 4);
    const row = table.rows.find((r) => r[0].includes('local/cache') && r[1] === 'postgres')!;
    const expected = rightSizeUsage(withRequests.find((r) => r.label === 'local/cache')!.resources.find((x) => x.component === 'postgres')!, { pricing: 'opencost-default' })!;
    expect(row[2]).toBe('500m, 512Mi (= limits)');
    expect(row[3]).toBe('0.767 avg, 56.4Mi peak (no p95 recorded)');
    // 0.767 cores × 1.3 = 0.997 → 1 core; peak 59109376 B × 1.2 = 67.6 MiB → 80Mi
    expect(row[4]).toBe('1, 80Mi');
    expect(expected.recommended).toEqual({ cpuCores: 1, memoryBytes: 80 * MI });
    expect(row[5]).toBe(formatMoney(expected.monthlySaving, 'USD'));
    expect(row[6]).toMatch(/^-?\d+% \(CPU -53%, mem \d+%\)$/);
    expect(table.caption).toMatch(/local processes, not pods/);
    expect(table.caption).toMatch(/load profile \(smoke\) only/);
    expect(table.caption).toMatch(/\+30% CPU and \+20% memory headroom/);
  });

  it('is in report.md, and absent when no run carries requests', () => {
    const md = renderMarkdown(model);
    expect(md).toContain('## Right-sizing');
    expect(md).toContain('| configuration | component | requests (CPU, mem) | p95 use (cores, mem) | recommended | saving / month | idle share |');
    expect(rightSizingTable(buildReportModel(runs))).toBeUndefined();
    expect(renderMarkdown(buildReportModel(runs))).not.toContain('Right-sizing');
  });

  it('covers runtime runs with the API’s requests and sampled p95', () => {
    const server = runtimeComponentResources('go');
    const go = fakeRepeats(3, { seed: 7, cpuCoresAvg: 0.2, memoryPeakBytes: 20 * MI }).map((r, i) => ({
      ...r,
      resources: withManifestRequests(r.resources, server).map((u) => ({ ...u, cpuCoresP95: 0.3 + i / 10, memoryP95Bytes: 18 * MI })),
    }));
    const t = rightSizingTable(buildReportModel(go))!;
    // the most demanding run: p95 0.5 cores × 1.3 = 650m; 18 MiB × 1.2 = 21.6 MiB → 32Mi (the floor);
    // 730 h × ((0.5 − 0.65) cores × 0.031611 + (0.25 − 0.03125) GiB × 0.004237) = −2.78 USD a month
    expect(t.rows).toEqual([[expect.any(String), 'server', '500m, 256Mi (= limits)', '0.500, 18Mi', '650m, 32Mi', '-2.78 USD', expect.stringMatching(/^\d+% \(CPU 60%, mem \d+%\)$/)]]);
  });

  it('says where cluster usage came from and adds the cluster idle share OpenCost reported', () => {
    const server = runtimeComponentResources('go');
    const onCluster = fakeRepeats(2, { seed: 9, cpuCoresAvg: 0.2, memoryPeakBytes: 20 * MI }).map((r, i) => ({
      ...r,
      target: 'k3s',
      cost: { source: 'opencost' as const, currency: 'USD', totalCost: 0.01, idleShare: 0.3 + i / 10 },
      resources: withManifestRequests(r.resources, server).map((u) => ({ ...u, source: 'metrics.k8s.io', cpuCoresP95: 0.25, memoryP95Bytes: 20 * MI })),
    }));
    const t = rightSizingTable(buildReportModel(onCluster))!;
    expect(t.caption).toMatch(/usage from metrics\.k8s\.io/);
    expect(t.caption).not.toMatch(/local processes/);
    expect(t.caption).toMatch(/whole cluster's idle share \(OpenCost __idle__\) was 30%–40% over the runs/);
  });

  (fs.existsSync(CHROMIUM) ? it : it.skip)(
    fs.existsSync(CHROMIUM) ? 'renders in headless Chromium' : `renders in headless Chromium — SKIPPED: ${CHROMIUM} not found (apt-get install chromium)`,
    () => {
      const dir = tmp();
      const { html } = writeReport(dir, model);
      const rendered = dumpDom(html, dir);
      expect(rendered.status).toBe(0);
      const section = /<section id="right-sizing">([\s\S]*?)<\/section>/.exec(rendered.dom)?.[1];
      expect(section).toBeDefined();
      expect(section).toContain('<h2>Right-sizing</h2>');
      expect(section).toMatch(/<caption>[^<]*local processes, not pods/);
      const rows = [...section!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[dh][^>]*>([^<]*)<\/t[dh]>/g)].map((c) => c[1]));
      expect(rows[0]).toEqual(table.header);
      expect(section).toContain('<div class="scroll"><table>');
      expect(rows.slice(1).map((r) => r.slice(0, 2).join(' '))).toEqual(table.rows.map((r) => r.slice(0, 2).join(' ')));
    },
    120_000,
  );
});
