/**
 * Cloud resources are ephemeral exactly when the stack says it is an experiment. A stack is an
 * experiment when its config sets `perflab:experiment` (every lab stack does; it is how index.ts
 * picks the experiment) or its name matches `experimentStacks`. On an experiment stack,
 * `pulumi destroy` must really remove everything: no deletion protection, no Pulumi `protect`,
 * no final snapshot left billing, no Crossplane/ASO object that orphans its cloud resource. On
 * any other stack, the same settings are the safety net and must stay on.
 */
import { globMatches } from '../../src/policy/allow-list';
import { StackInfo, ResourceRule } from '../../src/policy/types';
import { cloudViewOf } from './cloud-resources';

/** Stack config key whose presence marks a stack as an experiment. */
export const EXPERIMENT_CONFIG_KEY = 'perflab:experiment';

/** Settings of cloud-ephemeral. */
export interface EphemeralSettings {
  /** Stack names (`*` wildcards) that are experiments even if their config cannot be read. */
  readonly experimentStacks: readonly string[];
}

/** Whether the stack declares itself an experiment (config `perflab:experiment`, or a name in experimentStacks). */
export function isExperimentStack(stack: StackInfo, settings: EphemeralSettings): boolean {
  const value = stack.config?.[EXPERIMENT_CONFIG_KEY];
  if (typeof value === 'string' && value !== '') return true;
  return stack.name !== undefined && settings.experimentStacks.some((p) => globMatches(p, stack.name!));
}

/** Ephemeral on experiment stacks, protected everywhere else. */
export const cloudEphemeral: ResourceRule<EphemeralSettings> = {
  scope: 'resource',
  id: 'cloud-ephemeral',
  description: 'On experiment stacks cloud resources are disposable (no deletion protection, skipFinalSnapshot, nothing orphaned); on other stacks they are protected.',
  level: 'mandatory',
  mirrors: ['Checkov CKV_AWS_293 / AWS Config rds-instance-deletion-protection-enabled (required on non-experiment stacks, forbidden on experiment stacks)'],
  settingsSchema: { experimentStacks: { type: 'array', items: { type: 'string' }, default: [] } },
  defaults: { experimentStacks: [] },
  check(object, { settings, stack, protectedFromDeletion }) {
    const view = cloudViewOf(object);
    if (!view) return [];
    const out: string[] = [];
    if (isExperimentStack(stack, settings)) {
      const why = 'on an experiment stack, pulumi destroy must remove it';
      if (view.deletionProtection?.value) out.push(`${view.deletionProtection.field} is true; ${why} (set it to false)`);
      if (view.skipFinalSnapshot && !view.skipFinalSnapshot.value) {
        out.push(`${view.skipFinalSnapshot.field} is not true: destroying the stack would leave a final snapshot that bills until someone deletes it`);
      }
      if (view.retainedOnDelete) out.push(`${view.retainedOnDelete}: deleting it would leave the ${view.what} running; ${why}`);
      if (protectedFromDeletion) out.push(`the resource is protected (Pulumi protect: true); ${why}`);
      return out;
    }
    const why = `this stack is not an experiment (its config does not set ${EXPERIMENT_CONFIG_KEY}), so the ${view.what} must survive a mistaken destroy`;
    if (view.deletionProtection && !view.deletionProtection.value) out.push(`${view.deletionProtection.field} is not true; ${why}`);
    if (view.skipFinalSnapshot?.value) out.push(`${view.skipFinalSnapshot.field} is true; ${why}`);
    return out;
  },
};
