/**
 * The lab's cost model (src/cost/estimate-hourly.ts) as the CostEstimator the cost-budget rule
 * takes: resource requests of the Kubernetes objects × the pricing's unit rates, USD per hour.
 * Cloud resources of the Pulumi program are not priced by that model and are left out.
 */
import { PricingError } from '../cost/errors';
import { estimateHourlyCost } from '../cost/estimate-hourly';
import { DEFAULT_PRICING } from '../cost/pricing';
import { isKubernetesObject } from './manifest';
import { CostEstimator, RuleNotApplicable } from './types';

/** The pricing the lab's cost model uses when none is configured. */
export const DEFAULT_COST_PRICING = DEFAULT_PRICING;

/** The lab's cost model as a CostEstimator (`pricing`: a pricing name of src/cost/pricing-data.json). */
export function labCostEstimator(): CostEstimator {
  return (objects, pricing) => {
    try {
      return estimateHourlyCost(objects.filter(isKubernetesObject), pricing).perHour;
    } catch (err) {
      if (err instanceof PricingError) throw new RuleNotApplicable(`the cost model cannot price these objects: ${err.message}`);
      throw err;
    }
  };
}
