/**
 * The rule engine's vocabulary, shared by both front ends (the CrossGuard pack in policies/ and
 * `perflab check`): a rule takes a plain Kubernetes-shaped object (or all of them, for a stack
 * rule) plus a context, and returns violation messages. Nothing here knows about Pulumi.
 */
import type { PolicyConfigJSONSchema } from '@pulumi/policy/schema';

/** How a violation counts: `mandatory` fails the preview / `perflab check`, `advisory` only warns. */
export type ReportLevel = 'mandatory' | 'advisory';

/** A rule's enforcement as configured: a report level, or `disabled` (the rule does not run). */
export type EnforcementLevel = ReportLevel | 'disabled';

/** The enforcement levels a policy config may name. */
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ['mandatory', 'advisory', 'disabled'];

/** `metadata` of an object, as far as the rules read it. */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * One object the rules look at: a Kubernetes manifest (apiVersion, kind, metadata, ...), or a
 * cloud resource of the Pulumi program in the same shape (kind = the Pulumi type token, the
 * resource's inputs under `props`; see policies/adapter.ts).
 */
export interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [key: string]: unknown;
}

/** What the rules know about the stack the objects belong to. */
export interface StackInfo {
  /** Stack name, e.g. `runtime-go`; absent for a bare directory of manifests. */
  readonly name?: string;
  /**
   * The stack's config as written in `Pulumi.<stack>.yaml`, by full key (`perflab:experiment`);
   * encrypted values stay `{ secure: "..." }`. Absent when the config cannot be read.
   */
  readonly config?: Readonly<Record<string, unknown>>;
  /** The stack's outputs, when known (the pack sees them; synthesized manifests have none). */
  readonly outputs?: Readonly<Record<string, unknown>>;
}

/** Estimated USD per hour of running a set of objects at a named pricing (the lab's cost model, injected). */
export type CostEstimator = (objects: readonly Manifest[], pricing: string) => number;

/** Context of one resource rule call. */
export interface ResourceRuleContext<S> {
  /** The rule's settings: its defaults overlaid with the policy config. */
  readonly settings: S;
  readonly stack: StackInfo;
  /**
   * Top-level fields of this object that the deployment stores encrypted (Pulumi's
   * `additionalSecretOutputs`, e.g. `data` and `stringData` of a Kubernetes Secret). Empty for
   * objects read from files: nothing encrypts them.
   */
  readonly encryptedFields: readonly string[];
  /** Whether the object is protected from deletion by the deployment tool (Pulumi `protect`). */
  readonly protectedFromDeletion: boolean;
}

/** Context of one stack rule call. */
export interface StackRuleContext<S> {
  /** The rule's settings: its defaults overlaid with the policy config. */
  readonly settings: S;
  readonly stack: StackInfo;
  /** The cost model, when one is available to this front end. */
  readonly estimateHourlyCost?: CostEstimator;
}

/** A violation a stack rule found: on one object, or on the stack as a whole (no object). */
export interface StackViolation {
  readonly object?: Manifest;
  readonly message: string;
}

/** JSON Schemas of a rule's settings, by setting name (Pulumi's policy `configSchema.properties`). */
export type SettingsSchema = Readonly<Record<string, PolicyConfigJSONSchema>>;

/** What every rule declares, whatever it checks. */
export interface RuleBase<S> {
  /** Stable id: the CrossGuard policy name and the `<rule-id>` of `perflab check`. */
  readonly id: string;
  /** One sentence: what the rule requires. */
  readonly description: string;
  /** Enforcement when the policy config says nothing. */
  readonly level: ReportLevel;
  /** The checks of trusted tools this rule mirrors (documented in policies/README.md). */
  readonly mirrors: readonly string[];
  /** JSON Schemas of the settings (the policy config may set them per rule). */
  readonly settingsSchema: SettingsSchema;
  /** Settings used when the policy config does not set them. */
  readonly defaults: S;
}

/** A rule that judges one object at a time (a CrossGuard `validateResource`). */
export interface ResourceRule<S = unknown> extends RuleBase<S> {
  readonly scope: 'resource';
  /** Violation messages for `object`; empty when it complies or the rule does not apply to it. */
  check(object: Manifest, ctx: ResourceRuleContext<S>): string[];
}

/** A rule that judges the stack's objects together (a CrossGuard `validateStack`). */
export interface StackRule<S = unknown> extends RuleBase<S> {
  readonly scope: 'stack';
  /** Violations among `objects`; empty when the stack complies. */
  check(objects: readonly Manifest[], ctx: StackRuleContext<S>): StackViolation[];
}

/** Any rule. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule = ResourceRule<any> | StackRule<any>;

/**
 * Thrown by a rule that cannot judge with what this front end gives it (for example, no cost
 * model): the pack reports the policy as not applicable, `perflab check` prints it as not run.
 */
export class RuleNotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RuleNotApplicable';
  }
}

/** One violation as both front ends report it. */
export interface Finding {
  readonly ruleId: string;
  readonly level: ReportLevel;
  /** Kind of the object (`Deployment`, `aws:rds/instance:Instance`), or `Stack`. */
  readonly kind: string;
  /** Name of the object, or of the stack. */
  readonly name: string;
  readonly namespace?: string;
  readonly message: string;
}
