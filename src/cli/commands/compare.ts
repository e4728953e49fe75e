/** `perflab compare <results...>`: a side-by-side table of stored RunResults. */
import { Command } from 'commander';
import { ResultsError, loadResults } from '../../results/store';
import { comparisonTable } from '../../results/summary-table';

/** Registers `compare`. */
export function registerCompare(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('compare')
    .description('compare stored results side by side (files or folders of RunResult JSON)')
    .argument('<results...>', 'RunResult files or folders')
    .action((paths: string[]) => {
      try {
        const results = loadResults(paths);
        if (results.length === 0) {
          process.stderr.write(`perflab compare: no results found in ${paths.join(', ')}\n`);
          setExitCode(2);
          return;
        }
        const experiments = new Set(results.map((r) => r.experiment));
        if (experiments.size > 1) {
          process.stderr.write(`perflab compare: results are from different experiments (${[...experiments].join(', ')}); compare one experiment at a time\n`);
          setExitCode(2);
          return;
        }
        process.stdout.write(`${comparisonTable(results)}\n`);
      } catch (err) {
        if (!(err instanceof ResultsError)) throw err;
        process.stderr.write(`perflab compare: ${err.message}\n`);
        setExitCode(2);
      }
    });
}
