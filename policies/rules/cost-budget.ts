/**
 * The stack's estimated hourly cost stays under its budget. The estimate comes from the lab's
 * cost model (src/cost), injected by the front end as a `(objects) => USD per hour` function;
 * a front end without a cost model reports the rule as not applicable rather than passing it silently.
 */
import { globMatches } from '../../src/policy/allow-list';
import { RuleNotApplicable, StackRule } from '../../src/policy/types';

/** Settings of cost-budget. */
export interface CostBudgetSettings {
  /** Budget in USD per hour for any stack without its own entry. */
  readonly maxHourlyUsd: number;
  /** Budgets of particular stacks (`*` wildcards), USD per hour; the first match wins. */
  readonly stackBudgets: Readonly<Record<string, number>>;
  /** Pricing the cost model uses (a name in src/cost/pricing-data.json). */
  readonly pricing: string;
}

/** The budget that applies to a stack. */
export function budgetFor(stackName: string | undefined, settings: CostBudgetSettings): number {
  if (stackName !== undefined) {
    for (const [pattern, usd] of Object.entries(settings.stackBudgets)) if (globMatches(pattern, stackName)) return usd;
  }
  return settings.maxHourlyUsd;
}

const usd = (n: number): string => `$${n.toFixed(n < 1 ? 4 : 2)}/h`;

/** The estimated USD per hour of all the stack's objects is at most its budget. */
export const costBudget: StackRule<CostBudgetSettings> = {
  scope: 'stack',
  id: 'cost-budget',
  description: 'The stack\'s estimated hourly cost (lab cost model) is within its budget.',
  level: 'mandatory',
  mirrors: ['lab-specific (budget guardrail in the spirit of AWS Budgets / Infracost policies)'],
  settingsSchema: {
    maxHourlyUsd: { type: 'number', exclusiveMinimum: 0, default: 2 },
    stackBudgets: { type: 'object', additionalProperties: { type: 'number', exclusiveMinimum: 0 }, default: {} },
    pricing: { type: 'string', description: 'Pricing of the cost model (src/cost/pricing-data.json).', default: 'opencost-default' },
  },
  defaults: { maxHourlyUsd: 2, stackBudgets: {}, pricing: 'opencost-default' },
  check(objects, { settings, stack, estimateHourlyCost }) {
    if (!estimateHourlyCost) throw new RuleNotApplicable('no cost model is available to this front end, so the hourly cost was not estimated');
    const estimate = estimateHourlyCost(objects, settings.pricing);
    const budget = budgetFor(stack.name, settings);
    if (!Number.isFinite(estimate)) return [{ message: `the cost model returned ${String(estimate)} instead of an hourly cost` }];
    if (estimate > budget) return [{ message: `estimated cost ${usd(estimate)} (${settings.pricing} pricing) exceeds the budget of ${usd(budget)}` }];
    return [];
  },
};
