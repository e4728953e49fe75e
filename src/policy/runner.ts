/**
 * Runs rules over a set of objects and collects Findings, in rule order then object order; the
 * `perflab check` front end and the tests use it (the pack hands objects to the same rule
 * functions one policy at a time, see policies/policy-list.ts).
 */
import { RuleConfig } from './config';
import { kindOf, metaOf, nameOf } from './manifest';
import { CostEstimator, Finding, Manifest, ReportLevel, Rule, RuleNotApplicable, StackInfo } from './types';

/** Everything a run of the rules needs besides the objects. */
export interface RunOptions {
  readonly rules: readonly Rule[];
  /** Resolved configuration per rule id; a rule without an entry runs with its defaults. */
  readonly config?: ReadonlyMap<string, RuleConfig>;
  readonly stack?: StackInfo;
  readonly estimateHourlyCost?: CostEstimator;
}

/** A rule that could not judge, and why. */
export interface NotApplicable {
  readonly ruleId: string;
  readonly reason: string;
}

/** What a run of the rules found. */
export interface RunReport {
  readonly findings: Finding[];
  readonly notApplicable: NotApplicable[];
}

function findingFor(ruleId: string, level: ReportLevel, object: Manifest | undefined, stack: StackInfo, message: string): Finding {
  if (!object) return { ruleId, level, kind: 'Stack', name: stack.name ?? '(none)', message };
  const namespace = metaOf(object).namespace;
  return { ruleId, level, kind: kindOf(object), name: nameOf(object), namespace: typeof namespace === 'string' ? namespace : undefined, message };
}

/** Every violation of `opts.rules` among `objects`. Disabled rules do not run. */
export function runRules(objects: readonly Manifest[], opts: RunOptions): RunReport {
  const stack = opts.stack ?? {};
  const findings: Finding[] = [];
  const notApplicable: NotApplicable[] = [];
  for (const rule of opts.rules) {
    const configured = opts.config?.get(rule.id);
    const level = configured?.level ?? rule.level;
    if (level === 'disabled') continue;
    const settings = configured?.settings ?? rule.defaults;
    try {
      if (rule.scope === 'resource') {
        for (const object of objects) {
          const ctx = { settings, stack, encryptedFields: [], protectedFromDeletion: false };
          for (const message of rule.check(object, ctx)) findings.push(findingFor(rule.id, level, object, stack, message));
        }
      } else {
        for (const v of rule.check(objects, { settings, stack, estimateHourlyCost: opts.estimateHourlyCost })) {
          findings.push(findingFor(rule.id, level, v.object, stack, v.message));
        }
      }
    } catch (err) {
      if (!(err instanceof RuleNotApplicable)) throw err;
      notApplicable.push({ ruleId: rule.id, reason: err.reason });
    }
  }
  return { findings, notApplicable };
}
