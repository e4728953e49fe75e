/**
 * The decision guide's tables (experiments/full-stack/README.md) are generated: rebuilt here
 * from the stored local RunResults and the recorded Collector log in test/fixtures/full-stack,
 * they must equal the README's. `PERFLAB_UPDATE_README=1 npx jest test/full-stack-readme`
 * rewrites the README's generated blocks after the fixtures change.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fillReadme, readmeTables } from '../experiments/full-stack/readme-tables';
import { seriesReport } from '../experiments/full-stack/series-report';
import { readRunResult } from '../src/results/store';

const FIXTURES = path.join(__dirname, 'fixtures', 'full-stack');
const README = path.join(__dirname, '..', 'experiments', 'full-stack', 'README.md');

it('the README\'s generated tables match what the fixtures give', () => {
  const dir = path.join(FIXTURES, 'results');
  const results = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => readRunResult(path.join(dir, f)));
  const tables = readmeTables({
    results,
    seriesLabel: 'local',
    presetLabel: 'local-indexed-queries',
    collectorLog: fs.readFileSync(path.join(FIXTURES, 'collector-log.txt'), 'utf8'),
    exampleClientMeanMs: 8.5,
  });
  expect(Object.keys(tables)).toEqual(['example-breakdown', 'local-breakdown', 'local-differential', 'local-cost', 'local-preset']);
  const readme = fs.readFileSync(README, 'utf8');
  const filled = fillReadme(readme, tables);
  if (process.env.PERFLAB_UPDATE_README === '1') fs.writeFileSync(README, filled);
  else expect(readme).toEqual(filled);
});

it('names a missing generated block', () => {
  expect(() => fillReadme('# no blocks', { 'local-cost': '|a|' })).toThrow('no <!-- generated:local-cost --> block');
});

it('the series report takes the baseline series by stack label and compares the presets with fullstack-all', () => {
  const dir = path.join(FIXTURES, 'results');
  const local = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => readRunResult(path.join(dir, f)));
  // The local runs stand in for stacks here: only the grouping and ordering are under test.
  const as = (label: string, stack: string) => ({ ...local.find((r) => r.label === label)!, label: stack });
  const report = seriesReport([as('local/base', 'fullstack-app-only'), as('local/database', 'fullstack-gateway'), as('local/cache', 'fullstack-all'), as('local-indexed-queries', 'fullstack-indexed-queries')]);
  expect(report).toContain('## Differential (each stack minus the one below)');
  expect(report).toMatch(/\| \+ gateway \| 1\/1 \|/);
  expect(report).toMatch(/\| \+ observability \| 1\/1 \|/);
  expect(report).toContain('## fullstack-indexed-queries against fullstack-all');
});
