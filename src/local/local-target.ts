/**
 * The contract between `perflab run --target local` and each experiment's local target: the
 * options every target receives and the outcome it reports per variant.
 */
import { ResolvedLoadProfile } from '../load/profile';
import { RunResult } from '../results/run-result';
import { LoadDriver } from './measured-load';
import { ProgressReporter } from './progress';

/** Options every experiment's local target receives. */
export interface LocalRunOptions {
  /** Variants asked for explicitly; a missing toolchain is then an error. @default every variant whose tools are installed */
  readonly variants?: readonly string[];
  readonly profile: ResolvedLoadProfile;
  /** Folder RunResults are written to. */
  readonly resultsDir: string;
  readonly progress: ProgressReporter;
  /** How many times each variant is measured (repeats feed the statistics). @default 1 */
  readonly repeat?: number;
  readonly label?: string;
  readonly signal?: AbortSignal;
  /** Drives HTTP load: the native driver, autocannon or k6 (targets with their own workload tools ignore it). */
  readonly driver: LoadDriver;
}

/** What happened to one variant. */
export interface VariantOutcome {
  readonly variant: string;
  readonly status: 'measured' | 'skipped' | 'failed';
  /** Why it was skipped or failed. */
  readonly reason?: string;
  readonly results: RunResult[];
  readonly files: string[];
}

/**
 * An option an experiment's local target adds to `perflab run`; its value reaches the target
 * through an environment variable, so the same setting works from a shell profile or CI env.
 */
export interface LocalTargetOption {
  /** Commander flags, e.g. `--scenario <list>`. */
  readonly flags: string;
  readonly description: string;
  /** Environment variable the value is passed in, e.g. `PERFLAB_MQ_SCENARIO`. */
  readonly env: string;
}

/** An experiment that can run on this machine's processes. */
export interface LocalTarget {
  readonly experiment: string;
  /** The tool that generates load, for the run banner. @default the HTTP driver (autocannon or k6) */
  readonly loadTool?: string;
  /** Options of its own on `perflab run`. @default none */
  readonly options?: readonly LocalTargetOption[];
  run(opts: LocalRunOptions): Promise<VariantOutcome[]>;
}

/** Variants were asked for but their tools are missing: says what to install for each. */
export class MissingToolchainError extends Error {
  constructor(readonly missing: ReadonlyArray<{ variant: string; hint: string }>) {
    super(missing.map((m) => `variant ${m.variant} needs its toolchain: ${m.hint}`).join('\n'));
    this.name = 'MissingToolchainError';
  }
}
