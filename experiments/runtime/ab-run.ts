/**
 * The runtime experiment measured as an interleaved A/B: one variant built once, then `rounds`
 * rounds of two runs back to back — A B, B A, A B, … (the order alternates so neither side is
 * always second) — each run a fresh server process whose environment is the side's. Background
 * load that drifts over minutes hits both runs of a round alike; src/stats/paired.ts compares
 * the rounds pair by pair. Both sides must answer the conformance probes identically.
 */
import { runCommand, toolchainVersion } from '../../src/local/commands';
import { LoadDriver } from '../../src/local/measured-load';
import { measureHttpServer } from '../../src/local/measure-http-server';
import { MissingToolchainError } from '../../src/local/local-target';
import { ProgressReporter } from '../../src/local/progress';
import { storeLocalResult } from '../../src/local/store-local-result';
import { withArtefactSize } from './artefact';
import { ProbeAnswer, compareAnswers } from '../../src/local/verify';
import { ResolvedLoadProfile } from '../../src/load/profile';
import { localEnvironment } from '../../src/results/environment';
import { RunResult } from '../../src/results/run-result';
import { runtimeProbes } from './conformance';
import { runtimeExperiment } from './experiment';
import { RuntimeVariantName } from './variant-spec';
import { runtimeVariants } from './variants';

/** What an interleaved A/B run measures. */
export interface RuntimeAbOptions {
  readonly variant: RuntimeVariantName;
  readonly profile: ResolvedLoadProfile;
  /** Rounds of one A and one B run. */
  readonly rounds: number;
  /** Environment variables of side A's server (e.g. none: the baseline). @default {} */
  readonly aEnv?: Readonly<Record<string, string>>;
  /** Environment variables of side B's server (e.g. `PERFLAB_SPIN_US=3`). @default {} */
  readonly bEnv?: Readonly<Record<string, string>>;
  /** Label prefix; results are labelled `<label>-A` / `<label>-B`. @default `ab` */
  readonly label?: string;
  readonly driver: LoadDriver;
  readonly progress: ProgressReporter;
  /** Where RunResults are written; none are written when undefined. */
  readonly resultsDir?: string;
  readonly signal?: AbortSignal;
}

/** The two sides' results in run order, and the files written. */
export interface RuntimeAbOutcome {
  readonly a: RunResult[];
  readonly b: RunResult[];
  readonly files: string[];
}

/** Builds the variant once and measures A and B interleaved. */
export async function runRuntimeAb(opts: RuntimeAbOptions): Promise<RuntimeAbOutcome> {
  const spec = runtimeVariants[opts.variant];
  const version = toolchainVersion(spec.toolchain);
  if (version === undefined) throw new MissingToolchainError([{ variant: opts.variant, hint: spec.toolchain.installHint }]);
  opts.progress.step(`[${opts.variant}] building (${spec.description})`);
  for (const step of spec.build) await runCommand(step, `build ${opts.variant}`);
  const prefix = opts.label ?? 'ab';
  const sides = { A: opts.aEnv ?? {}, B: opts.bEnv ?? {} };
  const out: RuntimeAbOutcome = { a: [], b: [], files: [] };
  const answers = new Map<string, readonly ProbeAnswer[]>();
  for (let round = 0; round < opts.rounds && !opts.signal?.aborted; round++) {
    for (const side of round % 2 ? (['B', 'A'] as const) : (['A', 'B'] as const)) {
      if (opts.signal?.aborted) break;
      opts.progress.step(`[${opts.variant}] round ${round + 1}/${opts.rounds}: ${side}`);
      const { result, answers: got } = await measureHttpServer({
        experiment: runtimeExperiment.name,
        variant: opts.variant,
        start: { ...spec.start, env: { ...spec.start.env, ...sides[side] } },
        profile: opts.profile,
        probes: runtimeProbes,
        checkAnswers: (a) => {
          const trial = new Map(answers).set(side, a);
          return compareAnswers(runtimeProbes, trial).map((m) => `${m.probe}: ${m.detail}`);
        },
        // A fresh fingerprint per run: the load average is the one when this run started.
        environment: localEnvironment('local', { [opts.driver.info.name]: opts.driver.info.version, [spec.toolchain.command.split('/').pop() ?? opts.variant]: version }),
        driver: opts.driver,
        progress: opts.progress,
        label: `${prefix}-${side}`,
        signal: opts.signal,
      });
      if (!answers.has(side)) answers.set(side, got);
      if (opts.signal?.aborted) break;
      const stored = opts.resultsDir ? storeLocalResult(opts.resultsDir, withArtefactSize(result, spec)) : { result: withArtefactSize(result, spec), file: undefined };
      (side === 'A' ? out.a : out.b).push(stored.result);
      if (stored.file) out.files.push(stored.file);
    }
  }
  return out;
}
