/**
 * The lab's rules as CrossGuard policies — one policy per rule, named by the rule id, with the
 * rule's default enforcement level and its settings as the policy's config schema. Each policy
 * adapts the Pulumi resource(s) to plain objects (adapter.ts) and calls the rule's own check, so
 * the pack and `perflab check` report the same messages. This module only builds the list;
 * policies/index.ts hands it to `new PolicyPack` (which starts the gRPC server).
 */
import {
  Policies, PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy,
} from '@pulumi/policy';
import { settingsFor } from '../src/policy/config';
import { labCostEstimator } from '../src/policy/cost-model';
import { tryReadStackInfo } from '../src/policy/stack-config';
import { CostEstimator, Manifest, ResourceRule, Rule, RuleNotApplicable, StackInfo, StackRule } from '../src/policy/types';
import { manifestFromResource, plainCopy, stackNameOfUrn } from './adapter';
import { ALL_RULES } from './rules';

/** What the policies are built from. */
export interface PolicyListOptions {
  /** @default every rule (policies/rules) */
  readonly rules?: readonly Rule[];
  /** Cost model for cost-budget. @default the lab's (src/cost/estimate-hourly.ts) */
  readonly estimateHourlyCost?: CostEstimator;
  /**
   * Where the stack's config is read from, by stack name. @default the repo's
   * `stacks/Pulumi.<stack>.yaml` (the stack name comes from the resource URNs)
   */
  readonly stackInfo?: (stack: string) => StackInfo;
}

/** Calls `run`, turning RuleNotApplicable into CrossGuard's notApplicable. */
function guarded(notApplicable: (reason?: string) => never, run: () => void): void {
  try {
    run();
  } catch (err) {
    if (err instanceof RuleNotApplicable) notApplicable(err.reason);
    throw err;
  }
}

function resourcePolicy(rule: ResourceRule<unknown>, stackInfo: (stack: string) => StackInfo): ResourceValidationPolicy {
  return {
    name: rule.id,
    description: rule.description,
    enforcementLevel: rule.level,
    configSchema: { properties: { ...rule.settingsSchema } },
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      const manifest = manifestFromResource(args);
      if (!manifest) return;
      const stackName = stackNameOfUrn(args.urn);
      const ctx = {
        settings: settingsFor(rule, args.getConfig<Record<string, unknown>>()),
        stack: stackName ? stackInfo(stackName) : {},
        encryptedFields: args.opts?.additionalSecretOutputs ?? [],
        protectedFromDeletion: args.opts?.protect === true,
      };
      guarded(args.notApplicable, () => {
        for (const message of rule.check(manifest, ctx)) reportViolation(message);
      });
    },
  };
}

function stackPolicy(rule: StackRule<unknown>, stackInfo: (stack: string) => StackInfo, estimateHourlyCost: CostEstimator): StackValidationPolicy {
  return {
    name: rule.id,
    description: rule.description,
    enforcementLevel: rule.level,
    configSchema: { properties: { ...rule.settingsSchema } },
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const urnOf = new Map<Manifest, string>();
      const objects: Manifest[] = [];
      let root: PolicyResource | undefined;
      for (const r of args.resources) {
        if (r.type === 'pulumi:pulumi:Stack') root = r;
        const m = manifestFromResource(r);
        if (!m) continue;
        urnOf.set(m, r.urn);
        objects.push(m);
      }
      const stackName = stackNameOfUrn(root?.urn ?? args.resources[0]?.urn ?? '');
      const stack: StackInfo = { ...(stackName ? stackInfo(stackName) : {}), outputs: root ? (plainCopy(root.props) as Record<string, unknown>) : undefined };
      const settings = settingsFor(rule, args.getConfig<Record<string, unknown>>());
      guarded(args.notApplicable, () => {
        for (const v of rule.check(objects, { settings, stack, estimateHourlyCost })) {
          reportViolation(v.message, v.object ? urnOf.get(v.object) : undefined);
        }
      });
    },
  };
}

/** The CrossGuard policies of `opts.rules`. */
export function buildPolicies(opts: PolicyListOptions = {}): Policies {
  const cache = new Map<string, StackInfo>();
  const stackInfo =
    opts.stackInfo ??
    ((stack: string): StackInfo => {
      if (!cache.has(stack)) cache.set(stack, tryReadStackInfo(stack));
      return cache.get(stack)!;
    });
  const estimate = opts.estimateHourlyCost ?? labCostEstimator();
  return (opts.rules ?? ALL_RULES).map((rule) =>
    rule.scope === 'resource' ? resourcePolicy(rule, stackInfo) : stackPolicy(rule, stackInfo, estimate),
  );
}

/** Every rule of the lab as a CrossGuard policy. */
export const policies: Policies = buildPolicies();
