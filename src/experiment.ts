/**
 * What every experiment declares so the shared config, load and result machinery can serve it:
 * its name, its variants, its own config keys, and the request mix its load profiles use.
 */
import { z } from 'zod';
import { Endpoint } from './load/profile';
import type { RunResult } from './results/run-result';

/** A section an experiment adds to `perflab compare`: a title and its table. */
export interface ComparisonSection {
  readonly title: string;
  readonly table: string;
}

/** The declaration of one experiment (runtime, database, messaging, mesh, ...). */
export interface ExperimentDefinition<S extends z.ZodRawShape = z.ZodRawShape> {
  /** Config value of `perflab:experiment`, and the folder name under experiments/. */
  readonly name: string;
  /** One line for help and reports. */
  readonly description: string;
  /** Allowed values of `perflab:variant`. */
  readonly variants: readonly [string, ...string[]];
  /**
   * Former variant names, each with the reason it is gone and the name to use instead: a stack
   * that still sets one gets a config error that says so. @default none
   */
  readonly retiredVariants?: Readonly<Record<string, string>>;
  /** The experiment's own `perflab:*` keys, with defaults. */
  readonly configShape: S;
  /** Request mix used when the load profile does not name one. */
  readonly defaultRequestMix: readonly Endpoint[];
  /** What the main throughput figure counts (requests, transactions, messages). @default requests */
  readonly throughputUnit?: 'requests' | 'transactions' | 'messages';
  /** Experiment-specific views `perflab compare` prints after its generic tables. @default none */
  readonly comparisons?: (results: readonly RunResult[], opts: { confidence: number; seed: number }) => ComparisonSection[];
  /**
   * Pods the experiment adds outside the stack's manifests (a mesh's control plane and
   * sidecars), as estimated manifests `perflab plan` prices, with a note per estimate. @default none
   */
  readonly planOverhead?: (variant: string, objects: readonly Record<string, unknown>[]) => { manifests: Record<string, unknown>[]; notes: string[] };
}
