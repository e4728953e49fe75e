/**
 * `perflab gate --baseline <b> --current <results...>`: the regression gate for CI. Prints a
 * one-line verdict, then every figure with baseline, current, change, CI, noise band, p-value,
 * rule and verdict, then how noise was measured and where the two sides' environments differ.
 * Exit code 0 pass (warnings included), 1 regression, 2 bad input, 3 inconclusive (too few
 * repeats for a verdict).
 */
import { Command } from 'commander';
import { DEFAULT_BASELINE_DIR } from '../../gate/baseline';
import { evaluateGate } from '../../gate/evaluate';
import { gateExitCode, gateOutput } from '../../gate/format';
import { GateInputError, checkComparable, resolveBaseline, resolveCurrent } from '../../gate/inputs';
import { historyBaseline, parseHistoryBaseline } from '../../gate/history-baseline';
import { DEFAULT_RESULTS_DIR } from '../../results/store';
import { GateRule, RuleError, buildRules, parseRuleSpec, readRulesFile } from '../../gate/rules';
import { DEFAULT_SEED } from '../../stats/prng';

interface GateFlags {
  baseline: string;
  current: string[];
  baselineDir: string;
  historyDir: string;
  threshold: string[];
  rules?: string;
  confidence: string;
  seed: string;
}

/** Parses `--confidence`; throws a RuleError naming the flag. */
export function parseConfidence(s: string): number {
  const n = Number(s);
  if (!(n >= 0.5 && n < 1)) throw new RuleError(`--confidence ${JSON.stringify(s)}: expected a level between 0.5 and 1 (e.g. 0.95)`);
  return n;
}

/** Parses `--seed`; throws a RuleError naming the flag. */
export function parseSeed(s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n)) throw new RuleError(`--seed ${JSON.stringify(s)}: expected an integer`);
  return n;
}

/** Registers `gate`. */
export function registerGate(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('gate')
    .description('fail (exit 1) when current results regressed against a baseline of the same configuration beyond tolerance and noise; exit 3 when too few repeats for a verdict; exit 2 on bad input')
    .requiredOption('--baseline <baseline>', 'saved baseline (file or name under --baseline-dir), RunResult files / folder, or history:N (the last N stored runs of the same configuration)')
    .requiredOption('--current <results...>', 'RunResult files or folders of the current runs')
    .option('--baseline-dir <dir>', 'where named baselines are saved', DEFAULT_BASELINE_DIR)
    .option('--history-dir <dir>', 'the results folder history:N reads', DEFAULT_RESULTS_DIR)
    .option('--threshold <rule>', 'rule override, repeatable: p95=5%, p99=5%:fail, memory=10%:warn, errorRate=0.5pp, p50=2ms:warn, cpu=off', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--rules <file>', 'JSON or YAML rules file ({ rules: { p95: "5%", memory: "10%:warn" } })')
    .option('--confidence <level>', 'confidence level of intervals and tests', '0.95')
    .option('--seed <n>', 'seed of the bootstrap', String(DEFAULT_SEED))
    .action((flags: GateFlags) => {
      try {
        const confidence = parseConfidence(flags.confidence);
        const seed = parseSeed(flags.seed);
        const overrides: GateRule[] = [...(flags.rules ? readRulesFile(flags.rules) : []), ...flags.threshold.map(parseRuleSpec)];
        const rules = buildRules(overrides);
        const current = resolveCurrent(flags.current);
        const fromHistory = parseHistoryBaseline(flags.baseline);
        const baseline = fromHistory === undefined ? resolveBaseline(flags.baseline, flags.baselineDir) : historyBaseline(current, fromHistory, flags.historyDir);
        checkComparable(baseline, current);
        const outcome = evaluateGate(baseline.group.results, current.group.results, rules, { confidence, seed });
        const sides = { baselineId: baseline.group.id, currentId: current.group.id, baselineSource: baseline.source, currentSource: current.source, baseline: baseline.group.results, current: current.group.results };
        process.stdout.write(`${gateOutput(outcome, sides, confidence)}\n`);
        setExitCode(gateExitCode(outcome));
      } catch (err) {
        if (!(err instanceof GateInputError || err instanceof RuleError)) throw err;
        process.stderr.write(`perflab gate: ${err.message}\n`);
        setExitCode(2);
      }
    });
}
