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
  /** Drives HTTP load: the embedded autocannon driver or k6 (targets with their own workload tools ignore it). */
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

/** An experiment that can run on this machine's processes. */
export interface LocalTarget {
  readonly experiment: string;
  /** The tool that generates load, for the run banner. @default the HTTP driver (autocannon or k6) */
  readonly loadTool?: string;
  run(opts: LocalRunOptions): Promise<VariantOutcome[]>;
}

/** Variants were asked for but their tools are missing: says what to install for each. */
export class MissingToolchainError extends Error {
  constructor(readonly missing: ReadonlyArray<{ variant: string; hint: string }>) {
    super(missing.map((m) => `variant ${m.variant} needs its toolchain: ${m.hint}`).join('\n'));
    this.name = 'MissingToolchainError';
  }
}
