/**
 * `perflab run <experiment> --target local`: runs an experiment on this machine's processes
 * with real servers and real load, stores one RunResult per variant, prints a comparison.
 */
import { Command, Option } from 'commander';
import * as fs from 'fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../../config/errors';
import { ExperimentSpec, parseExperimentConfig } from '../../config/spec';
import { createProgress } from '../../local/progress';
import { abortOnSignals } from '../interrupt';
import { clusterTarget, noLocalTarget, withBanner, withFlagNames } from '../run-guidance';
import { stopAllProcesses } from '../../local/processes';
import { DEFAULT_RESULTS_DIR } from '../../results/store';
import { comparisonTable } from '../../results/summary-table';
import { breakdownSections } from '../../results/breakdown-table';
import { experiments } from '../../../experiments';
import { localTargets } from '../../../experiments/local-targets';
import { MissingToolchainError } from '../../local/local-target';
import { describePlacement } from '../../local/cpu-affinity';
import { CPUS_HELP, DEFAULT_LOAD_GENERATOR, LOAD_GENERATORS, driverFromOptions } from '../../local/choose-driver';

interface RunOptions {
  target: string;
  variants?: string;
  profile: string;
  timeScale: string;
  rateScale: string;
  repeat: string;
  resultsDir: string;
  label?: string;
  loadGenerator: string;
  cpus?: string;
  quiet?: boolean;
}

/** `--profile` value: a built-in name, or a JSON/YAML file holding a full profile. */
export function profileValue(arg: string): unknown {
  if (!/\.(json|ya?ml)$/.test(arg)) return arg;
  let text: string;
  try {
    text = fs.readFileSync(arg, 'utf8');
  } catch {
    throw new ConfigError([`--profile: cannot read ${arg}`]);
  }
  try {
    return arg.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigError([`--profile: ${arg} is not valid ${arg.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`]);
  }
}

/** Validates the options into one ExperimentSpec per variant (all problems at once). */
export function specsFromOptions(experiment: string, o: RunOptions, defaultVariants: readonly string[]): ExperimentSpec[] {
  const variants = o.variants ? o.variants.split(',').map((v) => v.trim()).filter(Boolean) : defaultVariants;
  const load = profileValue(o.profile);
  const problems: string[] = [];
  const specs: ExperimentSpec[] = [];
  for (const variant of variants) {
    try {
      specs.push(parseExperimentConfig({ experiment, variant, target: o.target, load, timeScale: o.timeScale, rateScale: o.rateScale }));
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      for (const p of err.problems) if (!problems.includes(p)) problems.push(p);
    }
  }
  if (!/^[1-9]\d*$/.test(o.repeat)) problems.push(`--repeat: ${JSON.stringify(o.repeat)} is not a whole number ≥ 1`);
  if (problems.length) throw new ConfigError(problems);
  return specs;
}

/**
 * Hands the experiment's own options to it through their environment variables, and refuses an
 * option that belongs to another experiment.
 */
function applyTargetOptions(experiment: string, o: Record<string, unknown>): void {
  const problems: string[] = [];
  for (const [name, target] of Object.entries(localTargets)) {
    for (const opt of target.options ?? []) {
      const value = o[new Option(opt.flags).attributeName()];
      if (value === undefined) continue;
      if (name !== experiment) problems.push(`${opt.flags.split(' ')[0]} belongs to perflab run ${name}, not ${experiment}`);
      else process.env[opt.env] = String(value);
    }
  }
  if (problems.length) throw new ConfigError(problems);
}

/** Registers `run`. */
export function registerRun(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command('run')
    .description('run an experiment on this machine (--target local): real servers on 127.0.0.1, real load')
    .argument('<experiment>', `experiment to run: ${Object.keys(localTargets).join(', ')}`)
    .addOption(new Option('--target <target>', 'where to run; clusters go through `pulumi up`').default('local'))
    .option('--variants <list>', 'comma-separated variants (default: every variant whose toolchain is installed)')
    .option('--profile <name|file>', 'built-in load profile, or a JSON/YAML profile file', 'smoke')
    .option('--time-scale <factor>', 'multiply every duration of the profile', '1')
    .option('--rate-scale <factor>', 'multiply every VU / rate target of the profile', '1')
    .option('--repeat <n>', 'measure each variant n times (for statistics)', '1')
    .option('--results-dir <dir>', 'where RunResults are written', DEFAULT_RESULTS_DIR)
    .option('--label <label>', 'label stored with each result (groups repeats)')
    .option('--load-generator <name>', `${LOAD_GENERATORS.join(' | ')}: the native driver (Go, built on first use), JavaScript autocannon, a k6 binary on PATH, or k6 when present`, DEFAULT_LOAD_GENERATOR)
    .option('--cpus <placement>', CPUS_HELP)
    .option('--quiet', 'no progress output');
  for (const [name, target] of Object.entries(localTargets)) {
    for (const opt of target.options ?? []) command.option(opt.flags, `${name}: ${opt.description} (env ${opt.env})`);
  }
  command.action(async (experiment: string, o: RunOptions) => {
      const local = localTargets[experiment];
      if (!local) {
        // A typo gets the list of experiments; a real one that needs a cluster says so.
        if (!Object.hasOwn(experiments, experiment)) parseExperimentConfig({ experiment });
        throw noLocalTarget(experiment, Object.keys(localTargets));
      }
      const specs = specsFromOptions(experiment, o, experiments[experiment].variants);
      applyTargetOptions(experiment, o as unknown as Record<string, unknown>);
      if (o.target !== 'local') throw clusterTarget(experiment, o.target);
      const driver = driverFromOptions(o.loadGenerator, o.cpus);
      const profile = specs[0].profile;
      const progress = withBanner(
        createProgress({ quiet: o.quiet }),
        `perflab run ${experiment} --target local: profile ${profile.name}, load by ${local.loadTool ?? `${driver.info.name} ${driver.info.version}${driver.placement?.driver ? ` (${describePlacement(driver.placement)})` : ''}`}, results in ${o.resultsDir}/`,
      );
      const controller = new AbortController();
      const removeSignalHandlers = abortOnSignals(controller, (m) => progress.step(m));
      try {
        const outcomes = await local.run({
          variants: o.variants ? specs.map((s) => s.variant) : undefined,
          profile,
          resultsDir: o.resultsDir,
          progress,
          repeat: Number(o.repeat),
          label: o.label,
          signal: controller.signal,
          driver,
        });
        const results = outcomes.flatMap((x) => x.results);
        if (results.length) process.stdout.write(`\n${comparisonTable(results)}\n`);
        for (const b of breakdownSections(results)) process.stdout.write(`\n${b.title}\n${b.table}\n`);
        for (const x of outcomes) {
          if (x.status !== 'measured') process.stdout.write(`${x.variant}: ${x.status} — ${x.reason}\n`);
        }
        for (const f of outcomes.flatMap((x) => x.files)) process.stdout.write(`wrote ${f}\n`);
        if (outcomes.some((x) => x.status === 'failed') || controller.signal.aborted) setExitCode(1);
      } catch (err) {
        if (err instanceof MissingToolchainError) throw new ConfigError(err.message.split('\n'));
        if (err instanceof ConfigError) throw withFlagNames(err, local);
        throw err;
      } finally {
        await stopAllProcesses();
        removeSignalHandlers();
      }
    });
}
