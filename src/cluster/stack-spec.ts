/**
 * A stack's config → what a cluster run needs: the validated ExperimentSpec, the cluster knobs
 * and the run id, with the checks only the cluster path makes (target is a cluster, the
 * experiment has a cluster program). index.ts and `perflab synth` both use it, so a bad value
 * gets the same message from `pulumi up` and from synth.
 */
import { ConfigError } from '../config/errors';
import { ExperimentSpec, fromNamespacedConfig, parseExperimentConfig } from '../config/spec';
import { ClusterOptions, parseClusterConfig } from './cluster-config';
import { deriveRunId } from './run-id';
import { CostSettings, parseCostSettings } from './cost-settings';


/** A validated cluster run of one stack. */
export interface StackSpec {
  readonly stack: string;
  readonly spec: ExperimentSpec;
  readonly options: ClusterOptions;
  readonly runId: string;
  /** How the stack's runs are priced (cost tool installed, cost API read). */
  readonly cost: CostSettings;
}

/** Validates a stack's full config map (all namespaces); throws one ConfigError listing every problem. */
export function stackSpec(stack: string, config: Readonly<Record<string, unknown>>): StackSpec {
  const problems: string[] = [];
  let spec: ExperimentSpec | undefined;
  let options: ClusterOptions | undefined;
  try {
    spec = parseExperimentConfig(fromNamespacedConfig(config));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  try {
    options = parseClusterConfig(config);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  if (spec?.target === 'local') {
    problems.push(
      `perflab:target: "local" runs on this machine, not through Pulumi; use \`npx perflab run ${spec.experiment.name} --target local\`, or set perflab:target to k3s, eks or aks`,
    );
  }
  if (problems.length || !spec || !options) throw new ConfigError(problems);
  // The cost keys were validated with the shared schema above; this only resolves them.
  const cost = parseCostSettings(fromNamespacedConfig(config));
  return { stack, spec, options, runId: deriveRunId(spec, options, stack), cost };
}
