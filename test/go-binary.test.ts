/**
 * Go programs of ours built on first use (src/local/go-binary.ts): one build per source hash,
 * reused without running Go, rebuilt when a source changes (the old build pruned), a prebuilt
 * binary taking precedence, a clear error without Go, and the sources of local modules that
 * go.mod `replace`s others with (drivers/driverstats) counted as build inputs.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-gocache-'));
process.env.PERFLAB_GO_BUILD_CACHE = cache;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildGoProgram, localReplacements, sourceHash, usableGo } = require('../src/local/go-binary') as typeof import('../src/local/go-binary');

const moduleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-gomod-'));
fs.writeFileSync(path.join(moduleDir, 'go.mod'), 'module example/hello\n\ngo 1.22\n');
const writeMain = (word: string): void => fs.writeFileSync(path.join(moduleDir, 'main.go'), `package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("${word}") }\n`);
const spec = { name: 'hello', moduleDir, prebuiltEnv: 'PERFLAB_TEST_HELLO', minGo: [1, 22] as const, installHint: 'install Go' };
const haveGo = usableGo([1, 22], 'install Go') !== undefined;

afterAll(() => {
  fs.rmSync(cache, { recursive: true, force: true });
  fs.rmSync(moduleDir, { recursive: true, force: true });
});

(haveGo ? it : it.skip)('builds once per source hash, reuses it, and rebuilds (pruning the old one) when a source changes', async () => {
  writeMain('one');
  const first = await buildGoProgram(spec);
  expect(execFileSync(first, { encoding: 'utf8' }).trim()).toBe('one');
  const mtime = fs.statSync(first).mtimeMs;
  expect(await buildGoProgram(spec)).toBe(first);
  expect(fs.statSync(first).mtimeMs).toBe(mtime);
  writeMain('two');
  const second = await buildGoProgram(spec);
  expect(second).not.toBe(first);
  expect(execFileSync(second, { encoding: 'utf8' }).trim()).toBe('two');
  expect(fs.existsSync(first)).toBe(false);
  expect(fs.readdirSync(cache)).toEqual([path.basename(path.dirname(second))]);
}, 120_000);

it('hashes the module sources and the Go version only', () => {
  writeMain('three');
  const h = sourceHash(moduleDir, 'go1.26.8');
  fs.writeFileSync(path.join(moduleDir, 'notes.txt'), 'not a build input');
  expect(sourceHash(moduleDir, 'go1.26.8')).toBe(h);
  expect(sourceHash(moduleDir, 'go1.27.0')).not.toBe(h);
  writeMain('four');
  expect(sourceHash(moduleDir, 'go1.26.8')).not.toBe(h);
});

it('takes a prebuilt binary from its variable, and names a missing one', async () => {
  process.env.PERFLAB_TEST_HELLO = process.execPath;
  expect(await buildGoProgram(spec)).toBe(process.execPath);
  process.env.PERFLAB_TEST_HELLO = path.join(moduleDir, 'nope');
  await expect(buildGoProgram(spec)).rejects.toThrow(`PERFLAB_TEST_HELLO=${path.join(moduleDir, 'nope')}: no such file`);
  delete process.env.PERFLAB_TEST_HELLO;
});

it('says how to get Go when none new enough is on PATH', async () => {
  await expect(buildGoProgram({ ...spec, minGo: [99, 0] })).rejects.toThrow('hello: no usable Go on PATH — install Go');
});

it('hashes the sources of the local modules go.mod replaces others with, and only those', () => {
  const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-goshared-'));
  try {
    fs.writeFileSync(path.join(shared, 'go.mod'), 'module example/shared\n\ngo 1.22\n');
    fs.writeFileSync(path.join(shared, 'shared.go'), 'package shared\n\nconst Word = "five"\n');
    writeMain('five');
    const alone = sourceHash(moduleDir, 'go1.26.8');
    const rel = path.relative(moduleDir, shared);
    fs.writeFileSync(path.join(moduleDir, 'go.mod'), `module example/hello\n\ngo 1.22\n\nrequire (\n\texample/shared v0.0.0\n\texample.com/remote v1.0.0\n)\n\nreplace example/shared => ${rel} // ours\n\nreplace (\n\texample.com/remote => example.com/fork v1.0.1\n)\n`);
    expect(localReplacements(moduleDir)).toEqual([shared]);
    const withShared = sourceHash(moduleDir, 'go1.26.8');
    expect(withShared).not.toBe(alone);
    fs.writeFileSync(path.join(shared, 'notes.txt'), 'not a build input');
    expect(sourceHash(moduleDir, 'go1.26.8')).toBe(withShared);
    fs.writeFileSync(path.join(shared, 'shared.go'), 'package shared\n\nconst Word = "six"\n');
    expect(sourceHash(moduleDir, 'go1.26.8')).not.toBe(withShared);
  } finally {
    fs.writeFileSync(path.join(moduleDir, 'go.mod'), 'module example/hello\n\ngo 1.22\n');
    fs.rmSync(shared, { recursive: true, force: true });
  }
});

it('finds the repository\'s shared driver module behind each of our drivers', () => {
  const repo = path.resolve(__dirname, '..');
  for (const dir of ['drivers/httpload', 'experiments/messaging/harness', 'experiments/database/tpcc-style']) {
    expect({ dir, replaced: localReplacements(path.join(repo, dir)) }).toEqual({ dir, replaced: [path.join(repo, 'drivers', 'driverstats')] });
  }
});
