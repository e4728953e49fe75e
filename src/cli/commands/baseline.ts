/** `perflab baseline save <results...>` and `perflab baseline list`: saved baselines for the gate. */
import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { BaselineError, DEFAULT_BASELINE_DIR, readBaseline, saveBaseline } from '../../gate/baseline';
import { ResultsError, loadResults } from '../../results/store';
import { groupIdOf } from '../../stats/groups';
import { formatTable } from '../table';

/** Registers `baseline save` and `baseline list`. */
export function registerBaseline(program: Command, setExitCode: (code: number) => void): void {
  const baseline = program.command('baseline').description('save and list baselines for `perflab gate`');
  baseline
    .command('save')
    .description('save repeated RunResults of one configuration as a baseline (atomically)')
    .argument('<results...>', 'RunResult files or folders')
    .option('--name <name>', 'baseline name (default: experiment-variant[-label]-profile)')
    .option('--dir <dir>', 'baselines folder', DEFAULT_BASELINE_DIR)
    .option('--force', 'replace an existing baseline of that name', false)
    .action((paths: string[], flags: { name?: string; dir: string; force: boolean }) => {
      try {
        const b = saveBaseline(loadResults(paths), { name: flags.name, dir: flags.dir, force: flags.force });
        process.stdout.write(`saved baseline ${b.name}: ${b.results.length} run${b.results.length === 1 ? '' : 's'} of ${groupIdOf(b.key)} → ${b.file}\n`);
      } catch (err) {
        if (!(err instanceof ResultsError || err instanceof BaselineError)) throw err;
        process.stderr.write(`perflab baseline save: ${err.message}\n`);
        setExitCode(2);
      }
    });
  baseline
    .command('list')
    .description('list saved baselines')
    .option('--dir <dir>', 'baselines folder', DEFAULT_BASELINE_DIR)
    .action((flags: { dir: string }) => {
      const files = fs.existsSync(flags.dir) ? fs.readdirSync(flags.dir).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort() : [];
      const rows: string[][] = [];
      for (const f of files) {
        try {
          const b = readBaseline(path.join(flags.dir, f));
          rows.push([b.name, groupIdOf(b.key), String(b.results.length), b.createdAt]);
        } catch (err) {
          rows.push([f, `unreadable: ${(err as Error).message}`, '-', '-']);
          setExitCode(2);
        }
      }
      process.stdout.write(rows.length ? `${formatTable(['name', 'configuration', 'runs', 'saved'], rows)}\n` : `no baselines in ${flags.dir}\n`);
    });
}
