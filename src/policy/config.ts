/**
 * Policy configuration, in the format of Pulumi's `--policy-pack-config` file so one file serves
 * both front ends: `{ "all": "advisory", "<rule-id>": "disabled" | { "enforcementLevel": ..., <setting>: ... } }`.
 * A rule's own entry wins over `all`, which wins over the rule's default level.
 */
import Ajv, { ValidateFunction } from 'ajv';
import { ENFORCEMENT_LEVELS, EnforcementLevel, Rule } from './types';

/** A rule's resolved configuration. */
export interface RuleConfig {
  readonly level: EnforcementLevel;
  readonly settings: Readonly<Record<string, unknown>>;
}

/** A policy config file that cannot be used: one message per problem. */
export class PolicyConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} policy config problems:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PolicyConfigError';
  }
}

/** The settings a rule runs with: its defaults overlaid with the configured properties (minus `enforcementLevel`). */
export function settingsFor<S>(rule: { defaults: S }, configured: Readonly<Record<string, unknown>> | undefined): S {
  const { enforcementLevel: _ignored, ...props } = configured ?? {};
  return { ...rule.defaults, ...props } as S;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new WeakMap<Rule, ValidateFunction>();

/** The compiled settings validator of a rule (compiled once). */
function validatorFor(rule: Rule): ValidateFunction {
  let v = validators.get(rule);
  if (!v) {
    v = ajv.compile({ type: 'object', properties: rule.settingsSchema, additionalProperties: false });
    validators.set(rule, v);
  }
  return v;
}

function entryOf(value: unknown): { level?: EnforcementLevel; props: Record<string, unknown> } | undefined {
  if (typeof value === 'string') return { level: value as EnforcementLevel, props: {} };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { enforcementLevel, ...props } = value as Record<string, unknown>;
    return { level: enforcementLevel as EnforcementLevel | undefined, props };
  }
  return undefined;
}

/**
 * Resolves a parsed config file (or `{}`) against the rules: each rule's level and settings.
 * Throws a PolicyConfigError naming every unknown rule, bad level and invalid setting.
 */
export function resolvePolicyConfig(raw: unknown, rules: readonly Rule[]): Map<string, RuleConfig> {
  const problems: string[] = [];
  const config = raw ?? {};
  if (typeof config !== 'object' || Array.isArray(config)) throw new PolicyConfigError(['the policy config must be a JSON object keyed by rule id']);
  const entries = config as Record<string, unknown>;
  const ids = new Set(rules.map((r) => r.id));
  for (const key of Object.keys(entries)) {
    if (key !== 'all' && !ids.has(key)) problems.push(`${key}: not a rule of this pack (rules: ${[...ids].join(', ')})`);
  }
  const checkLevel = (key: string, level: unknown): void => {
    if (level !== undefined && !ENFORCEMENT_LEVELS.includes(level as EnforcementLevel)) {
      problems.push(`${key}: enforcement level ${JSON.stringify(level)} is not one of ${ENFORCEMENT_LEVELS.join(', ')}`);
    }
  };
  const all = entries.all === undefined ? undefined : entryOf(entries.all);
  if (entries.all !== undefined && !all) problems.push('all: must be an enforcement level or an object with enforcementLevel');
  if (all) checkLevel('all', all.level);
  if (all && Object.keys(all.props).length) problems.push(`all: only enforcementLevel may be set for all rules (got ${Object.keys(all.props).join(', ')})`);

  const resolved = new Map<string, RuleConfig>();
  for (const rule of rules) {
    const raw = entries[rule.id];
    const entry = raw === undefined ? { props: {} } : entryOf(raw);
    if (!entry) {
      problems.push(`${rule.id}: must be an enforcement level or an object`);
      continue;
    }
    checkLevel(rule.id, entry.level);
    const validate = validatorFor(rule);
    if (!validate(entry.props)) {
      for (const e of validate.errors ?? []) {
        const where = e.instancePath ? `${rule.id}${e.instancePath.replace(/\//g, '.')}` : rule.id;
        const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)}; settings: ${Object.keys(rule.settingsSchema).join(', ') || 'none'})` : '';
        problems.push(`${where}: ${e.message ?? 'is invalid'}${extra}`);
      }
    }
    resolved.set(rule.id, { level: entry.level ?? all?.level ?? rule.level, settings: settingsFor(rule, entry.props) as Record<string, unknown> });
  }
  if (problems.length) throw new PolicyConfigError(problems);
  return resolved;
}
