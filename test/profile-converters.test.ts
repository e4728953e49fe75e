/**
 * The profile converters on small real profiles (test/fixtures/profiles/README.md says how each
 * was recorded), checked against the tools' own readings where the tool is here.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { foldStacks, parseFoldedText, toFoldedText, totalSamples } from '../src/profile/folded';
import { flameTree } from '../src/profile/flame-tree';
import { perfScriptToFolded } from '../src/profile/perf-script';
import { pprofToFolded } from '../src/profile/pprof';
import { shareChanges, topSelfFrames } from '../src/profile/self-time';
import { v8ToFolded } from '../src/profile/v8-cpuprofile';
import { windowInProfileClock } from '../src/local/cpu-profilers/v8-profiler';

const fixture = (name: string): string => path.join(__dirname, 'fixtures', 'profiles', name);
const hasGo = spawnSync('go', ['version']).status === 0;

describe('V8 .cpuprofile', () => {
  for (const runtime of ['node', 'bun']) {
    const file = fixture(`${runtime}-primes.cpuprofile`);
    const text = fs.readFileSync(file, 'utf8');
    const raw = JSON.parse(text) as { samples: number[]; timeDeltas: number[]; startTime: number };

    test(`${runtime}: every sample is kept and the busy loop leads by self time`, () => {
      const { profile } = v8ToFolded(text, file);
      expect(totalSamples(profile)).toBe(raw.samples.length);
      const top = topSelfFrames(profile, 1)[0];
      expect(top.frame).toBe('countPrimes (primes.js:2)');
      expect(top.share).toBeGreaterThan(0.5);
      expect(profile.stacks.every((s) => s.frames[0] !== '(root)')).toBe(true);
    });

    test(`${runtime}: a window keeps only the samples taken inside it`, () => {
      const times: number[] = [];
      raw.timeDeltas.reduce((t, d) => (times.push(t + d), t + d), raw.startTime);
      const mid = times[Math.floor(times.length / 2)];
      const firstHalf = v8ToFolded(text, file, { startUs: times[0], endUs: mid });
      const secondHalf = v8ToFolded(text, file, { startUs: mid + 0.5, endUs: times[times.length - 1] });
      expect(totalSamples(firstHalf.profile)).toBe(times.filter((t) => t <= mid).length);
      expect(totalSamples(firstHalf.profile) + totalSamples(secondHalf.profile)).toBe(raw.samples.length);
      expect(totalSamples(v8ToFolded(text, file, { startUs: 0, endUs: raw.startTime - 1 }).profile)).toBe(0);
    });
  }

  test("the load window is taken in the clock each runtime stamps samples with (node: monotonic, bun: wall)", () => {
    const start = (runtime: string): number => (JSON.parse(fs.readFileSync(fixture(`${runtime}-primes.cpuprofile`), 'utf8')) as { startTime: number }).startTime;
    // Marks as perflab takes them at the load's edges, here placed just after each fixture's start in its own clock.
    const marks = (monotonicUs: number, wallUs: number) => ({ from: { monotonicUs, wallUs }, to: { monotonicUs: monotonicUs + 1e6, wallUs: wallUs + 1e6 } });
    const node = start('node');
    const bun = start('bun');
    const m1 = marks(node + 10, bun + 10);
    expect(windowInProfileClock(node, m1.from, m1.to)).toEqual({ startUs: node + 10, endUs: node + 10 + 1e6 });
    expect(windowInProfileClock(bun, m1.from, m1.to)).toEqual({ startUs: bun + 10, endUs: bun + 10 + 1e6 });
  });

  test('a file of another kind is refused by name', () => {
    expect(() => v8ToFolded('{"nodes":[]}', 'x.cpuprofile')).toThrow(/x\.cpuprofile: not a V8 \.cpuprofile/);
    expect(() => v8ToFolded('{', 'y.cpuprofile')).toThrow(/y\.cpuprofile: not JSON/);
  });
});

describe('Go pprof', () => {
  const data = fs.readFileSync(fixture('go-compute.pb.gz'));

  test('reads period, duration and the handler frames', () => {
    const p = pprofToFolded(data, 'go-compute.pb.gz');
    expect(p.sampleIntervalUs).toBe(10000);
    expect(p.durationSeconds).toBeGreaterThan(0.9);
    const compute = p.profile.stacks.find((s) => s.frames.includes('main.countPrimes'));
    expect(compute?.frames.slice(-2)).toEqual(['main.compute', 'main.countPrimes']);
    expect(compute?.frames[0]).toBe('net/http.(*conn).serve');
  });

  (hasGo ? test : test.skip)('self samples per function equal `go tool pprof -top` flat values', () => {
    const top = spawnSync('go', ['tool', 'pprof', '-top', '-nodecount=100000', fixture('go-compute.pb.gz')], { encoding: 'utf8' });
    expect(top.status).toBe(0);
    const flat = new Map<string, number>();
    for (const m of top.stdout.matchAll(/^\s*([\d.]+)(ms|s)\s+[\d.]+%\s+[\d.]+%\s+[\d.]+m?s\s+[\d.]+%\s+(.+?)(?: \(inline\))?$/gm)) {
      const ms = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
      if (ms > 0) flat.set(m[3], ms / 10);
    }
    const ours = new Map(topSelfFrames(pprofToFolded(data, 'go').profile, 100000).map((t) => [t.frame, t.samples]));
    expect(flat.size).toBeGreaterThan(3);
    expect(ours).toEqual(flat);
  });

  test('corrupt data is refused by name', () => {
    expect(() => pprofToFolded(Buffer.from([0x1f, 0x8b, 1, 2, 3]), 'bad.pb.gz')).toThrow(/bad\.pb\.gz: gzip data is corrupt/);
    expect(() => pprofToFolded(Buffer.from([0x0a, 0x05, 1]), 'short.pb')).toThrow(/short\.pb: not a pprof profile/);
  });
});

describe('perf script', () => {
  const text = fs.readFileSync(fixture('rust-compute.perf.txt'), 'utf8');

  test('one sample per header line, thread name as root, kernel frames kept', () => {
    const p = perfScriptToFolded(text);
    expect(totalSamples(p)).toBe(text.split('\n').filter((l) => /cpu-clock/.test(l)).length);
    expect(new Set(p.stacks.map((s) => s.frames[0]))).toEqual(new Set(['tokio-rt-worker']));
    const send = p.stacks.find((s) => s.frames.includes('tcp_sendmsg'));
    expect(send?.frames.indexOf('__GI___writev')).toBeLessThan(send!.frames.indexOf('tcp_sendmsg'));
    expect(p.stacks.flatMap((s) => s.frames).some((f) => /\+0x[0-9a-f]+$|^\[unknown\] \(\[unknown\]\)$/.test(f))).toBe(false);
    // DWARF unwinding reaches from the thread's start to the handler.
    const handler = p.stacks.find((s) => s.frames.some((f) => f.startsWith('<F as axum::handler::Handler')));
    expect(handler?.frames.indexOf('start_thread')).toBeLessThan(handler!.frames.indexOf('tokio::runtime::task::raw::poll'));
  });
});

describe('folded stacks', () => {
  const p = foldStacks([
    [['main', 'serve', 'parse'], 3],
    [['main', 'serve'], 2],
    [['main', 'serve', 'parse'], 1],
    [['main', 'gc;sweep'], 4],
  ]);

  test('equal stacks add up; the text form reads back the same', () => {
    expect(totalSamples(p)).toBe(10);
    expect(toFoldedText(p)).toBe('main;serve;parse 4\nmain;gc:sweep 4\nmain;serve 2\n');
    expect(toFoldedText(parseFoldedText(toFoldedText(p), 'p.folded'))).toBe(toFoldedText(p));
    expect(toFoldedText(foldStacks([[[], 2]]))).toBe('(no frames) 2\n');
    expect(() => parseFoldedText('main;serve\n', 'q.folded')).toThrow(/q\.folded:1: not a folded stack line/);
  });

  test('the call tree totals and self times', () => {
    const root = flameTree(p);
    expect(root.total).toBe(10);
    const main = root.children[0];
    expect(main.children.map((c) => [c.name, c.total, c.self])).toEqual([
      ['serve', 6, 2],
      ['gc:sweep', 4, 4],
    ]);
  });

  test('shares that changed most come first', () => {
    const after = foldStacks([
      [['main', 'serve', 'parse'], 8],
      [['main', 'serve'], 2],
    ]);
    const changes = shareChanges(p, after);
    expect(changes[0]).toEqual({ frame: 'gc:sweep', before: 0.4, after: 0, change: -0.4 });
    expect(changes[1].frame).toBe('parse');
    expect(changes[1].change).toBeCloseTo(0.4, 10);
  });
});
