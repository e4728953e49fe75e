/**
 * `checkManifests`: the lab's rules on a set of plain manifests (synthesized charts, files),
 * the front end `perflab check` and the tests share. Same rules, same messages as the pack.
 */
import { ALL_RULES } from '../../policies/rules';
import { RuleConfig, resolvePolicyConfig } from './config';
import { labCostEstimator } from './cost-model';
import { NotApplicable, runRules } from './runner';
import { CostEstimator, Finding, Manifest, Rule, StackInfo } from './types';

/** Options of checkManifests. */
export interface CheckOptions {
  /** Rules to run. @default every rule of the pack (policies/rules) */
  readonly rules?: readonly Rule[];
  /** A policy config (the `--policy-pack-config` JSON, parsed), or resolved configs. @default {} */
  readonly policyConfig?: unknown;
  /** The stack the objects belong to (name, raw config). @default none */
  readonly stack?: StackInfo;
  /** Cost model for cost-budget. @default the lab's (src/cost/estimate-hourly.ts) */
  readonly estimateHourlyCost?: CostEstimator;
}

/** What checkManifests found. */
export interface CheckReport {
  readonly findings: readonly Finding[];
  readonly notApplicable: readonly NotApplicable[];
  readonly objectCount: number;
  readonly mandatory: number;
  readonly advisory: number;
}

/**
 * Runs the rules on `objects`. Throws PolicyConfigError (src/policy/config.ts) for a bad policy
 * config; a violation is a Finding, never an exception.
 */
export function checkManifests(objects: readonly Manifest[], opts: CheckOptions = {}): CheckReport {
  const rules = opts.rules ?? ALL_RULES;
  const config: ReadonlyMap<string, RuleConfig> =
    opts.policyConfig instanceof Map ? (opts.policyConfig as ReadonlyMap<string, RuleConfig>) : resolvePolicyConfig(opts.policyConfig ?? {}, rules);
  const { findings, notApplicable } = runRules(objects, {
    rules,
    config,
    stack: opts.stack,
    estimateHourlyCost: opts.estimateHourlyCost ?? labCostEstimator(),
  });
  const mandatory = findings.filter((f) => f.level === 'mandatory').length;
  return { findings, notApplicable, objectCount: objects.length, mandatory, advisory: findings.length - mandatory };
}
