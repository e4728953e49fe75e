/**
 * `perflab compare <results...>`: a side-by-side table of stored RunResults; with repeats or
 * several configurations, also each configuration's medians with bootstrap CIs. Without
 * `--baseline`, a neutral ranking per workload (relative differences with CIs, no verdict);
 * with `--baseline`, each configuration of the baseline's workload against it with CIs and
 * p-values. Configurations of different workloads or scenarios are never paired.
 */
import { Command } from 'commander';
import { experiments as experimentDefs } from '../../../experiments';
import { ResultsError, loadResultFiles, writeFileAtomic } from '../../results/store';
import { loadStoredProfiles } from '../../results/stored-profiles';
import { profileChangeSections, profilePairs } from '../../results/profile-changes';
import { diffFlamegraphHtml } from '../../report/diff-flamegraph';
import * as path from 'path';
import { comparisonTable, deltaTable, groupSummaryTable } from '../../results/summary-table';
import { ResultGroup, groupName, groupResults } from '../../stats/groups';
import { groupWorkload } from '../../stats/pairing';
import { rankingSections } from '../../results/ranking-table';
import { breakdownSections } from '../../results/breakdown-table';
import { DEFAULT_SEED } from '../../stats/prng';
import { RuleError } from '../../gate/rules';
import { parseConfidence, parseSeed } from './gate';

interface CompareFlags {
  baseline?: string;
  confidence: string;
  seed: string;
  flamegraphOut?: string;
}

/** The group `name` designates: by its table name, label, variant or id. */
function findGroup(groups: readonly ResultGroup[], name: string): ResultGroup | undefined {
  return groups.find((g) => groupName(g) === name || g.id === name) ?? groups.find((g) => g.key.label === name || g.key.variant === name);
}

/** Registers `compare`. */
export function registerCompare(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('compare')
    .description('compare stored results side by side (files or folders of RunResult JSON), with statistics across repeats')
    .argument('<results...>', 'RunResult files or folders')
    .option('--baseline <variant>', 'configuration the others of its workload are compared with (its name, label or variant); default: none — a neutral ranking')
    .option('--confidence <level>', 'confidence level of intervals and tests', '0.95')
    .option('--seed <n>', 'seed of the bootstrap', String(DEFAULT_SEED))
    .option('--flamegraph-out <dir>', 'also write a differential flamegraph (<variant>-profile-diff.html) per variant with two or more CPU profiles into this folder')
    .action((paths: string[], flags: CompareFlags) => {
      try {
        const confidence = parseConfidence(flags.confidence);
        const seed = parseSeed(flags.seed);
        const entries = loadResultFiles(paths);
        const results = entries.map((e) => e.result);
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
        const reference = flags.baseline === undefined ? undefined : findGroup(groups, flags.baseline);
        if (flags.baseline !== undefined && !reference) {
          process.stderr.write(`perflab compare: --baseline ${JSON.stringify(flags.baseline)} is none of ${groups.map(groupName).join(', ')}\n`);
          setExitCode(2);
          return;
        }
        const out = [comparisonTable(results)];
        for (const b of breakdownSections(results)) out.push('', b.title, b.table);
        if (groups.length > 1 || groups.some((g) => g.results.length > 1)) {
          out.push('', `Medians over repeats (${Math.round(confidence * 100)}% bootstrap CI):`, groupSummaryTable(groups, { confidence, seed }));
        }
        if (reference) {
          const paired = groups.filter((g) => g !== reference && groupWorkload(g) === groupWorkload(reference));
          const others = groups.filter((g) => groupWorkload(g) !== groupWorkload(reference));
          if (paired.length) out.push('', `Against ${groupName(reference)} (medians of runs; Mann–Whitney U and bootstrap CIs over repeats):`, deltaTable(reference, groups, { confidence, seed }));
          if (others.length) out.push('', `Not paired with ${groupName(reference)} (another workload or scenario): ${others.map(groupName).join(', ')}`);
        } else if (groups.length > 1) {
          for (const r of rankingSections(groups, { confidence, seed })) out.push('', r.title, r.table);
        }
        for (const section of experimentDefs[[...experiments][0]]?.comparisons?.(results, { confidence, seed }) ?? []) out.push('', section.title, section.table);
        const profiles = loadStoredProfiles(entries);
        const pairs = profilePairs(results, profiles);
        for (const section of profileChangeSections(pairs, profiles)) out.push('', section.title, section.table);
        for (const p of flags.flamegraphOut === undefined ? [] : pairs) {
          const file = path.join(flags.flamegraphOut!, `${p.variant}-profile-diff.html`);
          writeFileAtomic(file, diffFlamegraphHtml(`CPU profile of ${p.variant}: ${p.before.id} → ${p.after.id}`, profiles.get(p.before.id)!, profiles.get(p.after.id)!));
          out.push(`wrote ${file}`);
        }
        process.stdout.write(`${out.join('\n')}\n`);
      } catch (err) {
        if (!(err instanceof ResultsError || err instanceof RuleError)) throw err;
        process.stderr.write(`perflab compare: ${err.message}\n`);
        setExitCode(2);
      }
    });
}
