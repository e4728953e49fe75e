/**
 * The runtime experiment on the local target: pick the variants whose toolchains are here,
 * build them, then measure each in turn (cold start, conformance, load, CPU and memory) and
 * store one RunResult per variant. The embedded default and the README's main job.
 */
import { toolchainVersion, runCommand } from '../../src/local/commands';
import { ConformanceError, measureHttpServer } from '../../src/local/measure-http-server';
import { LoadDriver } from '../../src/local/measured-load';
import { ProgressReporter } from '../../src/local/progress';
import { compareAnswers, ProbeAnswer } from '../../src/local/verify';
import { ResolvedLoadProfile } from '../../src/load/profile';
import { localEnvironment } from '../../src/results/environment';
import { RunResult } from '../../src/results/run-result';
import { writeRunResult } from '../../src/results/store';
import { runtimeProbes } from './conformance';
import { runtimeExperiment } from './experiment';
import { RUNTIME_VARIANTS, RuntimeVariantName } from './variant-spec';
import { runtimeVariants } from './variants';

/** Options of a local runtime run. */
export interface RuntimeLocalRunOptions {
  /** Variants asked for explicitly; a missing toolchain is then an error. @default every variant whose toolchain is installed */
  readonly variants?: readonly RuntimeVariantName[];
  readonly profile: ResolvedLoadProfile;
  /** Folder RunResults are written to. */
  readonly resultsDir: string;
  readonly progress: ProgressReporter;
  /** How many times each variant is measured (repeats feed the statistics). @default 1 */
  readonly repeat?: number;
  readonly label?: string;
  readonly signal?: AbortSignal;
  /** Drives the load: the embedded autocannon driver or k6. */
  readonly driver: LoadDriver;
}

/** What happened to one variant. */
export interface VariantOutcome {
  readonly variant: RuntimeVariantName;
  readonly status: 'measured' | 'skipped' | 'failed';
  /** Why it was skipped or failed. */
  readonly reason?: string;
  readonly results: RunResult[];
  readonly files: string[];
}

/** A variant was asked for but its toolchain is missing: says what to install. */
export class MissingToolchainError extends Error {
  constructor(readonly missing: ReadonlyArray<{ variant: string; hint: string }>) {
    super(missing.map((m) => `variant ${m.variant} needs its toolchain: ${m.hint}`).join('\n'));
    this.name = 'MissingToolchainError';
  }
}

/** Toolchain versions of the given variants; undefined for a missing toolchain. */
export function probeToolchains(names: readonly RuntimeVariantName[]): Map<RuntimeVariantName, string | undefined> {
  return new Map(names.map((n) => [n, toolchainVersion(runtimeVariants[n].toolchain)]));
}

/** Runs the runtime experiment locally; resolves to one outcome per variant considered. */
export async function runRuntimeLocal(opts: RuntimeLocalRunOptions): Promise<VariantOutcome[]> {
  const explicit = opts.variants !== undefined;
  const names = opts.variants ?? RUNTIME_VARIANTS;
  const toolchains = probeToolchains(names);
  const missing = names.filter((n) => toolchains.get(n) === undefined);
  if (explicit && missing.length) {
    throw new MissingToolchainError(missing.map((n) => ({ variant: n, hint: runtimeVariants[n].toolchain.installHint })));
  }
  const outcomes: VariantOutcome[] = [];
  for (const n of missing) {
    const reason = `${runtimeVariants[n].toolchain.command} not found — ${runtimeVariants[n].toolchain.installHint}`;
    opts.progress.step(`[${n}] skipped: ${reason}`);
    outcomes.push({ variant: n, status: 'skipped', reason, results: [], files: [] });
  }
  const runnable = names.filter((n) => !missing.includes(n));
  const built: RuntimeVariantName[] = [];
  for (const n of runnable) {
    const spec = runtimeVariants[n];
    opts.progress.step(`[${n}] building (${spec.description})`);
    try {
      for (const step of spec.build) await runCommand(step, `build ${n}`);
      built.push(n);
    } catch (err) {
      outcomes.push({ variant: n, status: 'failed', reason: (err as Error).message, results: [], files: [] });
      opts.progress.step(`[${n}] build failed: ${(err as Error).message}`);
    }
  }
  const answers = new Map<string, readonly ProbeAnswer[]>();
  const toolVersions: Record<string, string> = { [opts.driver.info.name]: opts.driver.info.version };
  for (const n of built) {
    if (opts.signal?.aborted) break;
    const spec = runtimeVariants[n];
    const environment = localEnvironment('local', { ...toolVersions, [spec.toolchain.command.split('/').pop() ?? n]: toolchains.get(n) ?? 'unknown' });
    const results: RunResult[] = [];
    const files: string[] = [];
    try {
      for (let i = 0; i < (opts.repeat ?? 1); i++) {
        if (opts.signal?.aborted) break;
        if ((opts.repeat ?? 1) > 1) opts.progress.step(`[${n}] repeat ${i + 1}/${opts.repeat}`);
        const measured = await measureHttpServer({
          experiment: runtimeExperiment.name,
          variant: n,
          start: spec.start,
          profile: opts.profile,
          probes: runtimeProbes,
          checkAnswers: (got) => {
            const trial = new Map(answers);
            trial.set(n, got);
            return compareAnswers(runtimeProbes, trial)
              .filter((m) => m.variant === n)
              .map((m) => `${m.probe}: ${m.detail}`);
          },
          environment,
          driver: opts.driver,
          progress: opts.progress,
          label: opts.label,
          signal: opts.signal,
        });
        if (!answers.has(n)) answers.set(n, measured.answers);
        if (opts.signal?.aborted) {
          opts.progress.step(`[${n}] aborted: the partial run is not stored`);
          break;
        }
        results.push(measured.result);
        files.push(writeRunResult(opts.resultsDir, measured.result));
      }
      outcomes.push({ variant: n, status: 'measured', results, files });
    } catch (err) {
      const reason = err instanceof ConformanceError ? err.message : `${(err as Error).message}`;
      opts.progress.step(`[${n}] failed: ${reason}`);
      outcomes.push({ variant: n, status: 'failed', reason, results, files });
    }
  }
  return outcomes;
}
