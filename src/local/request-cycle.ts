/**
 * A weighted request mix as a fixed cycle of requests for a load generator that replays a list
 * (smooth weighted round-robin: the endpoints are interleaved, not batched, in their weights'
 * proportions).
 */
import { Endpoint } from '../load/profile';

/** Longest cycle built from a mix; weights are approximated to fit. */
export const MAX_CYCLE_LENGTH = 1000;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Whole-number weights in the same proportions (to 1%), reduced by their common divisor. */
export function integerWeights(weights: readonly number[]): number[] {
  const min = Math.min(...weights);
  const ints = weights.map((w) => Math.max(1, Math.round((w / min) * 100)));
  const d = ints.reduce(gcd);
  let out = ints.map((w) => w / d);
  const total = out.reduce((a, b) => a + b, 0);
  if (total > MAX_CYCLE_LENGTH) out = out.map((w) => Math.max(1, Math.round((w * MAX_CYCLE_LENGTH) / total)));
  return out;
}

/** Indexes into `mix`, one per request of the cycle, interleaved by smooth weighted round-robin. */
export function requestCycle(mix: readonly Endpoint[]): number[] {
  const weights = integerWeights(mix.map((e) => e.weight));
  const total = weights.reduce((a, b) => a + b, 0);
  const current = weights.map(() => 0);
  const cycle: number[] = [];
  for (let n = 0; n < total; n++) {
    let best = 0;
    for (let i = 0; i < weights.length; i++) {
      current[i] += weights[i];
      if (current[i] > current[best]) best = i;
    }
    current[best] -= total;
    cycle.push(best);
  }
  return cycle;
}
