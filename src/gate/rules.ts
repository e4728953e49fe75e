/**
 * Gate rules: for each compared figure, how much worse (relative, or absolute in the figure's
 * unit) the current runs may be before the gate fails or warns. Written as specs —
 * `p95=5%`, `p99=5%:fail`, `memory=10%:warn`, `errorRate=0.5pp`, `p50=2ms:warn`, `cpu=off` —
 * on the command line (`--threshold`) or in a JSON/YAML rules file:
 *
 * ```yaml
 * rules:
 *   p95: 5%             # fail when more than 5% worse beyond noise
 *   memory: 10%:warn
 *   rps: { maxWorse: 3%, action: fail }
 *   p50: off
 * ```
 */
import * as fs from 'fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { METRIC_IDS, MetricId, isMetricId, metricDefinition } from '../stats/metrics';

/** What a broken rule does. */
export type RuleAction = 'fail' | 'warn' | 'off';

/** One rule of the gate. */
export interface GateRule {
  readonly metric: MetricId;
  /** How much worse is tolerated: a fraction of the baseline (`relative`) or the figure's unit (`absolute`). */
  readonly tolerance: number;
  readonly kind: 'relative' | 'absolute';
  readonly action: RuleAction;
}

/** The gate's rules, one per figure. */
export type GateRules = Readonly<Record<MetricId, GateRule>>;

/** A rule spec or rules file is wrong; the message names it. */
export class RuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleError';
  }
}

const rel = (metric: MetricId, pct: number, action: RuleAction): GateRule => ({ metric, tolerance: pct / 100, kind: 'relative', action });

/** Defaults: p95 and p99 fail when > 5% worse beyond noise; the other figures warn. */
export const DEFAULT_RULES: GateRules = {
  p50: rel('p50', 10, 'warn'),
  p95: rel('p95', 5, 'fail'),
  p99: rel('p99', 5, 'fail'),
  rps: rel('rps', 5, 'warn'),
  errorRate: { metric: 'errorRate', tolerance: 0.005, kind: 'absolute', action: 'warn' },
  memory: rel('memory', 10, 'warn'),
  cpu: rel('cpu', 10, 'warn'),
};

const SPEC_HELP = 'expected <n>% (relative), <n>ms (latency), <n>pp (error rate) or off, optionally followed by :fail or :warn';

/** Parses the value part of a rule (`5%`, `5%:warn`, `2ms`, `0.5pp:fail`, `off`) for `metric`. */
export function parseRuleValue(metric: MetricId, spec: string, where: string): GateRule {
  const m = /^\s*(off|(\d+(?:\.\d+)?)\s*(%|ms|pp))\s*(?::\s*(fail|warn))?\s*$/i.exec(spec);
  if (!m) throw new RuleError(`${where}: ${JSON.stringify(spec)} is not a rule; ${SPEC_HELP}`);
  if (m[1].toLowerCase() === 'off') return { ...DEFAULT_RULES[metric], action: 'off' };
  const n = Number(m[2]);
  const unit = m[3].toLowerCase();
  const action = (m[4]?.toLowerCase() as RuleAction | undefined) ?? 'fail';
  const def = metricDefinition(metric);
  if (unit === '%') return { metric, tolerance: n / 100, kind: 'relative', action };
  if (unit === 'ms' && def.unit === 'ms') return { metric, tolerance: n, kind: 'absolute', action };
  if (unit === 'pp' && metric === 'errorRate') return { metric, tolerance: n / 100, kind: 'absolute', action };
  throw new RuleError(`${where}: ${JSON.stringify(spec)}: unit ${unit} does not apply to ${metric}; ${SPEC_HELP}`);
}

/** Parses `metric=value` (the `--threshold` flag). */
export function parseRuleSpec(spec: string): GateRule {
  const eq = spec.indexOf('=');
  const metric = eq < 0 ? spec : spec.slice(0, eq).trim();
  if (eq < 0 || !isMetricId(metric)) {
    throw new RuleError(`--threshold ${JSON.stringify(spec)}: expected <metric>=<rule> with metric one of ${METRIC_IDS.join(', ')}`);
  }
  return parseRuleValue(metric, spec.slice(eq + 1), `--threshold ${metric}`);
}

const RuleObject = z.object({ maxWorse: z.union([z.string(), z.number()]), action: z.enum(['fail', 'warn', 'off']).optional() }).strict();
const RulesFile = z.object({ rules: z.record(z.string(), z.union([z.string(), RuleObject])) }).strict();

/** Reads a JSON or YAML rules file into rule overrides. */
export function readRulesFile(file: string): GateRule[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new RuleError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new RuleError(`${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'} (${(err as Error).message})`);
  }
  const parsed = RulesFile.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RuleError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}; expected { rules: { <metric>: "<rule>" | { maxWorse, action } } }`);
  }
  return Object.entries(parsed.data.rules).map(([metric, value]) => {
    if (!isMetricId(metric)) throw new RuleError(`${file}: rules.${metric} is not a metric; expected one of ${METRIC_IDS.join(', ')}`);
    if (typeof value === 'string') return parseRuleValue(metric, value, `${file}: rules.${metric}`);
    const base = parseRuleValue(metric, typeof value.maxWorse === 'number' ? `${value.maxWorse}%` : value.maxWorse, `${file}: rules.${metric}.maxWorse`);
    return { ...base, action: value.action ?? 'fail' };
  });
}

/** Defaults with overrides applied in order (a rules file, then `--threshold` flags). */
export function buildRules(overrides: readonly GateRule[]): GateRules {
  const out: Record<MetricId, GateRule> = { ...DEFAULT_RULES };
  for (const r of overrides) out[r.metric] = r;
  return out;
}

/** A rule as written back for tables: `> 5% worse → fail`. */
export function describeRule(r: GateRule): string {
  if (r.action === 'off') return 'off';
  const amount = r.kind === 'relative' ? `${+(r.tolerance * 100).toFixed(3)}%` : r.metric === 'errorRate' ? `${+(r.tolerance * 100).toFixed(3)}pp` : `${r.tolerance}ms`;
  return `>${amount} ${r.action}`;
}
