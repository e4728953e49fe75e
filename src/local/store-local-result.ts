/**
 * Stores a local run's RunResult. Local runs have no cost tool, so the result first gets its
 * modelled cost (measured CPU and memory × the pricing model) — every local target stores
 * through here, so every local result carries cost the same way.
 */
import { withModelledCost } from '../cost/modelled-cost';
import { RunResult } from '../results/run-result';
import { writeRunResult } from '../results/store';

/** Adds the modelled cost, writes the result atomically, and returns both. */
export function storeLocalResult(resultsDir: string, measured: RunResult): { result: RunResult; file: string } {
  const result = withModelledCost(measured);
  return { result, file: writeRunResult(resultsDir, result) };
}
