/**
 * `perflab plan <stack>`: what a stack would create, whether the lab's policies allow it, and
 * what it would cost — from the synthesized manifests and the pricing model, with no cluster and
 * no cloud account. Cloud and Helm resources that only exist inside Pulumi are listed by name.
 */
import { synthesizeStack } from '../cluster/synth-stack';
import { experiments } from '../../experiments';
import { HourlyCostEstimate, estimateHourlyCost } from '../cost/estimate-hourly';
import { profileDurationSeconds } from '../load/profile';
import { CheckReport, checkManifests } from '../policy/check';
import { readStackInfo } from '../policy/stack-config';
import { Manifest } from '../policy/types';

/** Everything `perflab plan` reports for one stack. */
export interface StackPlan {
  readonly stack: string;
  readonly experiment: string;
  readonly variant: string;
  readonly target: string;
  readonly runId: string;
  readonly profile: { readonly name: string; readonly seconds: number; readonly gracefulStopSeconds: number };
  /** The manifests the stack applies (Namespace first). */
  readonly objects: readonly Record<string, unknown>[];
  /** Resources Pulumi creates that have no manifest here (Helm releases, cloud resources). */
  readonly pulumiOnly: readonly string[];
  /** Pods the experiment adds outside its manifests (a mesh's control plane and sidecars), estimated and priced. */
  readonly estimated: readonly Record<string, unknown>[];
  readonly policy: CheckReport;
  readonly cost: HourlyCostEstimate;
  /** Cost while one run's workload is up: hourly × (profile length + graceful stop), USD. */
  readonly perRun: number;
}

/** Plans `stacks/Pulumi.<stack>.yaml` under `root`; throws ConfigError / StackFileError on bad input. */
export function planStack(stack: string, root: string, opts: { pricing?: string; policyConfig?: unknown } = {}): StackPlan {
  const s = synthesizeStack(stack, root);
  const objects = s.objects;
  const policy = checkManifests(objects as Manifest[], { stack: readStackInfo(stack, root), policyConfig: opts.policyConfig });
  const overhead = experiments[s.spec.experiment.name]?.planOverhead?.(s.spec.variant, objects) ?? { manifests: [], notes: [] };
  const cost = estimateHourlyCost([...objects, ...overhead.manifests], opts.pricing);
  const seconds = profileDurationSeconds(s.spec.profile);
  const pulumiOnly: string[] = [...overhead.notes];
  if (s.cost.tooling.tool !== 'none') pulumiOnly.push(`Helm release ${s.cost.tooling.tool} in namespace ${s.cost.tooling.namespace} (not estimated: chart defaults)`);
  return {
    stack,
    experiment: s.spec.experiment.name,
    variant: s.spec.variant,
    target: s.spec.target,
    runId: s.runId,
    profile: { name: s.spec.profile.name, seconds, gracefulStopSeconds: s.spec.profile.gracefulStopSeconds },
    objects,
    pulumiOnly,
    estimated: overhead.manifests,
    policy,
    cost,
    perRun: (cost.perHour * (seconds + s.spec.profile.gracefulStopSeconds)) / 3600,
  };
}
