/**
 * The compiled-JavaScript cache the `perflab` command starts from (bin/ts-cache.js): an edited
 * source runs as edited (never a stale build), `__dirname` and stack traces point at the `.ts`
 * file, and a warm cache is reused as is.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const CACHE_JS = path.join(ROOT, 'bin', 'ts-cache.js');

function node(code: string, cache: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', env: { ...process.env, PERFLAB_JS_CACHE: cache }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/ts-cache.js', () => {
  let dir: string;
  let cache: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-ts-cache-src-'));
    cache = path.join(dir, 'cache');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const load = (file: string): string => `require(${JSON.stringify(CACHE_JS)}).register(); const m = require(${JSON.stringify(file)}); console.log(JSON.stringify(m.value()))`;

  it('runs an edited source as edited, and reuses the cache for an unchanged one', () => {
    const file = path.join(dir, 'mod.ts');
    fs.writeFileSync(file, 'export const value = (): number => 1;\n');
    expect(node(load(file), cache).stdout.trim()).toBe('1');
    const first = fs.readdirSync(cache);
    expect(first).toHaveLength(1);
    const stamp = fs.statSync(path.join(cache, first[0])).mtimeMs;
    expect(node(load(file), cache).stdout.trim()).toBe('1');
    expect(fs.statSync(path.join(cache, first[0])).mtimeMs).toBe(stamp);
    fs.writeFileSync(file, 'export const value = (): number => 2;\n');
    expect(node(load(file), cache).stdout.trim()).toBe('2');
    expect(fs.readdirSync(cache)).toHaveLength(2);
  });

  it('keeps __dirname and stack-trace lines of the .ts source', () => {
    const file = path.join(dir, 'where.ts');
    fs.writeFileSync(file, 'type T = { a: number };\nconst t: T = { a: 1 };\nexport const value = (): unknown => ({ dir: __dirname, t, stack: new Error("here").stack?.split("\\n")[1] });\n');
    const out = JSON.parse(node(load(file), cache).stdout) as { dir: string; stack: string };
    expect(out.dir).toBe(dir);
    expect(out.stack).toContain(`${file}:3:`);
  });

  it('builds every CLI source ahead of time (npm ci runs it as `prepare`), then has nothing left to compile', () => {
    const build = (): string => {
      const r = spawnSync(process.execPath, [CACHE_JS], { encoding: 'utf8', env: { ...process.env, PERFLAB_JS_CACHE: cache }, timeout: 300_000 });
      expect(r.status).toBe(0);
      return r.stdout;
    };
    expect(build()).toMatch(/^perflab: (\d+) sources, \1 compiled, 0 stale removed/);
    fs.writeFileSync(path.join(cache, 'stale.js'), '');
    expect(build()).toMatch(/^perflab: \d+ sources, 0 compiled, 1 stale removed/);
    const help = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'perflab.js'), '--help'], { encoding: 'utf8', env: { ...process.env, PERFLAB_JS_CACHE: cache } });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: perflab');
    expect(fs.readdirSync(cache).filter((f) => !f.endsWith('.js'))).toEqual([]);
  }, 300_000);
});
