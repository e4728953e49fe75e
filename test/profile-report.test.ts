/**
 * CPU profiles from storage to report and compare: a profile is written beside its RunResult and
 * referenced by name; `perflab report` draws a flamegraph and a top-frames table per profiled
 * configuration (checked in headless Chromium); `perflab compare` lists the frames whose share
 * changed most. Profiles are the real fixtures of test/fixtures/profiles.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { registerCompare } from '../src/cli/commands/compare';
import { registerReport } from '../src/cli/commands/report';
import { profiledNote, storeLocalResult } from '../src/local/store-local-result';
import { CollectedProfile } from '../src/local/cpu-profilers/cpu-profiler';
import { pprofToFolded } from '../src/profile/pprof';
import { v8ToFolded } from '../src/profile/v8-cpuprofile';
import { foldStacks, totalSamples } from '../src/profile/folded';
import { readRunResult } from '../src/results/store';
import { buildReportModel } from '../src/report/model';
import { profileViews } from '../src/report/profile-views';
import { runCommands } from './fixtures/results/cli-harness';
import { fakeRun } from './fixtures/results/factory';
import { CHROMIUM, dumpDomWithConsole, screenshot } from './helpers/chromium';

const made: string[] = [];
const tmp = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-profile-report-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

const fixture = (name: string): string => path.join(__dirname, 'fixtures', 'profiles', name);
const nodeText = fs.readFileSync(fixture('node-primes.cpuprofile'), 'utf8');
const nodeProfile: CollectedProfile = { status: 'recorded', tool: 'node --cpu-prof', sampleIntervalUs: 1000, ...v8ToFolded(nodeText, 'node') };
const go = pprofToFolded(fs.readFileSync(fixture('go-compute.pb.gz')), 'go');
const goProfile: CollectedProfile = { status: 'recorded', tool: 'go net/http/pprof', ...go };

/** Stores runs of go (two), node and rust (perf refused) the way the local target does. */
function storeRuns(): { dir: string; files: string[] } {
  const dir = tmp();
  const stored = [
    storeLocalResult(dir, fakeRun({ variant: 'go', seed: 1, startedAt: '2026-01-01T00:00:00.000Z' }), goProfile),
    storeLocalResult(dir, fakeRun({ variant: 'node', seed: 2 }), nodeProfile),
    storeLocalResult(dir, fakeRun({ variant: 'rust', seed: 3 }), { status: 'unavailable', tool: 'perf record', reason: 'perf not found on PATH' }),
  ];
  return { dir, files: stored.map((s) => s.file) };
}

describe('a stored CPU profile', () => {
  it('sits beside its RunResult, referenced by file name, with no temporary files left', () => {
    const { dir, files } = storeRuns();
    const go = readRunResult(files[0]);
    expect(go.cpuProfile).toMatchObject({ status: 'recorded', tool: 'go net/http/pprof', file: `${go.id}.profile.folded`, sampleIntervalUs: 10000, samples: totalSamples(goProfile.status === 'recorded' ? goProfile.profile : foldStacks([])) });
    expect(go.notes).toContain(profiledNote('go net/http/pprof'));
    expect(readRunResult(files[2]).notes).not.toContain(profiledNote('perf record'));
    const folder = path.dirname(files[0]);
    expect(fs.readFileSync(path.join(folder, `${go.id}.profile.folded`), 'utf8')).toMatch(/^net\/http\.\(\*conn\)\.serve;.*main\.countPrimes \d+$/m);
    expect(readRunResult(files[2]).cpuProfile).toEqual({ status: 'unavailable', tool: 'perf record', reason: 'perf not found on PATH' });
    expect(fs.readdirSync(folder).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'runtime')).filter((f) => f.endsWith('.folded'))).toHaveLength(2);
  });
});

describe('perflab report with CPU profiles', () => {
  it('writes a flamegraph and top frames per profiled variant, and says why rust has none', async () => {
    const { dir } = storeRuns();
    const out = path.join(tmp(), 'report');
    const r = await runCommands([registerReport], ['report', dir, '--out', out]);
    expect(r.stderr).toBe('');
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    const profiles = html.slice(html.indexOf('<section id="profiles">'), html.indexOf('</section>', html.indexOf('<section id="profiles">')));
    expect(profiles.match(/<svg class="flamegraph"/g)).toHaveLength(2);
    expect(profiles).toContain('<td>countPrimes (primes.js:2)</td>');
    expect(profiles).toContain('<td>main.countPrimes</td>');
    expect(profiles).toContain('no profile: perf record: perf not found on PATH');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).toMatch(/## CPU profiles[\s\S]*\| main\.countPrimes \| \d+ \| [\d.]+% \|/);
  });

  it('names the missing profile file instead of drawing nothing', async () => {
    const { files } = storeRuns();
    const go = readRunResult(files[0]);
    fs.rmSync(path.join(path.dirname(files[0]), `${go.id}.profile.folded`));
    const r = await runCommands([registerReport], ['report', files[0], '--out', path.join(tmp(), 'r')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`its CPU profile ${path.join(path.dirname(files[0]), `${go.id}.profile.folded`)} cannot be read (ENOENT)`);
  });

  it('says when a profile file was not read with its result (a saved baseline keeps none)', () => {
    const { files } = storeRuns();
    const go = readRunResult(files[0]);
    const [view] = profileViews(buildReportModel([go]), new Map());
    expect(view.profile).toBeUndefined();
    expect(view.unavailable).toEqual([`${go.id}.profile.folded was not read with the results (a saved baseline keeps no profile files)`]);
  });

  (fs.existsSync(CHROMIUM) ? it : it.skip)(
    fs.existsSync(CHROMIUM) ? 'renders the flamegraphs in headless Chromium with no console message' : `renders in headless Chromium — SKIPPED: ${CHROMIUM} not found (apt-get install chromium)`,
    async () => {
      const { dir } = storeRuns();
      const out = path.join(tmp(), 'report');
      await runCommands([registerReport], ['report', dir, '--out', out]);
      const html = path.join(out, 'report.html');
      const rendered = dumpDomWithConsole(html, out);
      expect(rendered.status).toBe(0);
      expect(rendered.console).toEqual([]);
      const svgs = rendered.dom.split('<svg class="flamegraph"').slice(1);
      expect(svgs).toHaveLength(2);
      for (const svg of svgs) {
        const frames = svg.slice(0, svg.indexOf('</svg>')).match(/<g class="fg-frame">/g) ?? [];
        expect(frames.length).toBeGreaterThan(5);
        const widths = [...svg.slice(0, svg.indexOf('</svg>')).matchAll(/<rect x="[\d.]+" y="0" width="([\d.]+)"/g)].map((m) => Number(m[1]));
        expect(widths[0]).toBeGreaterThan(990); // the root spans the graph
      }
      const png = path.join(out, 'report.png');
      expect(screenshot(html, png, out)).toBe(0);
      expect(fs.readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    },
    120_000,
  );
});

describe('perflab compare with CPU profiles', () => {
  it('lists the frames whose self-time share changed most between two runs of one variant', async () => {
    const { dir } = storeRuns();
    // A second go run whose profile is the node fixture's shape: countPrimes grows from 0 to most of the time.
    const later = storeLocalResult(dir, fakeRun({ variant: 'go', seed: 4, startedAt: '2026-01-02T00:00:00.000Z' }), { ...nodeProfile, tool: 'go net/http/pprof' });
    const out = path.join(tmp(), 'diff');
    const r = await runCommands([registerCompare], ['compare', dir, '--flamegraph-out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote ${path.join(out, 'go-profile-diff.html')}`);
    expect(fs.readdirSync(out)).toEqual(['go-profile-diff.html']);
    // The differential flamegraph: the later run's shape, countPrimes (new, most of the time) deep red.
    const html = fs.readFileSync(path.join(out, 'go-profile-diff.html'), 'utf8');
    const prime = /<title>countPrimes \(primes\.js:2\) — [^<]*self share 0\.00% → (\d+\.\d+)%<\/title><rect [^>]*fill="hsl\(0, 80%, (\d+)%\)"/.exec(html);
    expect(Number(prime?.[1])).toBeGreaterThan(50);
    expect(Number(prime?.[2])).toBeLessThan(60);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    const section = r.stdout.slice(r.stdout.indexOf('CPU profile of go:'));
    expect(section.split('\n')[0]).toContain(`→ ${later.result.id}`);
    const first = section.split('\n')[3];
    expect(first).toMatch(/^countPrimes \(primes\.js:2\)\s+0\.0%\s+[5-9]\d\.\d%\s+\+[5-9]\d\.\d pts$/);
    expect(r.stdout).not.toContain('CPU profile of node');
  });
});
