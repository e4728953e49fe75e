/**
 * `perflab report <results...> --out report/ [--baseline <b>]`: writes report.md and a
 * self-contained report.html (inline SVG charts) with summary, configuration, latency against
 * baseline and targets, throughput, resources, cost, capacity projection, analysis,
 * recommendations and verdict. Exit 0 when written, 2 on bad input (the gate is `perflab gate`).
 */
import { Command } from 'commander';
import { DEFAULT_BASELINE_DIR } from '../../gate/baseline';
import { GateInputError, resolveBaseline } from '../../gate/inputs';
import { GateRule, RuleError, buildRules, parseRuleSpec, readRulesFile } from '../../gate/rules';
import { CapacityError, parseGrowth } from '../../report/capacity';
import { ReportError, buildReportModel } from '../../report/model';
import { writeReport } from '../../report/write';
import { loadHistory } from '../../history/history-index';
import { ResultsError, loadResultFiles } from '../../results/store';
import { loadStoredProfiles } from '../../results/stored-profiles';
import { profileViews } from '../../report/profile-views';
import { DEFAULT_SEED } from '../../stats/prng';
import { parseConfidence, parseSeed } from './gate';

interface ReportFlags {
  out: string;
  baseline?: string;
  baselineDir: string;
  title?: string;
  targetRps?: string;
  growth: string;
  months: string;
  utilization: string;
  podsMeasured: string;
  threshold: string[];
  rules?: string;
  confidence: string;
  seed: string;
  history?: string;
}

function positive(flag: string, s: string, integer = false): number {
  const n = Number(s);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new CapacityError(`${flag} ${JSON.stringify(s)}: expected a ${integer ? 'whole ' : ''}number > 0`);
  return n;
}

/** Registers `report`. */
export function registerReport(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('report')
    .description('write report.md and a self-contained report.html (charts, analysis, capacity, verdict)')
    .argument('<results...>', 'RunResult files or folders')
    .requiredOption('--out <dir>', 'folder to write report.md and report.html into')
    .option('--baseline <baseline>', 'saved baseline (file or name) or RunResult files / folder to compare with')
    .option('--baseline-dir <dir>', 'where named baselines are saved', DEFAULT_BASELINE_DIR)
    .option('--title <title>', 'report title')
    .option('--target-rps <rps>', 'request rate to plan capacity for (default: the measured throughput)')
    .option('--growth <rate>', 'traffic growth per month, e.g. 20% or 20%/month', '20%')
    .option('--months <n>', 'months to project', '12')
    .option('--utilization <fraction>', 'share of measured per-pod throughput each pod is planned to carry', '0.7')
    .option('--pods-measured <n>', 'server instances (pods) the measured runs had', '1')
    .option('--threshold <rule>', 'gate rule override, repeatable (see perflab gate)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--rules <file>', 'JSON or YAML gate rules file')
    .option('--confidence <level>', 'confidence level of intervals and tests', '0.95')
    .option('--seed <n>', 'seed of the bootstrap', String(DEFAULT_SEED))
    .option('--history <dir>', 'results folder whose stored runs of each configuration are charted over time, with change points and cost anomalies')
    .action((paths: string[], flags: ReportFlags) => {
      try {
        const overrides: GateRule[] = [...(flags.rules ? readRulesFile(flags.rules) : []), ...flags.threshold.map(parseRuleSpec)];
        const utilization = positive('--utilization', flags.utilization);
        if (utilization > 1) throw new CapacityError(`--utilization ${flags.utilization}: expected a fraction ≤ 1 (e.g. 0.7)`);
        const entries = loadResultFiles(paths);
        const built = buildReportModel(entries.map((e) => e.result), flags.baseline ? resolveBaseline(flags.baseline, flags.baselineDir) : undefined, {
          title: flags.title,
          rules: buildRules(overrides),
          confidence: parseConfidence(flags.confidence),
          seed: parseSeed(flags.seed),
          history: flags.history === undefined ? undefined : { entries: loadHistory(flags.history).entries, options: { changePoints: { seed: parseSeed(flags.seed) } } },
          capacity: {
            targetRps: flags.targetRps === undefined ? undefined : positive('--target-rps', flags.targetRps),
            growthPerMonth: parseGrowth(flags.growth),
            months: positive('--months', flags.months, true),
            utilization,
            podsMeasured: positive('--pods-measured', flags.podsMeasured, true),
          },
        });
        const model = { ...built, profiles: profileViews(built, loadStoredProfiles(entries)) };
        const written = writeReport(flags.out, model);
        process.stdout.write(`${model.verdict}: ${model.verdictReasons.join('; ')}\nwrote ${written.markdown} and ${written.html}\n`);
      } catch (err) {
        if (!(err instanceof ResultsError || err instanceof GateInputError || err instanceof RuleError || err instanceof ReportError || err instanceof CapacityError)) throw err;
        process.stderr.write(`perflab report: ${err.message}\n`);
        setExitCode(2);
      }
    });
}
