/**
 * `perflab compare <results...>`: a side-by-side table of stored RunResults; with repeats or
 * several configurations, also each configuration's medians with bootstrap CIs and its changes
 * against a reference configuration (the first, or `--baseline`) with CIs and p-values.
 */
import { Command } from 'commander';
import { experiments as experimentDefs } from '../../../experiments';
import { ResultsError, loadResults } from '../../results/store';
import { comparisonTable, deltaTable, groupSummaryTable } from '../../results/summary-table';
import { groupName, groupResults } from '../../stats/groups';
import { DEFAULT_SEED } from '../../stats/prng';
import { RuleError } from '../../gate/rules';
import { parseConfidence, parseSeed } from './gate';

interface CompareFlags {
  baseline?: string;
  confidence: string;
  seed: string;
}

/** Registers `compare`. */
export function registerCompare(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('compare')
    .description('compare stored results side by side (files or folders of RunResult JSON), with statistics across repeats')
    .argument('<results...>', 'RunResult files or folders')
    .option('--baseline <variant>', 'configuration the others are compared with (its label or variant; default: the first)')
    .option('--confidence <level>', 'confidence level of intervals and tests', '0.95')
    .option('--seed <n>', 'seed of the bootstrap', String(DEFAULT_SEED))
    .action((paths: string[], flags: CompareFlags) => {
      try {
        const confidence = parseConfidence(flags.confidence);
        const seed = parseSeed(flags.seed);
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
        const groups = groupResults(results);
        const reference = flags.baseline === undefined ? groups[0] : groups.find((g) => groupName(g) === flags.baseline || g.id === flags.baseline);
        if (!reference) {
          process.stderr.write(`perflab compare: --baseline ${JSON.stringify(flags.baseline)} is none of ${groups.map(groupName).join(', ')}\n`);
          setExitCode(2);
          return;
        }
        const out = [comparisonTable(results)];
        if (groups.length > 1 || groups.some((g) => g.results.length > 1)) {
          out.push('', `Medians over repeats (${Math.round(confidence * 100)}% bootstrap CI):`, groupSummaryTable(groups, { confidence, seed }));
        }
        if (groups.length > 1) {
          out.push('', `Against ${groupName(reference)} (Mann–Whitney U with repeats; HDR / binomial noise for single runs):`, deltaTable(reference, groups, { confidence, seed }));
        }
        for (const section of experimentDefs[[...experiments][0]]?.comparisons?.(results, { confidence, seed }) ?? []) out.push('', section.title, section.table);
        process.stdout.write(`${out.join('\n')}\n`);
      } catch (err) {
        if (!(err instanceof ResultsError || err instanceof RuleError)) throw err;
        process.stderr.write(`perflab compare: ${err.message}\n`);
        setExitCode(2);
      }
    });
}
