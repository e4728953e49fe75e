/**
 * `perflab history <experiment/variant>`: the stored runs of that variant over time, per
 * configuration — p95, throughput and cost per 1M as terminal sparklines with their change points
 * (E-divisive means, permutation test) and the runs whose cost per 1M left its band; `--json` for
 * machines. Exit 0 when shown, 2 on bad input.
 */
import { Command } from 'commander';
import { DEFAULT_RESULTS_DIR, ResultsError } from '../../results/store';
import { ChangePointOptionError } from '../../stats/change-points';
import { DEFAULT_SEED } from '../../stats/prng';
import { formatHistory, historyJson } from '../../history/format';
import { loadHistory } from '../../history/history-index';
import { HistoryInputError, buildHistories, parseSelector } from '../../history/series';

interface HistoryFlags {
  resultsDir: string;
  label?: string;
  profile?: string;
  last?: string;
  json?: boolean;
  significance: string;
  permutations: string;
  minSegment: string;
  bandWindow: string;
  bandK: string;
  seed: string;
}

function numberFlag(flag: string, s: string, check: (n: number) => boolean, allowed: string): number {
  const n = Number(s);
  if (!check(n)) throw new HistoryInputError(`${flag} ${JSON.stringify(s)}: expected ${allowed}`);
  return n;
}
const wholeAtLeast = (min: number) => (n: number) => Number.isInteger(n) && n >= min;

/** Registers `history`. */
export function registerHistory(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('history')
    .description('p95, throughput and cost per 1M of a variant over time, with change points and cost anomalies')
    .argument('<experiment/variant>', 'e.g. runtime/go')
    .option('--results-dir <dir>', 'the results folder (searched recursively; an index file is kept in it)', DEFAULT_RESULTS_DIR)
    .option('--label <label>', 'only runs with this label')
    .option('--profile <name>', 'only runs of this load profile')
    .option('--last <n>', 'only the last N runs of each configuration')
    .option('--json', 'print JSON instead of sparklines')
    .option('--significance <level>', 'significance level of each change point (permutation test)', '0.01')
    .option('--permutations <n>', 'permutations per change-point test', '199')
    .option('--min-segment <n>', 'fewest runs on either side of a change point', '3')
    .option('--band-window <n>', 'previous runs that form the cost band', '10')
    .option('--band-k <k>', 'cost band half-width in robust standard deviations (1.4826·MAD)', '5')
    .option('--seed <n>', 'seed of the permutations', String(DEFAULT_SEED))
    .action((selectorArg: string, flags: HistoryFlags) => {
      try {
        const selector = parseSelector(selectorArg);
        const last = flags.last === undefined ? undefined : numberFlag('--last', flags.last, wholeAtLeast(2), 'a whole number ≥ 2');
        const opts = {
          changePoints: {
            significance: numberFlag('--significance', flags.significance, (n) => n > 0 && n < 1, 'a level between 0 and 1 (e.g. 0.01)'),
            permutations: numberFlag('--permutations', flags.permutations, wholeAtLeast(19), 'a whole number ≥ 19'),
            minSegment: numberFlag('--min-segment', flags.minSegment, wholeAtLeast(2), 'a whole number ≥ 2'),
            seed: numberFlag('--seed', flags.seed, Number.isInteger, 'an integer'),
          },
          costBand: {
            window: numberFlag('--band-window', flags.bandWindow, wholeAtLeast(5), 'a whole number ≥ 5'),
            k: numberFlag('--band-k', flags.bandK, (n) => n > 0, 'a number > 0'),
          },
        };
        const { entries, stats } = loadHistory(flags.resultsDir);
        if (stats.indexError) process.stderr.write(`perflab history: note: ${stats.indexError}\n`);
        const histories = buildHistories(entries, { ...selector, label: flags.label, profile: flags.profile, last }, opts);
        process.stdout.write(`${flags.json ? historyJson(histories) : histories.map(formatHistory).join('\n\n')}\n`);
      } catch (err) {
        if (!(err instanceof HistoryInputError || err instanceof ResultsError || err instanceof ChangePointOptionError)) throw err;
        process.stderr.write(`perflab history: ${err.message}\n`);
        setExitCode(2);
      }
    });
}
