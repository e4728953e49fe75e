/**
 * A clone stands on its own: the repository's files alone (what `git clone` gives — tracked files
 * and new ones not ignored — copied into an empty temp folder, with the installed node_modules
 * linked in as `npm ci` would create them) synthesize and validate every stack with
 * `perflab synth --all`: no schema, stack or config is read from beside the repo, and no
 * PERFLAB_CRD_SCHEMAS points elsewhere.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listStacks } from '../src/cluster/stack-file';
import { CRD_SCHEMAS_ENV } from '../src/cluster/validate-manifests';

const ROOT = path.join(__dirname, '..');

/** Files a clone of the working tree would hold (tracked, plus untracked ones .gitignore lets in). */
function repoFiles(): string[] {
  const r = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr}`);
  return r.stdout.split('\0').filter((f) => f && f !== 'node_modules' && fs.existsSync(path.join(ROOT, f)) && fs.statSync(path.join(ROOT, f)).isFile());
}

describe('a clone with nothing beside it', () => {
  let outer: string;
  let clone: string;
  beforeAll(() => {
    outer = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-clone-'));
    clone = path.join(outer, 'perflab');
    for (const f of repoFiles()) {
      fs.mkdirSync(path.dirname(path.join(clone, f)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, f), path.join(clone, f));
    }
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(clone, 'node_modules'));
  });
  afterAll(() => fs.rmSync(outer, { recursive: true, force: true }));

  it('synthesizes and validates every stack with perflab synth --all', () => {
    expect(fs.readdirSync(outer)).toEqual(['perflab']);
    const env = { ...process.env };
    delete env[CRD_SCHEMAS_ENV];
    const r = spawnSync(process.execPath, [path.join(clone, 'bin', 'perflab.js'), 'synth', '--all', '--out', path.join(clone, 'dist')], {
      cwd: clone,
      env: { ...env, PERFLAB_JS_CACHE: path.join(clone, '.perflab', 'js') },
      encoding: 'utf8',
      timeout: 600_000,
    });
    const stacks = listStacks(ROOT);
    expect(stacks.length).toBeGreaterThanOrEqual(27);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${stacks.length} of ${stacks.length} stacks synthesized and valid\n`);
    expect(fs.readdirSync(path.join(clone, 'dist')).sort()).toEqual([...stacks].sort());
    for (const s of stacks) expect(fs.existsSync(path.join(clone, 'dist', s, 'manifests.yaml'))).toBe(true);
  }, 600_000);
});
