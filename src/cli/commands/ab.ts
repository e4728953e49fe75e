/**
 * `perflab ab runtime --variant go --b-env PERFLAB_SPIN_US=3 [--rounds 6]`: measures a baseline
 * (A) and a candidate (B) of one variant interleaved, back to back — A B, B A, A B, … — and
 * gates B against A pair by pair, so the drift of a shared machine cancels. The two sides
 * differ by their servers' environment variables (`--a-env`, `--b-env`, repeatable K=V).
 * Exit codes as `perflab gate`: 0 pass, 1 regression, 2 bad input, 3 inconclusive.
 */
import { Command } from 'commander';
import { ConfigError } from '../../config/errors';
import { parseExperimentConfig } from '../../config/spec';
import { evaluateGate } from '../../gate/evaluate';
import { gateExitCode, gateOutput } from '../../gate/format';
import { GateRule, RuleError, buildRules, parseRuleSpec, readRulesFile } from '../../gate/rules';
import { CPUS_HELP, DEFAULT_LOAD_GENERATOR, LOAD_GENERATORS, driverFromOptions } from '../../local/choose-driver';
import { withInterrupt } from '../interrupt';
import { MissingToolchainError } from '../../local/local-target';
import { createProgress } from '../../local/progress';
import { DEFAULT_RESULTS_DIR } from '../../results/store';
import { MIN_PAIRS } from '../../stats/paired';
import { runRuntimeAb } from '../../../experiments/runtime/ab-run';
import { RUNTIME_VARIANTS, RuntimeVariantName } from '../../../experiments/runtime/variant-spec';
import { parseConfidence, parseSeed } from './gate';
import { profileValue } from './run';

/** Default rounds (pairs): enough for a verdict with room for one disturbed round. */
export const DEFAULT_ROUNDS = 6;

interface AbFlags {
  variant: string;
  rounds: string;
  aEnv: string[];
  bEnv: string[];
  profile: string;
  timeScale: string;
  rateScale: string;
  resultsDir: string;
  label: string;
  loadGenerator: string;
  cpus?: string;
  threshold: string[];
  rules?: string;
  confidence: string;
  seed: string;
  quiet?: boolean;
}

/** Parses repeatable `K=V` flags into an environment; problems name the flag and the value. */
export function parseEnvFlags(flag: string, values: readonly string[], problems: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const v of values) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(v);
    if (m) env[m[1]] = m[2];
    else problems.push(`${flag} ${JSON.stringify(v)}: expected NAME=value (an environment variable of the server)`);
  }
  return env;
}

const repeatable = (v: string, prev: string[]): string[] => [...prev, v];

/** Registers `ab`. */
export function registerAb(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('ab')
    .description('measure a baseline (A) and a candidate (B) interleaved, back to back, and gate B against A pair by pair (exit 0 pass, 1 regression, 3 inconclusive)')
    .argument('<experiment>', 'experiment (runtime)')
    .requiredOption('--variant <name>', `variant both sides run (${RUNTIME_VARIANTS.join(', ')})`)
    .option('--rounds <n>', `rounds of one A and one B run (a verdict needs ≥ ${MIN_PAIRS})`, String(DEFAULT_ROUNDS))
    .option('--a-env <NAME=value>', 'environment variable of side A’s server, repeatable', repeatable, [] as string[])
    .option('--b-env <NAME=value>', 'environment variable of side B’s server, repeatable (e.g. PERFLAB_SPIN_US=3)', repeatable, [] as string[])
    .option('--profile <name|file>', 'built-in load profile, or a JSON/YAML profile file', 'smoke')
    .option('--time-scale <factor>', 'multiply every duration of the profile', '1')
    .option('--rate-scale <factor>', 'multiply every VU / rate target of the profile', '1')
    .option('--results-dir <dir>', 'where RunResults are written', DEFAULT_RESULTS_DIR)
    .option('--label <label>', 'label prefix: results are <label>-A and <label>-B', 'ab')
    .option('--load-generator <name>', LOAD_GENERATORS.join(' | '), DEFAULT_LOAD_GENERATOR)
    .option('--cpus <placement>', CPUS_HELP)
    .option('--threshold <rule>', 'gate rule override, repeatable (see perflab gate)', repeatable, [] as string[])
    .option('--rules <file>', 'JSON or YAML gate rules file')
    .option('--confidence <level>', 'confidence level of intervals and tests', '0.95')
    .option('--seed <n>', 'seed of the bootstrap', '1')
    .option('--quiet', 'no progress output')
    .action(async (experiment: string, f: AbFlags) => {
      const problems: string[] = [];
      if (experiment !== 'runtime') problems.push(`perflab ab ${experiment}: interleaved A/B runs exist for runtime only; for others, gate repeated runs with perflab gate`);
      if (!(RUNTIME_VARIANTS as readonly string[]).includes(f.variant)) problems.push(`--variant ${JSON.stringify(f.variant)}: expected one of ${RUNTIME_VARIANTS.join(', ')}`);
      if (!/^[1-9]\d*$/.test(f.rounds)) problems.push(`--rounds ${JSON.stringify(f.rounds)}: expected a whole number ≥ 1 (a verdict needs ≥ ${MIN_PAIRS})`);
      const aEnv = parseEnvFlags('--a-env', f.aEnv, problems);
      const bEnv = parseEnvFlags('--b-env', f.bEnv, problems);
      if (problems.length) throw new ConfigError(problems);
      const spec = parseExperimentConfig({ experiment, variant: f.variant, target: 'local', load: profileValue(f.profile), timeScale: f.timeScale, rateScale: f.rateScale });
      let confidence: number;
      let seed: number;
      let overrides: GateRule[];
      try {
        confidence = parseConfidence(f.confidence);
        seed = parseSeed(f.seed);
        overrides = [...(f.rules ? readRulesFile(f.rules) : []), ...f.threshold.map(parseRuleSpec)];
      } catch (err) {
        if (err instanceof RuleError) throw new ConfigError([err.message]);
        throw err;
      }
      const driver = driverFromOptions(f.loadGenerator, f.cpus);
      const progress = createProgress({ quiet: f.quiet });
      await withInterrupt(progress, async (signal) => {
        let outcome;
        try {
          outcome = await runRuntimeAb({ variant: f.variant as RuntimeVariantName, profile: spec.profile, rounds: Number(f.rounds), aEnv, bEnv, label: f.label, driver, progress, resultsDir: f.resultsDir, signal });
        } catch (err) {
          if (err instanceof MissingToolchainError) throw new ConfigError(err.message.split('\n'));
          throw err;
        }
        if (signal.aborted || outcome.a.length === 0 || outcome.b.length === 0) {
          process.stderr.write('perflab ab: interrupted before both sides ran; no verdict\n');
          setExitCode(1);
          return;
        }
        const gate = evaluateGate(outcome.a, outcome.b, buildRules(overrides), { confidence, seed });
        const envOf = (e: Record<string, string>): string => Object.entries(e).map(([k, v]) => `${k}=${v}`).join(' ') || '(no extra environment)';
        const sides = {
          baselineId: `${f.variant} A`,
          currentId: `${f.variant} B`,
          baselineSource: `${envOf(aEnv)}; ${outcome.a.length} runs`,
          currentSource: `${envOf(bEnv)}; ${outcome.b.length} runs, interleaved with A`,
          baseline: outcome.a,
          current: outcome.b,
        };
        process.stdout.write(`${gateOutput(gate, sides, confidence)}\n`);
        for (const file of outcome.files) process.stdout.write(`wrote ${file}\n`);
        setExitCode(gateExitCode(gate));
      });
    });
}
