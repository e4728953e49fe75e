/**
 * `npm run bench -- cli-start`: how long `perflab --help` takes from process start to exit, as a
 * ratio to `node -e 0` (the floor any Node CLI pays), alternated round by round so both see the
 * same machine load. Run with a warm compiled-JavaScript cache (bin/ts-cache.js; what every start
 * after `npm ci` sees), then once through ts-node (how perflab started before) and once with an
 * empty cache (the first start after editing every file).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { median } from './_timing';

/** Name used to select this benchmark. */
export const name = 'cli-start';

const ROUNDS = 9;
const BIN = path.join(__dirname, '..', 'bin', 'perflab.js');

function wallMs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...args], { stdio: 'ignore', env });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Runs the measurements and prints them. */
export async function run(): Promise<void> {
  wallMs([BIN, '--help']); // fills the cache if it is cold
  const floor: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    floor.push(wallMs(['-e', '0']));
    help.push(wallMs([BIN, '--help']));
  }
  const f = median(floor);
  const h = median(help);
  process.stdout.write(`perflab --help, median of ${ROUNDS} alternated with node -e 0 (${f.toFixed(0)} ms here)\n`);
  process.stdout.write(`  warm cache: ${h.toFixed(0)} ms = ${(h / f).toFixed(1)} × node -e 0\n`);
  const tsNode = `require('ts-node').register({ transpileOnly: true, project: ${JSON.stringify(path.join(__dirname, '..', 'tsconfig.json'))} }); require(${JSON.stringify(path.join(__dirname, '..', 'src', 'cli', 'main'))}).main(['node', 'perflab', '--help'])`;
  const before = wallMs(['-e', tsNode]);
  process.stdout.write(`  through ts-node (how perflab started before; one run): ${before.toFixed(0)} ms = ${(before / f).toFixed(1)} × node -e 0\n`);
  const cold = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-bench-cache-'));
  try {
    const c = wallMs([BIN, '--help'], { ...process.env, PERFLAB_JS_CACHE: cold });
    process.stdout.write(`  empty cache (one run, compiles what --help loads): ${c.toFixed(0)} ms = ${(c / f).toFixed(1)} × node -e 0\n`);
  } finally {
    fs.rmSync(cold, { recursive: true, force: true });
  }
}
