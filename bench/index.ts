/**
 * `npm run bench`: runs every benchmark module in this folder (each exports `name` and `run`),
 * or only those named on the command line (`npm run bench -- harness synth`). Benchmarks report
 * ratios measured within one run, so they compare like with like on whatever machine runs them.
 */
import * as fs from 'fs';
import * as path from 'path';

/** What each bench/*.ts module exports. */
export interface BenchModule {
  /** Short name used to select it on the command line. */
  readonly name: string;
  /** Runs the benchmark and prints its figures. */
  run(): Promise<void>;
}

async function main(): Promise<void> {
  const wanted = new Set(process.argv.slice(2));
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'))
    .sort();
  for (const f of files) {
    const mod = (await import(path.join(__dirname, f))) as BenchModule;
    if (!mod.name || typeof mod.run !== 'function') continue;
    if (wanted.size && !wanted.has(mod.name)) continue;
    process.stdout.write(`\n=== bench: ${mod.name} ===\n`);
    await mod.run();
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
